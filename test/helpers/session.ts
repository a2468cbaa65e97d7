// A session wired to a real emulator over loopback HTTP, with a Storage the test can inspect or
// break, and fast polling so tests see replies quickly.

import { createClient } from '../../widget/api/client';
import { systemClock } from '../../widget/core/clock';
import type { ParleyEvents } from '../../widget/core/events';
import { createSession, type Timing } from '../../widget/core/session';
import { createStorage } from '../../widget/core/storage';
import type { Clock } from '../../widget/core/world';
import type { TestEmulator } from './emulator';
import { createSwitch } from './fake-clock';

/** A Storage implementation (like localStorage) that can be told to throw. */
export class MemoryStorage implements Storage {
  private readonly data = new Map<string, string>();
  failReads = false;
  failWrites = false;
  writes = 0;
  get length() {
    return this.data.size;
  }
  key(index: number) {
    return [...this.data.keys()][index] ?? null;
  }
  getItem(key: string) {
    if (this.failReads) throw new DOMException('blocked', 'SecurityError');
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    if (this.failWrites) throw new DOMException('quota', 'QuotaExceededError');
    this.writes += 1;
    this.data.set(key, String(value));
  }
  removeItem(key: string) {
    this.data.delete(key);
  }
  clear() {
    this.data.clear();
  }
  keys() {
    return [...this.data.keys()];
  }
}

export const FAST: Partial<Timing> = {
  openIntervalMs: 50,
  closedIntervalMs: 50,
  idleIntervalMs: 50,
  backoffBaseMs: 5,
  firstPollJitterMs: 0,
};

export interface SessionOptions {
  backend?: Storage | null;
  pageInfo?: boolean;
  requireEmail?: boolean;
  /** The customer's clock (the system's by default). */
  clock?: Clock;
  random?: () => number;
  timing?: Partial<Timing>;
}

export function startSession(helpdesk: TestEmulator, options: SessionOptions = {}) {
  const events: Array<{ event: keyof ParleyEvents; payload: unknown }> = [];
  const backend = options.backend === undefined ? new MemoryStorage() : options.backend;
  const visibility = createSwitch(true);
  const connectivity = createSwitch(true);
  let ids = 0;
  const client = createClient({ apiUrl: helpdesk.url, clientKey: helpdesk.keys.client, timeoutMs: 5000 });
  const storage = createStorage({ backend: () => backend, apiUrl: helpdesk.url, clientKey: helpdesk.keys.client });
  const session = createSession({
    client,
    storage,
    clock: options.clock ?? systemClock,
    random: options.random ?? Math.random,
    newId: () => `id-${Date.now()}-${(ids += 1)}`,
    visibility: { isVisible: visibility.get, subscribe: visibility.subscribe },
    connectivity: { isOnline: connectivity.get, subscribe: connectivity.subscribe },
    config: { priority: 'high', pageInfo: options.pageInfo ?? true, requireEmail: options.requireEmail ?? false },
    emit: (event, payload) => events.push({ event, payload }),
    pageInfo: () => ({ page_url: 'https://shop.example/checkout', page_title: 'Checkout', locale: 'en' }),
    fallbackSubject: () => 'Support request',
    timing: { ...FAST, ...options.timing },
  });
  const eventsOf = <K extends keyof ParleyEvents>(name: K) => events.filter((entry) => entry.event === name).map((entry) => entry.payload as ParleyEvents[K]);
  return { session, backend, events, eventsOf, visibility, connectivity, state: () => session.getState() };
}
