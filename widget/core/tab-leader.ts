// Elects one tab per origin and name to do what every tab would otherwise repeat (the poll): ten
// open tabs should cost the API one poller, not ten.
// Primary, Web Locks (https://w3c.github.io/web-locks/): the leader holds an exclusive lock while
// it leads; the others wait in the lock's queue, and the browser grants it to the next one as soon
// as the leader stops or its tab closes or crashes.
// Fallback (no `navigator.locks`, or a request it refuses): a lease `{ owner, expiresAt }` in
// localStorage that the leader renews every leaseMs / 3. Followers read it on storage events and
// as it is about to end, then claim it; the last claim written wins (each claimant reads the key
// again after SETTLE_MS and keeps only its own). A tab without usable storage cannot coordinate,
// so it leads alone: an extra poller beats none.
//
// Wiring (the session):
//   const leader = createTabLeader({ name: `${storageNamespace(apiUrl, clientKey)}:leader`, locks: navigator.locks ?? null,
//     storage: () => window.localStorage, subscribeStorage, clock, random, tabId: newId() });
//   leader.subscribe((isLeader) => (isLeader ? poller.start() : poller.stop()));
//   leader.start(); // after subscribe: leadership can come during start()
//   addEventListener('pagehide', () => leader.stop()); // hand over now, not when the lease ends
//   addEventListener('pageshow', () => leader.start()); // back from the bfcache (a no-op otherwise)
// where subscribeStorage adds a window `storage` listener and returns its removal.

import { stringifyJson } from './json';
import { parseJson } from './storage';
import type { Clock, LockManagerLike, StorageBackend, SubscribeStorage, TimerId } from './world';

export interface TabLeaderOptions {
  /** Lock name and storage key, e.g. `parley:<namespace>:leader`. */
  name: string;
  /** `navigator.locks`, or null where the Web Locks API is missing. */
  locks: LockManagerLike | null;
  /** A getter, not the object: merely reading `window.localStorage` can throw. */
  storage: () => StorageBackend | null;
  subscribeStorage: SubscribeStorage;
  clock: Clock;
  random: () => number;
  /** Unique per tab and page load. */
  tabId: string;
  /** Fallback only: a crashed leader is replaced within this (default 6 s). */
  leaseMs?: number;
}

export interface TabLeader {
  /** Joins the election (again, after stop()). */
  start(): void;
  /** Leaves it: gives up leadership (subscribers hear `false`), its timers and its listeners. */
  stop(): void;
  readonly isLeader: boolean;
  /** Called on every change of isLeader; returns an unsubscribe. */
  subscribe(callback: (isLeader: boolean) => void): () => void;
}

type Lease = { owner: string; expiresAt: number };

// Between writing a claim and trusting it: time for a rival tab's write to reach us.
const SETTLE_MS = 100;

function parseLease(raw: string | null): Lease | null {
  const lease = parseJson(raw) as Partial<Lease> | null;
  return typeof lease?.owner === 'string' && typeof lease.expiresAt === 'number' ? (lease as Lease) : null;
}

export function createTabLeader(options: TabLeaderOptions): TabLeader {
  const { name, clock, tabId } = options;
  const leaseMs = options.leaseMs ?? 6000;
  const subscribers = new Set<(isLeader: boolean) => void>();
  let isLeader = false;
  let claiming = false;
  let timer: TimerId | null = null;
  // Undoes what start() set up; null when stopped.
  let leave: (() => void) | null = null;

  function setLeader(next: boolean) {
    if (next === isLeader) return;
    isLeader = next;
    for (const subscriber of [...subscribers]) subscriber(next);
  }

  function schedule(delayMs: number | null) {
    clock.clearTimeout(timer);
    timer = delayMs === null ? null : clock.setTimeout(check, Math.max(0, delayMs));
  }

  function check() {
    try {
      const store = options.storage();
      if (!store) throw new Error('no storage');
      const lease = parseLease(store.getItem(name));
      const now = clock.now();
      const mine = lease?.owner === tabId;
      if (claiming) {
        claiming = false;
        if (mine) setLeader(true); // no later claim overwrote ours
      }
      // Followers claim two settles before the end, at a random moment of the first (so that one
      // usually claims before the others look): a crashed leader is replaced by its lease's end.
      const heldUntil = lease ? lease.expiresAt - 2 * SETTLE_MS : 0;
      if (!mine && heldUntil > now) {
        setLeader(false);
        return schedule(heldUntil - now + options.random() * SETTLE_MS);
      }
      claiming = !isLeader;
      store.setItem(name, stringifyJson({ owner: tabId, expiresAt: now + leaseMs }));
      schedule(claiming ? SETTLE_MS : leaseMs / 3);
    } catch {
      // Storage unreadable or full: lead alone, and keep trying to rejoin the others.
      claiming = false;
      setLeader(true);
      schedule(leaseMs / 3);
    }
  }

  function joinLease() {
    const unsubscribe = options.subscribeStorage((event) => {
      // key null: another tab cleared the storage. During a claim, the settle timer decides.
      if ((event.key === name || event.key === null) && !claiming) check();
    });
    leave = () => {
      unsubscribe();
      schedule(null);
      claiming = false;
      try {
        // Removing the lease wakes the followers now instead of when it would have ended.
        const store = options.storage();
        if (store && parseLease(store.getItem(name))?.owner === tabId) store.removeItem(name);
      } catch {
        // Nothing to hand over: this tab was leading alone.
      }
    };
    check();
  }

  function joinLockQueue(locks: LockManagerLike) {
    const controller = new AbortController();
    let resign = () => {};
    leave = () => {
      controller.abort(); // leaves the queue if still waiting in it
      resign(); // releases the lock if held
    };
    void (async () => {
      try {
        await locks.request(name, { mode: 'exclusive', signal: controller.signal }, () => {
          // Granted just as we left: release at once.
          if (controller.signal.aborted) return Promise.resolve();
          setLeader(true);
          return new Promise<void>((resolve) => (resign = resolve));
        });
      } catch {
        // Aborted by stop(), or refused (opaque origins, some sandboxed frames): use the lease.
        if (!controller.signal.aborted) joinLease();
      }
    })();
  }

  return {
    start() {
      if (leave) return;
      if (options.locks) joinLockQueue(options.locks);
      else joinLease();
    },
    stop() {
      leave?.();
      leave = null;
      setLeader(false);
    },
    get isLeader() {
      return isLeader;
    },
    subscribe(callback) {
      subscribers.add(callback);
      return () => subscribers.delete(callback);
    },
  };
}
