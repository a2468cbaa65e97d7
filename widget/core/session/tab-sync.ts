// The session's side of the site's other tabs: one tab leads (polls and sends), the others show
// what it finds. Owns the election and the channel, says what this tab does with each message of
// tab-messages.ts, and keeps the leader's view of which other tabs have their panel open.

import type { MessageFeed } from '../message-feed';
import { storageNamespace } from '../storage';
import { createTabChannel } from '../tab-channel';
import { createTabLeader, type TabLeader } from '../tab-leader';
import { isTabMessage, type TabMessage } from '../tab-messages';
import type { Clock } from '../world';
import type { Conversations } from './conversation';
import type { TabsWorld } from './interfaces';
import type { Pointer } from './pointer';
import type { Store } from './store';
import type { Sync } from './sync';

/** A follower tells the leader, at most this often, that its panel is open and its customer active. */
const WATCHING_EVERY_MS = 15_000;

type Handlers = { [Type in TabMessage['type']]: (message: Extract<TabMessage, { type: Type }>) => void };

export interface TabSyncOptions {
  /** The other tabs, or null: this tab works alone. */
  world: TabsWorld | null;
  /** Names the election and the channel, beside the widget's stored keys. */
  apiUrl: string;
  clientKey: string;
  clock: Clock;
  random: () => number;
  panelOpen(): boolean;
  /** This tab took the lead or lost it. */
  leaderChanged(lead: boolean): void;
  /** A panel just opened elsewhere: fresh data now, as when this tab's own panel opens. */
  pollNow(): void;
}

/** The parts of the session that the other tabs' messages change. */
export interface TabSession {
  store: Store;
  pointer: Pick<Pointer, 'rereadMarker'>;
  feed: Pick<MessageFeed, 'list' | 'loaded'>;
  sync: Pick<Sync, 'take'>;
  conversations: Pick<Conversations, 'apply' | 'follow'>;
  /** The shared outbox changed: show it, and send what is due if this tab leads. */
  outboxChanged(): void;
  /** The customer logged out in another tab. */
  reset(): void;
}

export function createTabSync(options: TabSyncOptions) {
  const { world, clock } = options;
  const namespace = storageNamespace(options.apiUrl, options.clientKey);
  const leader: TabLeader | null = world
    ? createTabLeader({
        name: `${namespace}:leader`,
        locks: world.locks,
        storage: world.storage,
        subscribeStorage: world.subscribeStorage,
        clock,
        random: options.random,
        tabId: world.tabId,
        leaseMs: world.leaseMs,
      })
    : null;
  const channel = world
    ? createTabChannel<TabMessage>({
        name: `${namespace}:bus`,
        BroadcastChannel: world.BroadcastChannel,
        storage: world.storage,
        subscribeStorage: world.subscribeStorage,
        isMessage: isTabMessage,
        clock,
        tabId: world.tabId,
      })
    : null;
  /** Other tabs whose panel is open, with their customer's last activity (the leader's view). */
  const watching = new Map<string, number>();
  let lastWatchingPost = -Infinity;
  const isLeader = () => !leader || leader.isLeader;
  const post = (message: TabMessage) => channel?.post(message);

  /** A follower tells the leader its panel is open and its customer active. `force`: it just opened or closed. */
  function tellWatching(force = false) {
    if (!world || isLeader()) return;
    const now = clock.now();
    if (!force && (!options.panelOpen() || now - lastWatchingPost < WATCHING_EVERY_MS)) return;
    lastWatchingPost = now;
    post({ type: 'watching', tab: world.tabId, open: options.panelOpen() });
  }

  /** What this tab does with each message from another tab. */
  function handlersFor(session: TabSession): Handlers {
    const { store, feed } = session;
    return {
      messages(message) {
        if (store.get().conversation?.id === message.conversationId && !isLeader()) session.sync.take(message.messages, true);
      },
      conversation: ({ conversation }) => session.conversations.apply(conversation, false),
      outbox: session.outboxChanged,
      read: () => session.pointer.rereadMarker(),
      pointer: ({ conversation }) => session.conversations.follow(conversation),
      reset: session.reset,
      hello() {
        const current = store.get().conversation;
        if (isLeader() && current && feed.loaded) post({ type: 'messages', conversationId: current.id, messages: feed.list });
      },
      watching({ tab, open }) {
        const wasWatched = watching.size > 0;
        if (open) watching.set(tab, clock.now());
        else watching.delete(tab);
        if (open && !wasWatched && isLeader()) options.pollNow();
      },
      leader() {
        lastWatchingPost = -Infinity;
        tellWatching();
      },
    };
  }

  let unsubscribers: Array<() => unknown> = [];
  /** Hears the other tabs from now on. */
  function listen(session: TabSession) {
    if (!world || !leader || !channel) return;
    const handlers = handlersFor(session);
    unsubscribers = [
      // Checked by isTabMessage on arrival: the type is one of the table's.
      channel.subscribe((message) => (handlers[message.type] as (message: TabMessage) => void)(message)),
      leader.subscribe((lead) => {
        if (lead) {
          watching.clear();
          post({ type: 'leader' });
        }
        options.leaderChanged(lead);
      }),
      world.subscribeStorage((event) => event.key?.endsWith(':outbox') && session.outboxChanged()),
      // The 'read' message can arrive before the read marker it announces is visible here (see
      // subscribeStorage): the marker's own write reads it again, or the count (and the tab's
      // title, issue 15) would stay up in this tab after the customer read the replies elsewhere.
      world.subscribeStorage((event) => event.key?.endsWith(':conversation') && session.pointer.rereadMarker()),
    ];
  }

  return {
    leader,
    isLeader,
    post,
    listen,
    tellWatching,
    /** The last activity of each other tab whose panel is open. */
    watching: () => watching.values(),
    /** This tab's panel is going away: the leader must not keep the open pace for it. */
    tellClosed() {
      if (options.panelOpen() && world) post({ type: 'watching', tab: world.tabId, open: false });
    },
    close() {
      for (const unsubscribe of unsubscribers) unsubscribe();
      channel?.close();
    },
  };
}

export type TabSync = ReturnType<typeof createTabSync>;
