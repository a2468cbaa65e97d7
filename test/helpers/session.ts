// A session (composeSession, as the page has it) against a real emulator over loopback HTTP, on the
// fake clock (fake-time.ts), with a Storage the test can inspect or break, or a tab of a simulated
// browser (tabs.ts), and fast polling.

import type { Priority } from '../../widget/api/types';
import type { ParleyEvents } from '../../widget/core/events';
import { composeSession } from '../../widget/core/session/compose';
import type { Timing } from '../../widget/core/session/pace';
import type { TestEmulator } from './emulator';
import { createSwitch } from './fake-clock';
import type { FakeTime } from './fake-time';
import { type Tab, tabsWorld } from './tabs';

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
  priority?: Priority;
  /** The fake clock driven with the network (fake-time.ts): the session's clock and fetch. */
  time: FakeTime;
  random?: () => number;
  timing?: Partial<Timing>;
  /** A tab of a simulated browser (tabs.ts): the session shares storage, locks and a channel with its other tabs. */
  tab?: { tab: Tab; locks?: boolean; leaseMs?: number };
  /** An id per tab and page load, for the ids the session makes (outbox entries, create requests). */
  idPrefix?: string;
}

export function startSession(helpdesk: TestEmulator, options: SessionOptions) {
  const events: Array<{ event: keyof ParleyEvents; payload: unknown }> = [];
  const backend = options.backend === undefined ? new MemoryStorage() : options.backend;
  const visibility = createSwitch(true);
  const connectivity = createSwitch(true);
  const tab = options.tab?.tab;
  const prefix = options.idPrefix ?? `id-${Date.now()}`;
  let ids = 0;
  const session = composeSession({
    api: { apiUrl: helpdesk.url, clientKey: helpdesk.keys.client, timeoutMs: 5000, fetch: options.time.fetch },
    storage: tab ? () => tab.storage() as Storage : () => backend,
    // A tab's clock is the browser's (the same fake clock), whose timers die with the tab.
    clock: tab?.clock ?? options.time.clock,
    random: options.random ?? Math.random,
    newId: () => `${prefix}-${(ids += 1)}`,
    visibility: { isVisible: visibility.get, subscribe: visibility.subscribe },
    connectivity: { isOnline: connectivity.get, subscribe: connectivity.subscribe },
    config: { priority: options.priority ?? 'high', pageInfo: options.pageInfo ?? true, requireEmail: options.requireEmail ?? false },
    emit: (event, payload) => events.push({ event, payload }),
    pageInfo: () => ({ page_url: 'https://shop.example/checkout', page_title: 'Checkout', locale: 'en' }),
    fallbackSubject: () => 'Support request',
    timing: { ...FAST, ...options.timing },
    tabs: options.tab && tabsWorld(options.tab.tab, { tabId: prefix, locks: options.tab.locks, leaseMs: options.tab.leaseMs }),
  });
  const eventsOf = <K extends keyof ParleyEvents>(name: K) => events.filter((entry) => entry.event === name).map((entry) => entry.payload as ParleyEvents[K]);
  return { session, backend, events, eventsOf, visibility, connectivity, state: () => session.getState() };
}
