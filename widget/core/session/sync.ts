// The conversation kept up to date with the helpdesk: the poll (the poller's tick), the lists the
// leader tab's polls bring, and a look at the status now and then. What it finds goes into the
// message feed and is reported; it never starts or stops anything itself.

import { isApiError } from '../../api/errors';
import type { ApiClient, Conversation, Message } from '../../api/types';
import type { ParleyEvents } from '../events';
import type { MessageFeed } from '../message-feed';
import type { Outbox } from '../outbox';

export interface SyncReports {
  /** The feed changed, or new team messages (news) came. */
  changed(news: readonly Message[]): void;
  /** This tab's poll brought a new list (for the other tabs). */
  listed(conversationId: string, messages: readonly Message[]): void;
  /** The API's record of the conversation now. */
  fresh(conversation: Conversation): void;
  /** The conversation is gone (404). */
  gone(conversationId: string): void;
  /** The helpdesk refused the key or the origin (401/403). */
  refused(error: unknown): void;
  /** The helpdesk answered. */
  reached(): void;
}

export interface SyncOptions {
  client: Pick<ApiClient, 'listMessages' | 'getConversation'>;
  feed: MessageFeed;
  outbox: Pick<Outbox, 'reconcile'>;
  /** The conversation shown, if any. */
  current(): Conversation | null;
  /** The senders whose messages are the customer's (conversation-view.ts). */
  customerSenders(): ReadonlySet<string | null>;
  emit(event: 'message', payload: ParleyEvents['message']): void;
  reports: SyncReports;
}

const statusOf = (error: unknown) => (isApiError(error) ? error.status : null);

export function createSync(options: SyncOptions) {
  const { client, feed, reports } = options;
  let etag: string | null = null;
  let polls = 0;
  // The conversation's record was read (or made) as it was entered: the first list after that
  // needs no second look at it, only a moment later.
  let recordJustRead = false;

  /**
   * Takes a whole list; returns whether it changed what is held. `fromLeader`: another tab polled
   * and already fired the `message` events (once per browser); so does a list read as history.
   */
  function take(list: readonly Message[], fromLeader: boolean): boolean {
    const { changed, news } = feed.merge(list, options.customerSenders());
    if (!fromLeader) for (const item of news) options.emit('message', { id: item.id, body: item.body, createdAt: item.createdAt });
    if (changed || news.length) reports.changed(news);
    return changed;
  }

  async function refresh(signal?: AbortSignal) {
    const current = options.current();
    if (current) reports.fresh(await client.getConversation(current.id, { signal }));
  }

  async function poll(signal: AbortSignal) {
    const conversation = options.current();
    if (!conversation) return;
    try {
      const result = await client.listMessages(conversation.id, { etag, signal });
      polls += 1;
      reports.reached();
      let changed = false;
      if (result.changed) {
        etag = result.etag;
        // Before the view is drawn from it: a reply whose answer was lost and that is listed here
        // is marked sent, never shown twice (its pending copy and the server's).
        options.outbox.reconcile(conversation.id, result.messages);
        changed = take(result.messages, false);
        // Told on every new list, even one this tab already knew (a reply it just sent): the other
        // tabs may have read the shared outbox before the 'sent' reached them (localStorage
        // crosses processes asynchronously in Chromium), and this is what brings them up to date.
        reports.listed(conversation.id, result.messages);
      }
      // The list carries no status: look at the conversation now and then, and after changes (a
      // first list is one, unless the record came with the conversation a moment ago).
      const lookAgain = changed && !recordJustRead;
      recordJustRead = false;
      if (lookAgain || polls % 5 === 0) await refresh(signal);
    } catch (error) {
      const status = statusOf(error);
      if (status === 404) return reports.gone(conversation.id);
      if (status !== 401 && status !== 403) throw error;
      reports.refused(error);
    }
  }

  return {
    poll,
    refresh,
    take,
    /**
     * Another conversation (or the same one again, its feed emptied): no ETag, no count.
     * `recordRead`: its record was just read or created, so the first list does not look again.
     */
    restart(recordRead = false) {
      etag = null;
      polls = 0;
      recordJustRead = recordRead;
    },
    /** The list once, if this tab has not had it (a hidden tab does not poll): history, not news. */
    async loadOnce() {
      const conversation = options.current();
      if (!conversation || feed.loaded) return;
      const result = await client.listMessages(conversation.id);
      if (result.changed && !feed.loaded && options.current()?.id === conversation.id) take(result.messages, true);
    },
  };
}

export type Sync = ReturnType<typeof createSync>;
