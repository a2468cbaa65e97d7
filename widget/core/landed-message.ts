// Whether a reply whose answer was lost landed anyway, decided without any clock. The API has no
// idempotency key (api-contract.md), and the customer's clock may be hours off the server's
// (issue 14), so a landed message is recognised by what it is and by what was there before: from
// the customer's email, with the same text, not among the same-text messages listed before the
// first attempt, and not claimed by another reply of the outbox. Deliberate duplicates ("ok",
// "ok") stay two messages because each landed message is claimed by exactly one reply.

import type { Message } from '../api/types';

export const normaliseBody = (body: string) => body.normalize('NFC').replace(/\s+/g, ' ').trim();

export interface SentReply {
  body: string;
  userEmail: string;
}

export const isSameMessage = (reply: SentReply, message: Message) =>
  (message.senderEmail ?? '').toLowerCase() === reply.userEmail.toLowerCase() && normaliseBody(message.body) === normaliseBody(reply.body);

/** The ids of the messages like this reply that are already listed: none of them can be its copy. */
export const sameMessageIds = (reply: SentReply, messages: readonly Message[]) =>
  messages.filter((message) => isSameMessage(reply, message)).map((message) => message.id);

/**
 * The message that this reply's lost request created, if the list holds it. `seenBefore` comes
 * from sameMessageIds() before the first request left; `claimed` holds the ids other replies own.
 */
export function findLanded(reply: SentReply & { seenBefore: readonly string[] }, messages: readonly Message[], claimed: ReadonlySet<string>): Message | null {
  return messages.find((message) => isSameMessage(reply, message) && !claimed.has(message.id) && !reply.seenBefore.includes(message.id)) ?? null;
}
