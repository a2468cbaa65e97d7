// The view the UI reads, computed from the sources of truth after any change: pure, so each rule
// is a row of a table (test/core/derive.test.ts). Nothing here is ever set by hand elsewhere: what
// the log shows, the unread count, whether an email is needed, the phase, and the status of the
// current conversation in "Your conversations".

import type { Conversation, Message } from '../../api/types';
import type { StoredConversation } from '../conversation-store';
import { conversationView, customerSenders, reuseUnchanged, unreadCount } from '../conversation-view';
import type { OutboxEntry } from '../outbox-entry';
import type { Phase, SessionState } from '../state';
import type { Pending, Sources } from './store';

export interface DeriveInput {
  sources: Sources;
  pointer: StoredConversation | null;
  /** The server's list of the conversation's messages (message-feed.ts). */
  serverMessages: readonly Message[];
  /** The outbox's entries for the conversation. */
  outbox: readonly OutboxEntry[];
}

export const isEnded = (conversation: Conversation) => conversation.status === 'resolved' || conversation.status === 'closed';

export function phaseOf(conversation: Conversation | null, pending: Pending | null): Phase {
  if (pending) return pending.kind;
  if (!conversation) return 'form';
  return isEnded(conversation) ? 'ended' : 'active';
}

/** `previous` is the view before: what did not change keeps its object, so nothing re-renders for it. */
export function derive(input: DeriveInput, previous: SessionState): SessionState {
  const { sources } = input;
  const { conversation, pending, ...rest } = sources;
  // The pointer and the record name the same conversation, except for a moment while one is entered.
  const pointer = conversation && input.pointer?.id === conversation.id ? input.pointer : null;
  const messages = pointer
    ? reuseUnchanged(
        previous.messages,
        conversationView({
          serverMessages: input.serverMessages,
          outbox: input.outbox,
          customerSenders: customerSenders(pointer.emails, conversation?.requester.email ?? null),
          firstMessage: pointer.firstMessage,
        }),
        'key',
      )
    : reuseUnchanged(previous.messages, [], 'key');
  return {
    ...rest,
    phase: phaseOf(conversation, pending),
    conversation,
    messages,
    unreadCount: pointer ? unreadCount(messages, pointer.lastReadAt) : 0,
    needsEmail: pointer !== null && pointer.emails.length === 0,
    history: historyWithStatusOf(conversation, sources.history, previous.history),
  };
}

/** The conversation on screen must not say Open in "Your conversations" while the panel says resolved. */
function historyWithStatusOf(conversation: Conversation | null, history: SessionState['history'], previous: SessionState['history']) {
  // A conversation restored while the helpdesk was unreachable is known by its id only (no times):
  // its status is the adapter's default, not news.
  const known = conversation?.updatedAt ? conversation : null;
  const overlaid = history.items.map((item) => (known && item.id === known.id ? { ...item, status: known.status, updatedAt: known.updatedAt } : item));
  const items = reuseUnchanged(previous.items, overlaid, 'id');
  return items === previous.items && history.status === previous.status ? previous : { status: history.status, items };
}

/**
 * The read marker once the customer has seen these messages: the server's time of the newest team
 * message, or null when it is not newer than `lastReadAt` (server times both, never the browser's).
 */
export function readMarker(messages: SessionState['messages'], lastReadAt: string | null): string | null {
  const newest = messages.filter((item) => item.author === 'team').pop()?.createdAt;
  return newest && (!lastReadAt || Date.parse(newest) > Date.parse(lastReadAt)) ? newest : null;
}
