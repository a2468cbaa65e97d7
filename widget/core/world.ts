// The world the core runs in, declared once: what it takes from the page (time, visibility,
// connectivity, storage and its events, locks), each passed in, so that every module of core/ can
// be tested without a page. widget/dom/page.ts and widget/app/wiring.ts give the real ones; tests
// give fakes (test/helpers/fake-clock.ts, test/helpers/session.ts).

export type TimerId = unknown;

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerId;
  /** Like the global: an id that already fired or was cleared, or null, is a no-op. */
  clearTimeout(id: TimerId): void;
}

export interface Visibility {
  isVisible(): boolean;
  /** Calls back when visibility changes; returns an unsubscribe. */
  subscribe(callback: () => void): () => void;
}

export interface Connectivity {
  /** navigator.onLine: a hint only. `false` pauses polling until the `online` event. */
  isOnline(): boolean;
  subscribe(callback: () => void): () => void;
}

/** What the core uses of localStorage. */
export type StorageBackend = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** Storage events: fired in the other tabs of the origin after a write, never in the writer's. */
export type SubscribeStorage = (callback: (event: { key: string | null; newValue: string | null }) => void) => () => void;

/** What we use of `navigator.locks`. */
export interface LockManagerLike {
  request(name: string, options: { mode: 'exclusive'; signal: AbortSignal }, callback: () => Promise<void>): Promise<unknown>;
}

/** Resolves after `ms` of the clock's time. */
export function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => clock.setTimeout(resolve, ms));
}
