// The inbox: every conversation, newest activity first, with its status, requester and the page it
// started on. "New activity" is whatever changed since this browser last opened the conversation.

import type { WireConversation } from './api';
import { initials, isEnded, metadataText, requesterName, STATUS_LABELS, timeAgo } from './format';

export type ListFilter = 'all' | 'active' | 'ended';

const FILTERS: [ListFilter, string][] = [
  ['all', 'All'],
  ['active', 'Active'],
  ['ended', 'Ended'],
];

interface Props {
  conversations: WireConversation[];
  error: string | null;
  loaded: boolean;
  selectedId: string | null;
  onSelect(id: string): void;
  filter: ListFilter;
  onFilter(filter: ListFilter): void;
  lastSeen: Record<string, string>;
  now: number;
  siteUrl: string;
}

export function ConversationList(props: Props) {
  const { conversations, filter, lastSeen, now } = props;
  const shown = conversations.filter((conversation) => (filter === 'all' ? true : filter === 'ended' ? isEnded(conversation) : !isEnded(conversation)));
  const count = (which: ListFilter) =>
    which === 'all' ? conversations.length : conversations.filter((c) => (which === 'ended' ? isEnded(c) : !isEnded(c))).length;

  return (
    <aside class="inbox" aria-label="Conversations">
      <div class="inbox-head">
        <h1>Inbox</h1>
        <span class="live" title="Refreshes every two seconds">
          <span class="live-dot" aria-hidden="true" />
          Live
        </span>
      </div>
      <div class="filters" role="group" aria-label="Show">
        {FILTERS.map(([value, label]) => (
          <button type="button" key={value} aria-pressed={filter === value} onClick={() => props.onFilter(value)}>
            {label} <span class="filter-count">{count(value)}</span>
          </button>
        ))}
      </div>
      {props.error && (
        <p class="inbox-error" role="status">
          Refresh failed: {props.error}
        </p>
      )}
      {!props.loaded && !props.error && <p class="inbox-empty">Loading…</p>}
      {props.loaded && shown.length === 0 && (
        <div class="inbox-empty">
          {conversations.length === 0 ? (
            <>
              <p>No conversations yet.</p>
              <a href={`${props.siteUrl}/`} target="_blank" rel="noopener">
                Start one from the shop ↗
              </a>
            </>
          ) : (
            <p>None in this view.</p>
          )}
        </div>
      )}
      <ul class="inbox-list">
        {shown.map((conversation) => {
          const unseen = lastSeen[conversation.id] !== conversation.updated_at;
          const page = conversation.metadata.page_title ?? conversation.metadata.page_url;
          return (
            <li key={conversation.id}>
              <button
                type="button"
                class={`inbox-item${conversation.id === props.selectedId ? ' is-selected' : ''}${unseen ? ' is-unseen' : ''}`}
                aria-current={conversation.id === props.selectedId ? 'true' : undefined}
                onClick={() => props.onSelect(conversation.id)}
              >
                <span class="avatar" aria-hidden="true">
                  {initials(conversation)}
                </span>
                <span class="inbox-item-main">
                  <span class="inbox-item-top">
                    <span class="inbox-requester">{requesterName(conversation)}</span>
                    <time dateTime={conversation.updated_at}>{timeAgo(conversation.updated_at, now)}</time>
                  </span>
                  <span class="inbox-subject">
                    {unseen && <span class="sr-only">New activity: </span>}
                    {conversation.subject}
                  </span>
                  <span class="inbox-item-bottom">
                    <span class={`status status-${conversation.status}`}>{STATUS_LABELS[conversation.status] ?? conversation.status}</span>
                    <span class="inbox-number">#{conversation.number}</span>
                    {page !== undefined && <span class="inbox-page">{metadataText(page)}</span>}
                  </span>
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </aside>
  );
}
