// What the widget told the helpdesk about where the conversation started: the automatic page info
// first, then the rest: mostly what the site added with Parley('metadata', …).

import type { WireConversation } from './api';
import { clockTime, metadataText, PAGE_INFO_LABELS, safeHttpUrl, shortUserAgent } from './format';

interface Props {
  conversation: WireConversation;
  /** Whether the details are shown over the thread, when the column is too narrow for both. */
  open: boolean;
  onClose(): void;
}

export function MetadataCard({ conversation, open, onClose }: Props) {
  const metadata = conversation.metadata ?? {};
  const pageInfoKeys = new Set(PAGE_INFO_LABELS.map(([key]) => key));
  const custom = Object.entries(metadata).filter(([key]) => !pageInfoKeys.has(key));
  const hasPageInfo = PAGE_INFO_LABELS.some(([key]) => key in metadata);

  return (
    <aside id="conversation-details" class={`metadata${open ? ' is-open' : ''}`} aria-label="Conversation details">
      <button type="button" class="button button-quiet metadata-close" onClick={onClose}>
        Close
      </button>
      <h3>Requester</h3>
      <dl>
        <dt>Name</dt>
        <dd>{[conversation.requester.first_name, conversation.requester.last_name].filter(Boolean).join(' ') || '—'}</dd>
        <dt>Email</dt>
        <dd>{conversation.requester.email ?? 'none (anonymous)'}</dd>
        <dt>Channel</dt>
        <dd>{conversation.channel}</dd>
        <dt>Started</dt>
        <dd>{clockTime(conversation.created_at)}</dd>
      </dl>
      <h3>Sent by the widget</h3>
      {hasPageInfo ? (
        <dl>
          {PAGE_INFO_LABELS.filter(([key]) => key in metadata).map(([key, label]) => (
            <MetadataRow key={key} label={label} name={key} value={metadata[key]} />
          ))}
        </dl>
      ) : (
        <p class="muted">No page info (the site set data-page-info="false", or the conversation came from elsewhere).</p>
      )}
      {custom.length > 0 && (
        <>
          <h3>Other metadata</h3>
          <dl class="stacked">
            {custom.map(([key, value]) => (
              <MetadataRow key={key} label={key} name={key} value={value} />
            ))}
          </dl>
        </>
      )}
    </aside>
  );
}

function MetadataRow({ label, name, value }: { label: string; name: string; value: unknown }) {
  const url = name === 'page_url' || name === 'referrer' ? safeHttpUrl(value) : null;
  const text = name === 'user_agent' && typeof value === 'string' ? shortUserAgent(value) : metadataText(value);
  return (
    <>
      <dt>{label}</dt>
      <dd title={typeof value === 'string' ? value : undefined}>
        {url ? (
          <a href={url} target="_blank" rel="noopener noreferrer">
            {text}
          </a>
        ) : (
          text
        )}
      </dd>
    </>
  );
}
