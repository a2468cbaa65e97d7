// A browser in one process: tabs of one origin sharing what real tabs share, behaving as browsers
// do. localStorage fires `storage` events in the other tabs (never the writer's), later, and only
// when a value changes; Web Locks are exclusive and queued, granted in request order, and freed
// when the holder's tab closes; BroadcastChannel reaches every other channel of the same name.
// `tab.close()` is the tab going away without running any of its code: its timers, listeners,
// locks and channels just vanish.

import type { TabsWorld } from '../../widget/core/session/interfaces';
import type { BroadcastChannelLike } from '../../widget/core/tab-channel';
import type { Clock, LockManagerLike, StorageBackend, SubscribeStorage, TimerId } from '../../widget/core/world';
import type { FakeClock } from './fake-clock';

export interface Tab {
  id: string;
  /** The browser's clock; this tab's timers die with it. */
  clock: Clock;
  locks: LockManagerLike;
  /** Throws for a tab opened with `brokenStorage`, as sandboxed frames and blocked storage do. */
  storage: () => StorageBackend;
  subscribeStorage: SubscribeStorage;
  BroadcastChannel: new (name: string) => BroadcastChannelLike;
  close(): void;
}

type StorageListener = Parameters<SubscribeStorage>[0];

interface LockRequest {
  tab: Tab;
  callback: () => Promise<void>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

export function createBrowser(clock: FakeClock) {
  const items = new Map<string, string>();
  const storageListeners = new Set<{ tab: Tab | null; listener: StorageListener }>();
  const lockQueues = new Map<string, LockRequest[]>();
  const lockHolders = new Map<string, LockRequest>();
  const channels = new Set<{ tab: Tab; name: string; channel: BroadcastChannelLike }>();
  let tabCount = 0;

  function write(writer: Tab | null, key: string, value: string | null) {
    if ((items.get(key) ?? null) === value) return;
    if (value === null) items.delete(key);
    else items.set(key, value);
    for (const entry of storageListeners) {
      if (entry.tab === writer) continue;
      queueMicrotask(() => storageListeners.has(entry) && entry.listener({ key, newValue: value }));
    }
  }

  function storageFor(writer: Tab | null): StorageBackend {
    return {
      getItem: (key) => items.get(key) ?? null,
      setItem: (key, value) => write(writer, key, String(value)),
      removeItem: (key) => write(writer, key, null),
    };
  }

  function grant(name: string) {
    if (lockHolders.has(name)) return;
    const request = lockQueues.get(name)?.shift();
    if (!request) return;
    lockHolders.set(name, request);
    void Promise.resolve()
      .then(request.callback)
      .then(request.resolve, request.reject)
      .finally(() => release(name, request));
  }

  function release(name: string, request: LockRequest) {
    if (lockHolders.get(name) !== request) return;
    lockHolders.delete(name);
    grant(name);
  }

  function openTab(options: { brokenStorage?: boolean } = {}): Tab {
    const timers = new Set<TimerId>();
    const tab: Tab = {
      id: `tab-${++tabCount}`,
      clock: {
        now: clock.now,
        setTimeout(callback, ms) {
          const id = clock.setTimeout(() => {
            timers.delete(id);
            callback();
          }, ms);
          timers.add(id);
          return id;
        },
        clearTimeout(id) {
          timers.delete(id);
          clock.clearTimeout(id);
        },
      },
      locks: {
        request(name, { signal }, callback) {
          return new Promise((resolve, reject) => {
            const abort = () => reject(new DOMException('The request was aborted.', 'AbortError'));
            if (signal.aborted) return abort();
            const request = { tab, callback, resolve, reject };
            const queue = lockQueues.get(name) ?? [];
            lockQueues.set(name, [...queue, request]);
            signal.addEventListener('abort', () => {
              const waiting = lockQueues.get(name) ?? [];
              if (!waiting.includes(request)) return; // granted already: aborting does nothing
              lockQueues.set(
                name,
                waiting.filter((other) => other !== request),
              );
              abort();
            });
            grant(name);
          });
        },
      },
      storage() {
        if (options.brokenStorage) throw new DOMException('The operation is insecure.', 'SecurityError');
        return storageFor(tab);
      },
      subscribeStorage(listener) {
        const entry = { tab, listener };
        storageListeners.add(entry);
        return () => storageListeners.delete(entry);
      },
      BroadcastChannel: class implements BroadcastChannelLike {
        onmessage: ((event: MessageEvent) => void) | null = null;
        constructor(readonly name: string) {
          channels.add({ tab, name, channel: this });
        }
        postMessage(data: unknown) {
          for (const other of channels) {
            if (other.channel === this || other.name !== this.name) continue;
            const copy = structuredClone(data);
            queueMicrotask(() => channels.has(other) && other.channel.onmessage?.({ data: copy } as MessageEvent));
          }
        }
        close() {
          for (const entry of channels) if (entry.channel === this) channels.delete(entry);
        }
      },
      close() {
        for (const id of timers) clock.clearTimeout(id);
        timers.clear();
        for (const entry of storageListeners) if (entry.tab === tab) storageListeners.delete(entry);
        for (const entry of channels) if (entry.tab === tab) channels.delete(entry);
        for (const [name, queue] of lockQueues)
          lockQueues.set(
            name,
            queue.filter((request) => request.tab !== tab),
          );
        for (const [name, holder] of lockHolders) if (holder.tab === tab) release(name, holder);
      },
    };
    return tab;
  }

  return {
    openTab,
    /** localStorage as seen by a page outside the tabs under test (its writes reach them all). */
    storage: storageFor(null),
    items,
    storageListenerCount: () => storageListeners.size,
    /** Lock requests waiting or held, over every name. */
    lockRequestCount: () => lockHolders.size + [...lockQueues.values()].reduce((sum, queue) => sum + queue.length, 0),
    channelCount: () => channels.size,
    pendingTimers: clock.pendingTimers,
  };
}

/** What a session in this tab knows of the site's other tabs; `locks: false` is a browser without Web Locks. */
export function tabsWorld(tab: Tab, options: { tabId: string; locks?: boolean; leaseMs?: number }): TabsWorld {
  return {
    tabId: options.tabId,
    locks: options.locks === false ? null : tab.locks,
    BroadcastChannel: tab.BroadcastChannel,
    storage: tab.storage,
    subscribeStorage: tab.subscribeStorage,
    leaseMs: options.leaseMs,
  };
}
