import type { Ref } from 'preact';
import { type Strings, format } from '../i18n';
import { ChatIcon, ChevronDownIcon } from './icons';

interface LauncherProps {
  strings: Strings;
  open: boolean;
  unreadCount: number;
  onToggle(): void;
  buttonRef: Ref<HTMLButtonElement>;
}

const UNREAD_ID = 'parley-unread';

/** The floating button. Its name is fixed by product.md, so the unread count is its description. */
export function Launcher({ strings, open, unreadCount, onToggle, buttonRef }: LauncherProps) {
  const showBadge = unreadCount > 0 && !open;
  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        class="launcher"
        aria-label={open ? strings.closeChat : strings.openChat}
        // Preact writes false as "false" on aria-* attributes (not removed as on others).
        aria-expanded={open}
        aria-controls="parley-panel"
        aria-describedby={showBadge ? UNREAD_ID : undefined}
        onClick={onToggle}
      >
        {open ? <ChevronDownIcon /> : <ChatIcon />}
        {showBadge && (
          <span class="badge" aria-hidden="true">
            {unreadCount > 99 ? '99+' : unreadCount}
          </span>
        )}
      </button>
      {showBadge && (
        <span id={UNREAD_ID} class="sr">
          {format(strings.unread, { count: unreadCount })}
        </span>
      )}
    </>
  );
}
