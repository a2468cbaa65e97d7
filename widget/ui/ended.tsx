import type { ConversationStatus } from '../api/types';
import type { Strings } from '../i18n/en';

interface EndedProps {
  strings: Strings;
  status: ConversationStatus | undefined;
  onStartNew(): void;
}

/** The team resolved or closed the conversation: say which, and offer a new one. */
export function Ended({ strings, status, onStartNew }: EndedProps) {
  return (
    <div class="ended">
      <p role="status">{status === 'resolved' ? strings.resolved : strings.closed}</p>
      <button type="button" class="btn" data-autofocus="" onClick={onStartNew}>
        {strings.startNew}
      </button>
    </div>
  );
}
