// A reply in the outbox (outbox.ts) as it is stored, shared by every tab of the site: its state,
// what is known of its attempts, and what a lost answer must not be taken for.

export type OutboxState = 'pending' | 'sending' | 'sent' | 'failed';

export interface OutboxEntry {
  /** Local id: the key the UI renders it under, before and after it is sent. */
  id: string;
  conversationId: string;
  body: string;
  userEmail: string;
  state: OutboxState;
  /** When the customer pressed Send (ISO), by the browser's clock: only ever compared with that clock. */
  createdAt: string;
  /** When the first request left (ms, the browser's clock); set once `seenBefore` is taken. */
  firstAttemptAt: number | null;
  /** Same-body messages from this customer that were already listed before the first attempt. */
  seenBefore: string[];
  /** A request may have landed without us knowing: look at the list before sending again. */
  uncertain: boolean;
  attempts: number;
  /** Not before this time (ms): the backoff under way. */
  notBefore: number;
  messageId: string | null;
  /** The server's time of its copy, once known (an entry stored by an older version lacks it). */
  sentAt?: string | null;
  error: string | null;
}

export interface OutboxStore {
  load(): OutboxEntry[];
  save(entries: OutboxEntry[]): void;
}

/** A reply just queued: nothing tried, nothing known. */
export function newEntry(fields: Pick<OutboxEntry, 'id' | 'conversationId' | 'body' | 'userEmail' | 'createdAt'>): OutboxEntry {
  return {
    ...fields,
    state: 'pending',
    firstAttemptAt: null,
    seenBefore: [],
    uncertain: false,
    attempts: 0,
    notBefore: 0,
    messageId: null,
    sentAt: null,
    error: null,
  };
}
