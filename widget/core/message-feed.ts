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
    /** Takes the whole list from a poll; returns the team messages that are news. */
    merge(next: Message[], customerEmails: ReadonlySet<string>): ChatMessage[] {
      const byId = new Map(list.map((message) => [message.id, message]));
      list = next.map((message) => {
        const known = byId.get(message.id);
        return known && known.body === message.body && known.type === message.type ? known : message;
      });
      const news: ChatMessage[] = [];
      for (const item of conversationView({ serverMessages: list, outbox: [], customerEmails, firstMessage: null })) {
        if (item.author !== 'team' || !item.id || knownTeamIds.has(item.id)) continue;
        knownTeamIds.add(item.id);
        if (historyLoaded) news.push(item);
      }
      historyLoaded = true;
      return news;
    },
    /** A message the API returned for a send, before the next poll lists it. */
    add(message: Message) {
      if (!list.some((known) => known.id === message.id)) list = [...list, message];
    },
  };
}
