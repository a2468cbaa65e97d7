// What the log shows, derived from the server's list and the outbox: pure, so the rules that
// matter (the first message exactly once, who wrote what, nothing hidden shown) are tested alone.

import { isVisibleMessage } from '../api/adapter';
import type { Message } from '../api/types';
import { findLanded, normaliseBody } from './landed-message';
import type { OutboxEntry } from './outbox-entry';
import type { ChatMessage } from './state';

export interface ViewInput {
  /** The whole list from the API, oldest first, all types. */
  serverMessages: readonly Message[];
  outbox: readonly OutboxEntry[];
  /** The senders whose messages are the customer's (customerSenders). */
  customerSenders: ReadonlySet<string | null>;
  /** The text the conversation was created with (the create call's description), if this browser created it. */
  firstMessage: { body: string; createdAt: string } | null;
}

/**
 * The senders whose messages are the customer's: their emails, lower-cased (the requester's, and
 * one given later), and no sender at all when the requester has no email. The contract's rule is
 * "the sender equals the requester's email": an anonymous requester's own messages (the listed
 * description) carry none, and the team's always carry an agent's.
 */
export const customerSenders = (emails: readonly string[], requesterEmail: string | null): ReadonlySet<string | null> =>
  new Set<string | null>(requesterEmail ? emails : [...emails, null]);

export const isFromCustomer = (message: Message, senders: ReadonlySet<string | null>) => senders.has(message.senderEmail?.toLowerCase() ?? null);

export function conversationView(input: ViewInput): ChatMessage[] {
  const visible = input.serverMessages.filter(isVisibleMessage);
  // The outbox entry each listed message is, shown once under the entry's key: the one it was
  // confirmed as, or the copy that an entry whose answer was lost already has in the list (the
  // outbox confirms it at its next look; until then it must not show twice, pending and listed).
  const keyForId = new Map<string, string>();
  for (const entry of input.outbox) if (entry.messageId) keyForId.set(entry.messageId, entry.id);
  for (const entry of input.outbox) {
    const copy = entry.uncertain && !entry.messageId ? findLanded(entry, visible, new Set(keyForId.keys())) : null;
    if (copy) keyForId.set(copy.id, entry.id);
  }

  const items: ChatMessage[] = visible.map((message) => ({
    key: keyForId.get(message.id) ?? message.id,
    id: message.id,
    author: isFromCustomer(message, input.customerSenders) ? 'customer' : 'team',
    body: message.body,
    createdAt: message.createdAt,
    delivery: 'sent',
  }));

  // Whether the API also lists the description as a message is unknown: show it once either way.
  // Listed, it opens the conversation: a later message with the same words, or one this browser
  // sent as a reply, is another message ("Any news?" twice), and hiding the first for it would
  // take the customer's opening words out of the log.
  const first = input.firstMessage;
  if (first) {
    const opening = items[0];
    const listed = opening?.author === 'customer' && !keyForId.has(opening.id!) && normaliseBody(opening.body) === normaliseBody(first.body);
    if (!listed) {
      items.unshift({ key: 'first-message', id: null, author: 'customer', body: first.body, createdAt: first.createdAt, delivery: 'sent' });
    }
  }

  const listedKeys = new Set(items.map((item) => item.key));
  for (const entry of input.outbox) {
    if (listedKeys.has(entry.id)) continue;
    items.push({
      key: entry.id,
      id: entry.messageId,
      author: 'customer',
      body: entry.body,
      // Every time shown is the server's. The browser's clock may be hours off (issue 14): a reply
      // stamped with it would read hours after the answer to it, or before what it answers.
      createdAt: entry.sentAt ?? null,
      // A queued entry shows as sending: for the customer it has left.
      delivery: entry.state === 'pending' ? 'sending' : entry.state,
      ...(entry.state === 'failed' && entry.error ? { error: entry.error } : {}),
    });
  }
  return items;
}

/**
 * Team messages newer than the last one the customer saw. `lastReadAt` is the server's time of the
 * newest team message seen (session/derive.ts), so both sides are the server's clock, never the browser's.
 */
export function unreadCount(items: readonly ChatMessage[], lastReadAt: string | null): number {
  const since = lastReadAt ? Date.parse(lastReadAt) : -Infinity;
  return items.filter((item) => item.author === 'team' && Date.parse(item.createdAt ?? '') > since).length;
}

/** Both items hold the same fields with the same values (items here are flat records of primitives). */
function sameFields<T extends object>(a: T, b: T) {
  const keys = Object.keys(a) as Array<keyof T>;
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

/**
 * Keeps the previous object for every item that did not change, and the previous array when
 * nothing did: a poll that brings nothing then renders nothing, and one new message re-renders
 * only that message. Items are matched by `key`: 'key' for the view, 'id' for the server's list.
 */
export function reuseUnchanged<T extends object>(previous: readonly T[], next: readonly T[], key: keyof T): readonly T[] {
  const byKey = new Map(previous.map((item) => [item[key], item]));
  let changed = previous.length !== next.length;
  const merged = next.map((item, index) => {
    const old = byKey.get(item[key]);
    if (old && sameFields(old, item)) {
      if (previous[index] !== old) changed = true;
      return old;
    }
    changed = true;
    return item;
  });
  return changed ? merged : previous;
}
