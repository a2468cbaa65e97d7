// One conversation: who and where from, its messages (customer, agent and internal notes told
// apart), and the agent's composer. Bodies are rendered as text nodes, never as HTML.

import { useEffect, useRef, useState } from 'preact/hooks';
import type { ConsoleApi, WireConversation, WireMessage } from './api';
import { Composer } from './composer';
import { type Author, authorOf, clockTime, isEnded, requesterName, STATUS_LABELS } from './format';
import { MetadataCard } from './metadata-card';
import { usePoll } from './use-poll';

const MESSAGES_REFRESH_MS = 2000;

interface Props {
  api: ConsoleApi;
  conversation: WireConversation;
  agentEmail: string;
  agentEmails: ReadonlySet<string>;
  onAgentEmail(email: string): void;
  onChanged(): Promise<void>;
  onBack(): void;
}

const AUTHOR_LABELS: Record<Author, string> = { customer: 'Customer', agent: 'Agent', note: 'Internal note' };

export function ConversationView(props: Props) {
  const { api, conversation } = props;
  const messages = usePoll(() => api.listMessages(conversation.id), MESSAGES_REFRESH_MS, conversation.id);
  const [resolving, setResolving] = useState(false);
  // Only used when the column is too narrow for the details beside the thread (see console.css).
  const [detailsOpen, setDetailsOpen] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const ended = isEnded(conversation);

  const resolve = async () => {
    setResolving(true);
    setActionError(null);
    try {
      await api.resolve(conversation.id);
      await props.onChanged();
    } catch (error) {
      setActionError(error instanceof Error ? error.message : String(error));
    } finally {
      setResolving(false);
    }
  };

  const send = async (body: string, kind: 'reply' | 'note') => {
    await api.sendMessage(conversation.id, body, props.agentEmail.trim(), kind);
    await Promise.all([messages.refresh(), props.onChanged()]);
  };

  return (
    <article class="conversation" aria-labelledby="conversation-subject">
      <header class="conversation-head">
        <button type="button" class="button button-quiet back" onClick={props.onBack}>
          ← Inbox
        </button>
        <div class="conversation-title">
          <h2 id="conversation-subject">{conversation.subject}</h2>
          <p>
            <span class={`status status-${conversation.status}`}>{STATUS_LABELS[conversation.status] ?? conversation.status}</span>
            <span>#{conversation.number}</span>
            <span>{requesterName(conversation)}</span>
            {conversation.requester.email && conversation.requester.email !== requesterName(conversation) && (
              <span class="muted">{conversation.requester.email}</span>
            )}
            {!conversation.requester.email && <span class="muted">no email on file</span>}
            <span class="muted">priority {conversation.priority}</span>
          </p>
        </div>
        <button
          type="button"
          class="button button-secondary details-toggle"
          aria-expanded={detailsOpen}
          aria-controls="conversation-details"
          onClick={() => setDetailsOpen(!detailsOpen)}
        >
          Details
        </button>
        <button type="button" class="button button-primary" disabled={ended || resolving} onClick={resolve}>
          {ended ? 'Resolved' : resolving ? 'Resolving…' : 'Resolve'}
        </button>
      </header>
      {actionError && (
        <p class="banner banner-error" role="alert">
          {actionError}
        </p>
      )}
      <div class="conversation-body">
        <div class="thread-column">
          <Thread
            messages={messages.data}
            error={messages.error}
            conversation={conversation}
            agentEmails={new Set([...props.agentEmails, props.agentEmail.trim().toLowerCase()])}
          />
          <Composer ended={ended} agentEmail={props.agentEmail} onAgentEmail={props.onAgentEmail} onSend={send} />
        </div>
        <MetadataCard conversation={conversation} open={detailsOpen} onClose={() => setDetailsOpen(false)} />
      </div>
    </article>
  );
}

function Thread(props: { messages: WireMessage[] | null; error: string | null; conversation: WireConversation; agentEmails: ReadonlySet<string> }) {
  const thread = useRef<HTMLDivElement>(null);
  const wasAtBottom = useRef(true);
  const count = props.messages?.length ?? 0;
  // Follows new messages like a chat does, unless the agent scrolled up to read.
  useEffect(() => {
    const element = thread.current;
    if (element && wasAtBottom.current) element.scrollTop = element.scrollHeight;
  }, [count]);
  const onScroll = () => {
    const element = thread.current;
    if (element) wasAtBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 40;
  };

  return (
    <div class="thread" role="log" aria-label="Messages" ref={thread} onScroll={onScroll}>
      {props.error && (
        <p class="banner banner-warning" role="status">
          Messages could not be refreshed: {props.error}
        </p>
      )}
      {props.messages === null && !props.error && <p class="thread-empty">Loading messages…</p>}
      {props.messages?.length === 0 && (
        <p class="thread-empty">No messages yet (with the “description as message” switch off, the first one is the conversation’s description).</p>
      )}
      {props.messages?.map((message) => {
        const author = authorOf(message, props.conversation, props.agentEmails);
        return (
          <div key={message.id} class={`message message-${author}`}>
            <div class="message-meta">
              <span class="message-author">{AUTHOR_LABELS[author]}</span>
              <span class="message-sender">{message.sender_email ?? 'no email'}</span>
              <time dateTime={message.created_at}>{clockTime(message.created_at)}</time>
            </div>
            {author === 'note' && <p class="message-note-hint">Only agents see this.</p>}
            <p class="message-body">{message.body}</p>
          </div>
        );
      })}
    </div>
  );
}
