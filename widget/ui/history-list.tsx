import type { ConversationStatus } from '../api/types';
import type { SessionState } from '../core/state';
import type { Strings } from '../i18n/en';
import type { DateFormats } from './dates';

interface HistoryListProps {
  strings: Strings;
  formats: DateFormats;
  history: SessionState['history'];
  currentId: string | null;
  onResume(conversationId: string): void;
}

const STATUS_KEYS = {
  open: 'statusOpen',
  pending: 'statusPending',
  resolved: 'statusResolved',
  closed: 'statusClosed',
} as const satisfies Record<ConversationStatus, keyof Strings>;

/** An identified customer's conversations, newest first; each one can be resumed. */
export function HistoryList({ strings, formats, history, currentId, onResume }: HistoryListProps) {
  const { status, items } = history;
  if (status === 'idle' || (status === 'ready' && !items.length)) return null;
  return (
    <section class="history" aria-labelledby="parley-history-title">
      <h3 id="parley-history-title">{strings.yourConversations}</h3>
      {status === 'loading' && !items.length && (
        <p class="muted" role="status">
          {strings.historyLoading}
        </p>
      )}
      {status === 'error' && <p class="error-text">{strings.historyError}</p>}
      {items.length > 0 && (
        // role="list" again: Safari drops list semantics when list-style is none.
        // biome-ignore lint/a11y/noRedundantRoles: that is the reason above
        <ul role="list" aria-label={strings.yourConversations}>
          {items.map((item) => (
            <li key={item.id}>
              <button type="button" class="conv" aria-current={item.id === currentId ? 'true' : undefined} onClick={() => onResume(item.id)}>
                <span class="subject" dir="auto">
                  {item.subject || strings.subjectFallback}
                </span>
                <span class="muted">
                  {strings[STATUS_KEYS[item.status] ?? 'statusOpen']}
                  {formats.short(item.updatedAt) && ` · ${formats.short(item.updatedAt)}`}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
