import type { Notice } from '../core/state';
import type { Strings } from '../i18n/en';
import { CloseIcon } from './icons';

interface NoticesProps {
  strings: Strings;
  online: boolean;
  notice: Notice | null;
  onDismiss(): void;
}

/**
 * Offline is a status (polite, it is not the customer's doing); errors are alerts. The session's
 * own offline notice says what the browser's hint says, so only one is shown, in our words.
 */
export function Notices({ strings, online, notice, onDismiss }: NoticesProps) {
  const offline = !online || notice?.kind === 'offline';
  const error = notice?.kind === 'error' ? notice.text || strings.genericError : null;
  return (
    <>
      <div role="status" class={offline ? 'notice' : 'sr'}>
        {offline && <p>{strings.offline}</p>}
      </div>
      {error && (
        <div role="alert" class="notice error">
          {/* The helpdesk's words may be in another language than the panel's. */}
          <p dir="auto">{error}</p>
          <button type="button" class="icon-btn" aria-label={strings.dismiss} onClick={onDismiss}>
            <CloseIcon />
          </button>
        </div>
      )}
    </>
  );
}
