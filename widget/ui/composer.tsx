import type { Strings } from '../i18n/en';
import { SendIcon } from './icons';

interface ComposerProps {
  strings: Strings;
  draft: string;
  rtl: boolean;
  onDraft(text: string): void;
  onSend(text: string): void;
}

const MAX_ROWS = 5;

/** The reply box. Its text is the session's draft, so nothing typed is lost on close or reload. */
export function Composer({ strings, draft, rtl, onDraft, onSend }: ComposerProps) {
  const send = () => {
    if (draft.trim()) onSend(draft);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    // isComposing: Enter that confirms an IME candidate (Japanese, Chinese) must not send.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
      event.preventDefault();
      send();
    }
  };
  // Grows with its lines where CSS `field-sizing` is missing; wrapped lines scroll.
  const rows = Math.min(MAX_ROWS, draft.split('\n').length);
  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <textarea
        class="input"
        rows={rows}
        aria-label={strings.writeReply}
        placeholder={strings.writeReply}
        value={draft}
        data-autofocus=""
        onInput={(event) => onDraft(event.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
      <button type="submit" class="send" aria-label={strings.send}>
        <SendIcon rtl={rtl} />
      </button>
    </form>
  );
}
