// The server's list of a conversation's messages as the session holds it: replaced by each poll,
// merged by id so unchanged messages keep their object (the UI does not re-render them), and the
// team messages that are news (for the `message` event) told apart from the history.

import { isVisibleMessage } from '../api/adapter';
import type { Message } from '../api/types';
import { isFromCustomer, reuseUnchanged } from './conversation-view';

export function createMessageFeed() {
  let list: readonly Message[] = [];
  let knownTeamIds = new Set<string>();
  let historyLoaded = false;
  /** A list from the server came since the reset: `list` is what the server holds, not a guess. */
  let listed = false;

  return {
    get list(): readonly Message[] {
      return list;
    },
    /**
     * A new conversation on screen. One created here has no history: every team message in it is
     * news. A resumed one has, and its old messages must not be announced again.
     */
    reset(isNew: boolean) {
      list = [];
      knownTeamIds = new Set();
      historyLoaded = isNew;
      listed = false;
    },
    get loaded() {
      return historyLoaded;
    },
    /** Whether `list` came from the server (a new conversation's may already hold its description). */
    get listed() {
      return listed;
    },
    /**
     * Takes the whole list from a poll. `changed`: anything differs from what was held (without an
     * ETag every answer is a full list, usually the same one); `news`: team messages that are news.
     */
    merge(next: readonly Message[], customerSenders: ReadonlySet<string | null>): { changed: boolean; news: Message[] } {
      const merged = reuseUnchanged(list, next, 'id');
      const changed = merged !== list || !historyLoaded;
      list = merged;
      const news: Message[] = [];
      for (const message of list) {
        if (!isVisibleMessage(message) || isFromCustomer(message, customerSenders) || knownTeamIds.has(message.id)) continue;
        knownTeamIds.add(message.id);
        if (historyLoaded) news.push(message);
      }
      historyLoaded = true;
      listed = true;
      return { changed, news };
    },
    /** A message the API returned for a send, before the next poll lists it. */
    add(message: Message) {
      if (!list.some((known) => known.id === message.id)) list = [...list, message];
    },
  };
}

export type MessageFeed = ReturnType<typeof createMessageFeed>;
