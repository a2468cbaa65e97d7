// Every customer reply goes through this persisted queue: pending → sending → sent | failed.
// Entries go out in order, one at a time. The store (localStorage) is the truth, read before every
// change, because every tab of the site shares it: any tab may queue a reply, but only the active
// one (the leader tab) sends, so two tabs never send the same entry. The API has no idempotency
// key, so a send whose answer was lost (network error, timeout, 502/504, or a reload mid-request)
// is never repeated blindly (retry.ts): the messages list is read first, and a copy of it there
// (landed-message.ts) means it landed. No time is compared: the customer's clock may be hours off
// the server's (issue 14).

import { type ApiError, isApiError, messageOf } from '../api/errors';
import type { ApiClient, Message } from '../api/types';
import { backoffDelay } from './clock';
import { findLanded, sameMessageIds } from './landed-message';
import { newEntry, type OutboxEntry, type OutboxStore } from './outbox-entry';
import { tryOnce } from './retry';
import type { Clock, Connectivity, TimerId } from './world';

export interface OutboxOptions {
  client: Pick<ApiClient, 'sendMessage' | 'listMessages'>;
  store: OutboxStore;
  clock: Clock;
  random: () => number;
  connectivity: Connectivity;
  newId(): string;
  /**
   * The session's current list of a conversation, to know what was there before a first attempt;
   * null when it has not listed that conversation yet (the outbox then reads the list itself).
   */
  knownMessages(conversationId: string): readonly Message[] | null;
  /** Something changed (state, error): re-render, tell the other tabs. */
  onChange(): void;
  /** The API confirmed (or the list proved) the message; `message` is the server's copy. */
  onSent(entry: OutboxEntry, message: Message): void;
  /** The API refused it for good (4xx): the text goes back to the composer with the reason. */
  onRejected(entry: OutboxEntry, error: ApiError): void;
  /** Automatic attempts before the entry shows as failed with a Retry button. */
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
}

/** Sent entries are kept this long so that their message ids stay claimed. */
const KEEP_SENT_MS = 15 * 60_000;

export function createOutbox(options: OutboxOptions) {
  const { clock, client, store } = options;
  // About five minutes of trying (backoff capped at 30 s) before the customer sees Retry.
  const maxAttempts = options.maxAttempts ?? 12;
  let pumping = false;
  let active = false;
  let wakeTimer: TimerId | null = null;
  let inFlight: AbortController | null = null;
  /** The entry whose attempt is under way: only that attempt decides about it. */
  let attempting: string | null = null;
  let unsubscribeOnline: (() => void) | null = null;

  const load = () => store.load();

  function save(entries: OutboxEntry[]) {
    const cutoff = clock.now() - KEEP_SENT_MS;
    store.save(entries.filter((entry) => entry.state !== 'sent' || Date.parse(entry.createdAt) > cutoff));
    options.onChange();
  }

  /** Applies a change to the stored entry; null when another tab or a reset removed it. */
  function update(id: string, patch: Partial<OutboxEntry>): OutboxEntry | null {
    const entries = load();
    const entry = entries.find((candidate) => candidate.id === id);
    if (!entry) return null;
    Object.assign(entry, patch);
    save(entries);
    return entry;
  }

  /** A message in the list that this entry's lost request created, if any. */
  function landedCopy(entry: OutboxEntry, messages: readonly Message[]): Message | null {
    const claimed = new Set<string>();
    for (const other of load()) if (other.messageId) claimed.add(other.messageId);
    return findLanded(entry, messages, claimed);
  }

  function markSent(entry: OutboxEntry, message: Message) {
    const sent = update(entry.id, { state: 'sent', uncertain: false, messageId: message.id, sentAt: message.createdAt, error: null });
    if (sent) options.onSent(sent, message);
  }

  /** The whole list (no ETag is sent, so the answer is never a 304). */
  async function listOf(conversationId: string, signal: AbortSignal): Promise<readonly Message[]> {
    const listed = await client.listMessages(conversationId, { signal });
    return listed.changed ? listed.messages : [];
  }

  /** Resolves to null when the entry is gone meanwhile (another tab sent it, or a reset). */
  async function send(entry: OutboxEntry, signal: AbortSignal): Promise<Message | null> {
    if (entry.firstAttemptAt === null) {
      // What is listed before the first request leaves is what a lost answer must not be taken for.
      const known = options.knownMessages(entry.conversationId) ?? (await listOf(entry.conversationId, signal));
      entry.firstAttemptAt = clock.now();
      entry.seenBefore = sameMessageIds(entry, known);
    }
    // Saved as uncertain before the request leaves: a reload now must look before resending.
    if (!update(entry.id, { ...entry, state: 'sending', uncertain: true })) return null;
    return client.sendMessage(entry.conversationId, { body: entry.body, userEmail: entry.userEmail }, { signal });
  }

  async function attempt(entry: OutboxEntry, signal: AbortSignal) {
    // A failed look at the list counts too, so a helpdesk that stays down ends in "failed".
    entry.attempts += 1;
    const result = await tryOnce<Message | null>({
      uncertain: entry.uncertain,
      probe: async () => landedCopy(entry, await listOf(entry.conversationId, signal)),
      write: () => send(entry, signal),
    });
    if (result.ok) return result.value && markSent(entry, result.value);
    const { error, decision, uncertain } = result;
    if (isApiError(error) && error.kind === 'aborted') return; // stopped: stays uncertain for the next leader
    if (decision === 'no-retry') {
      save(load().filter((other) => other.id !== entry.id));
      return options.onRejected(entry, error as ApiError);
    }
    // A poll may have listed it while its answer was being lost: then it is sent, now.
    const listed = uncertain && options.knownMessages(entry.conversationId);
    const landed = listed && landedCopy(entry, listed);
    if (landed) return markSent(entry, landed);
    update(entry.id, {
      // Out of automatic attempts it shows as failed (Retry resets notBefore); else it waits.
      state: entry.attempts < maxAttempts ? 'pending' : 'failed',
      notBefore: clock.now() + backoffDelay(entry.attempts, options.backoffCapMs ?? 30_000, options, error),
      error: messageOf(error),
      uncertain,
      attempts: entry.attempts,
    });
  }

  const head = () => load().find((entry) => entry.state === 'pending' || entry.state === 'sending');

  async function pump() {
    if (pumping || !active) return;
    pumping = true;
    try {
      for (let entry = head(); entry && active; entry = head()) {
        if (!options.connectivity.isOnline()) break; // the online event pumps again
        const wait = entry.notBefore - clock.now();
        if (wait > 0) {
          wakeAfter(wait);
          break;
        }
        // Left 'sending' by a reload, a closed tab or a lost lead: it may have landed. Its
        // 'sending' state is set again only when this tab's own request leaves.
        if (entry.state === 'sending') Object.assign(entry, { state: 'pending', uncertain: true });
        const controller = new AbortController();
        inFlight = controller;
        attempting = entry.id;
        try {
          await attempt(entry, controller.signal);
        } finally {
          inFlight = null;
          attempting = null;
        }
      }
    } finally {
      pumping = false;
    }
  }

  function wakeAfter(ms: number) {
    clock.clearTimeout(wakeTimer);
    wakeTimer = clock.setTimeout(() => {
      wakeTimer = null;
      void pump();
    }, ms);
  }

  function stop() {
    active = false;
    inFlight?.abort();
    clock.clearTimeout(wakeTimer);
    wakeTimer = null;
    unsubscribeOnline?.();
    unsubscribeOnline = null;
  }

  return {
    /** Queues a reply; the active tab sends it. */
    enqueue(conversationId: string, body: string, userEmail: string): OutboxEntry {
      const entry = newEntry({ id: options.newId(), conversationId, body, userEmail, createdAt: new Date(clock.now()).toISOString() });
      save([...load(), entry]);
      void pump();
      return entry;
    },
    /** The customer pressed Retry on a failed entry. */
    retry(id: string) {
      if (!load().some((entry) => entry.id === id && entry.state === 'failed')) return;
      update(id, { state: 'pending', attempts: 0, notBefore: 0, error: null });
      void pump();
    },
    /** Drops entries of a conversation the customer left for good (ended, forgotten, reset). */
    forget(conversationId?: string) {
      const entries = load();
      const kept = conversationId ? entries.filter((entry) => entry.conversationId !== conversationId) : [];
      if (kept.length !== entries.length) save(kept);
    },
    entries(conversationId: string): readonly OutboxEntry[] {
      return load().filter((entry) => entry.conversationId === conversationId);
    },
    /**
     * A fresh list of the conversation (a poll): an entry whose request may have landed and is
     * there is sent, at once rather than at its next attempt, so it is never shown twice meanwhile.
     */
    reconcile(conversationId: string, messages: readonly Message[]) {
      if (!active) return;
      for (const entry of load()) {
        if (entry.conversationId !== conversationId || !entry.uncertain || entry.id === attempting) continue;
        const landed = landedCopy(entry, messages);
        if (landed) markSent(entry, landed);
      }
    },
    /** Another tab changed the queue: send what is due, if this tab is the one sending. */
    wake() {
      void pump();
    },
    /** Only the active tab (the leader) sends; the others queue and show. */
    start() {
      if (active) return;
      active = true;
      unsubscribeOnline = options.connectivity.subscribe(() => {
        const next = head();
        if (next && options.connectivity.isOnline()) {
          update(next.id, { notBefore: 0 }); // back online: try now, the backoff was for the outage
          void pump();
        }
      });
      void pump();
    },
    /** Whether this tab has replies still to send (it keeps the lead until they are out). */
    hasWork: () => !!head(),
    stop,
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
