// The server's list of a conversation's messages as the session holds it: replaced by each poll,
// merged by id so unchanged messages keep their object (the UI does not re-render them), and the
// team messages that are news (for the `message` event) told apart from the history.

import type { Message } from '../api/types';
import { conversationView } from './conversation-view';
import type { ChatMessage } from './state';

export function createMessageFeed() {
  let list: Message[] = [];
  let knownTeamIds = new Set<string>();
  let historyLoaded = false;

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
    },
    get loaded() {
      return historyLoaded;
    },
    /**
     * Takes the whole list from a poll. `changed`: anything differs from what was held (without an
     * ETag every answer is a full list, usually the same one); `news`: team messages that are news.
     */
    merge(next: Message[], customerEmails: ReadonlySet<string>): { changed: boolean; news: ChatMessage[] } {
      const byId = new Map(list.map((message) => [message.id, message]));
      let changed = next.length !== list.length || !historyLoaded;
      list = next.map((message, index) => {
        const known = byId.get(message.id);
        if (known && known.body === message.body && known.type === message.type && known.senderEmail === message.senderEmail) {
          if (list[index] !== known) changed = true;
          return known;
        }
        changed = true;
        return message;
      });
      const news: ChatMessage[] = [];
      for (const item of conversationView({ serverMessages: list, outbox: [], customerEmails, firstMessage: null })) {
        if (item.author !== 'team' || !item.id || knownTeamIds.has(item.id)) continue;
        knownTeamIds.add(item.id);
        if (historyLoaded) news.push(item);
      }
      historyLoaded = true;
      return { changed, news };
    },
    /** A message the API returned for a send, before the next poll lists it. */
    add(message: Message) {
      if (!list.some((known) => known.id === message.id)) list = [...list, message];
    },
  };
}
