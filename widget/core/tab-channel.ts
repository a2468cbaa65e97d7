// Messages between the tabs of one origin, e.g. the leader tab (tab-leader.ts) telling the others
// what its poll found, so that they update without polling themselves.
//
// Transport: BroadcastChannel where it exists; otherwise (Safari < 15.4) storage events, by
// writing the envelope to the key `name` and removing it at once: the write alone reaches the
// other tabs, and the key never piles up. Either way a message is one JSON string
// `{ id, from, message, at }`: `from` keeps a tab from hearing itself; `id` and `at` tell equal
// messages apart (were a removal to fail, storage would fire no event for an unchanged value).
// Other tabs may run another version of the widget, so what arrives is checked by `isMessage`;
// anything malformed is dropped.
//
// Wiring (the session):
//   const channel = createTabChannel<TabMessage>({ name: `parley:${namespace}:bus`,
//     BroadcastChannel: typeof BroadcastChannel === 'function' ? BroadcastChannel : null,
//     storage: () => window.localStorage, subscribeStorage, isMessage, clock, tabId });
//   channel.subscribe((message) => ...); channel.post(message); channel.close() on destroy.

import { stringifyJson } from './json';
import { parseJson } from './storage';
import type { Clock, StorageBackend, SubscribeStorage } from './world';

/** What we use of a BroadcastChannel. */
export interface BroadcastChannelLike {
  postMessage(message: unknown): void;
  close(): void;
  onmessage: ((event: MessageEvent) => void) | null;
}

export interface TabChannelOptions<Message> {
  /** Channel name and storage key, e.g. `parley:<namespace>:bus`. */
  name: string;
  /** The BroadcastChannel constructor, or null where it is missing. */
  BroadcastChannel: (new (name: string) => BroadcastChannelLike) | null;
  /** A getter, not the object: merely reading `window.localStorage` can throw. */
  storage: () => StorageBackend | null;
  subscribeStorage: SubscribeStorage;
  isMessage(value: unknown): value is Message;
  clock: Pick<Clock, 'now'>;
  /** Unique per tab and page load. */
  tabId: string;
}

export interface TabChannel<Message> {
  /** To every other tab (never this one); a no-op after close(). */
  post(message: Message): void;
  /** Messages from the other tabs; returns an unsubscribe. */
  subscribe(callback: (message: Message) => void): () => void;
  /** No more delivery, listeners or channel. */
  close(): void;
}

// A type, not an interface: plain JSON data, assignable to Record<string, unknown>.
type Envelope = {
  id: number;
  from: string;
  message: unknown;
  at: number;
};

export function createTabChannel<Message>(options: TabChannelOptions<Message>): TabChannel<Message> {
  const { name, tabId } = options;
  const listeners = new Set<(message: Message) => void>();
  let sequence = 0;
  let closed = false;
  let channel: BroadcastChannelLike | null = null;
  let unsubscribeStorage = () => {};

  function receive(raw: unknown) {
    const envelope = typeof raw === 'string' ? (parseJson(raw) as Partial<Envelope> | null) : null;
    if (typeof envelope?.from !== 'string' || envelope.from === tabId || !options.isMessage(envelope.message)) return;
    for (const listener of [...listeners]) listener(envelope.message);
  }

  try {
    channel = options.BroadcastChannel ? new options.BroadcastChannel(name) : null;
  } catch {
    channel = null; // a constructor that throws (locked-down contexts): storage it is
  }
  if (channel) channel.onmessage = (event) => receive(event.data);
  else unsubscribeStorage = options.subscribeStorage((event) => event.key === name && receive(event.newValue));

  return {
    post(message) {
      if (closed) return;
      try {
        const envelope: Envelope = { id: ++sequence, from: tabId, message, at: options.clock.now() };
        const raw = stringifyJson(envelope);
        if (channel) return channel.postMessage(raw);
        const store = options.storage();
        store?.setItem(name, raw);
        store?.removeItem(name);
      } catch {
        // Unserialisable, or storage unusable: the other tabs miss this message, the page goes on.
      }
    },
    subscribe(callback) {
      listeners.add(callback);
      return () => listeners.delete(callback);
    },
    close() {
      closed = true;
      channel?.close();
      unsubscribeStorage();
      listeners.clear();
    },
  };
}
