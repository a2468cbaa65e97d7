import { describe, expect, expectTypeOf, it } from 'vitest';
import { createTabLeader } from '../../widget/core/tab-leader';
import type { LockManagerLike, StorageBackend } from '../../widget/core/world';
import { createFakeClock, settle } from '../helpers/fake-clock';
import { createBrowser, type Tab } from '../helpers/tabs';

const NAME = 'parley:test:leader';
const LEASE_MS = 6000;

function openTabs(count: number, transport: 'locks' | 'lease', options: { brokenStorage?: boolean } = {}) {
  const clock = createFakeClock();
  const browser = createBrowser(clock);
  const tabs = Array.from({ length: count }, () => browser.openTab(options));
  const leaderOf = (tab: Tab, locks: LockManagerLike | null = transport === 'locks' ? tab.locks : null) => {
    const leader = createTabLeader({
      name: NAME,
      locks,
      storage: tab.storage,
      subscribeStorage: tab.subscribeStorage,
      clock: tab.clock,
      random: () => 0.5,
      tabId: tab.id,
    });
    const changes: boolean[] = [];
    leader.subscribe((isLeader) => changes.push(isLeader));
    return Object.assign(leader, { changes });
  };
  const leaders = tabs.map((tab) => leaderOf(tab));
  const leading = () => leaders.filter((leader) => leader.isLeader);
  const startAll = async (list = leaders) => {
    for (const leader of list) leader.start();
    await clock.advance(1000);
  };
  return { clock, browser, tabs, leaders, leading, leaderOf, startAll };
}

/** Advances in small steps until a tab leads; returns how long that took. */
async function timeToLeader(clock: ReturnType<typeof createFakeClock>, leading: () => unknown[], limitMs = 60_000) {
  const from = clock.now();
  while (leading().length === 0 && clock.now() - from < limitMs) await clock.advance(10);
  return clock.now() - from;
}

describe('tab leader', () => {
  it('fits the browser objects it is given in production', () => {
    expectTypeOf<LockManager>().toExtend<LockManagerLike>();
    expectTypeOf<Storage>().toExtend<StorageBackend>();
  });

  describe('with Web Locks', () => {
    it('elects exactly one leader among three tabs, the first to ask', async () => {
      const { leaders, leading, startAll } = openTabs(3, 'locks');
      await startAll();
      expect(leading()).toEqual([leaders[0]]);
      expect(leaders.map((leader) => leader.changes)).toEqual([[true], [], []]);
    });

    it('hands over at once when the leader stops', async () => {
      const { leaders, leading, startAll } = openTabs(3, 'locks');
      await startAll();
      leaders[0]!.stop();
      expect(leaders[0]!.changes).toEqual([true, false]);
      await settle();
      expect(leading()).toEqual([leaders[1]]);
    });

    it('hands over at once when the leader tab closes without stopping', async () => {
      const { tabs, leaders, leading, startAll } = openTabs(3, 'locks');
      await startAll();
      tabs[0]!.close();
      await settle();
      expect(leading().filter((leader) => leader !== leaders[0])).toEqual([leaders[1]]);
    });

    it('a follower that stops leaves the queue and never leads', async () => {
      const { browser, leaders, leading, startAll } = openTabs(3, 'locks');
      await startAll();
      leaders[1]!.stop();
      leaders[0]!.stop();
      await settle();
      expect(leading()).toEqual([leaders[2]]);
      expect(leaders[1]!.changes).toEqual([]);
      leaders[2]!.stop();
      await settle();
      expect(browser.lockRequestCount()).toBe(0);
    });

    it('releases a lock granted just as it stopped', async () => {
      const { browser, leaders } = openTabs(2, 'locks');
      leaders[0]!.start(); // granted at once, the callback runs a moment later
      leaders[0]!.stop();
      leaders[1]!.start();
      await settle();
      expect(leaders.map((leader) => leader.changes)).toEqual([[], [true]]);
      leaders[1]!.stop();
      await settle();
      expect(browser.lockRequestCount()).toBe(0);
    });

    it('falls back to the lease when the lock request is refused', async () => {
      const { tabs, leaderOf, startAll } = openTabs(2, 'locks');
      const refusing: LockManagerLike = {
        request: () => Promise.reject(new DOMException('opaque origin', 'SecurityError')),
      };
      const leaders = tabs.map((tab) => leaderOf(tab, refusing));
      await startAll(leaders);
      expect(leaders.filter((leader) => leader.isLeader)).toHaveLength(1);
    });
  });

  describe('with the localStorage lease', () => {
    it('elects exactly one leader among three tabs and keeps it while it renews', async () => {
      const { clock, leaders, leading, startAll } = openTabs(3, 'lease');
      await startAll();
      expect(leading()).toEqual([leaders[0]]);
      await clock.advance(10 * LEASE_MS);
      expect(leading()).toEqual([leaders[0]]);
      expect(leaders.map((leader) => leader.changes)).toEqual([[true], [], []]);
    });

    it('hands over within a settle when the leader stops', async () => {
      const { clock, leaders, leading, startAll } = openTabs(3, 'lease');
      await startAll();
      leaders[0]!.stop();
      expect(leaders[0]!.changes).toEqual([true, false]);
      expect(await timeToLeader(clock, leading)).toBeLessThanOrEqual(100);
      expect(leading()).toHaveLength(1);
    });

    it('hands over by the end of the lease when the leader tab closes without stopping', async () => {
      const { clock, browser, tabs, leaders, leading, startAll } = openTabs(3, 'lease');
      await startAll();
      const lease = JSON.parse(browser.items.get(NAME)!) as { owner: string; expiresAt: number };
      expect(lease.owner).toBe(tabs[0]!.id);
      tabs[0]!.close();
      const others = () => leading().filter((leader) => leader !== leaders[0]);
      await clock.advance(lease.expiresAt - clock.now() - 300);
      expect(others()).toEqual([]); // the lease still holds
      await timeToLeader(clock, others);
      expect(clock.now()).toBeLessThanOrEqual(lease.expiresAt);
      expect(others()).toHaveLength(1);
    });

    it('gives up a claim that a later one overwrote: the last writer wins', async () => {
      const { clock, browser, leaders } = openTabs(1, 'lease');
      leaders[0]!.start(); // claims, then reads the key again after the settle
      browser.storage.setItem(NAME, JSON.stringify({ owner: 'rival', expiresAt: clock.now() + LEASE_MS }));
      await clock.advance(1000);
      expect(leaders[0]!.changes).toEqual([]);
    });

    it('steps down when another tab takes the lease over', async () => {
      const { clock, browser, leaders } = openTabs(1, 'lease');
      leaders[0]!.start();
      await clock.advance(1000);
      browser.storage.setItem(NAME, JSON.stringify({ owner: 'rival', expiresAt: clock.now() + LEASE_MS }));
      await settle();
      expect(leaders[0]!.changes).toEqual([true, false]);
      // The rival never renews: the lease comes back when it ends.
      await clock.advance(LEASE_MS);
      expect(leaders[0]!.changes).toEqual([true, false, true]);
    });

    it('takes over a lease with garbage in it', async () => {
      const { browser, leaders, leading, startAll } = openTabs(2, 'lease');
      browser.storage.setItem(NAME, '{"owner":');
      await startAll();
      expect(leading()).toEqual([leaders[0]]);
    });

    it('leads alone when its storage throws, and stops cleanly', async () => {
      const { clock, leaders, leading } = openTabs(2, 'lease', { brokenStorage: true });
      for (const leader of leaders) leader.start();
      expect(leading()).toEqual(leaders); // neither can see the other
      await clock.advance(10 * LEASE_MS);
      expect(leaders[0]!.changes).toEqual([true]);
      for (const leader of leaders) leader.stop();
      expect(clock.pendingTimers()).toBe(0);
    });
  });

  describe.each(['locks', 'lease'] as const)('stop() with %s', (transport) => {
    it('leaves no timer, listener, lock request or lease behind, and start() rejoins', async () => {
      const { clock, browser, leaders, leading, startAll } = openTabs(3, transport);
      await startAll();
      for (const leader of leaders) leader.stop();
      await settle();
      expect(leading()).toEqual([]);
      expect(clock.pendingTimers()).toBe(0);
      expect(browser.storageListenerCount()).toBe(0);
      expect(browser.lockRequestCount()).toBe(0);
      expect(browser.items.size).toBe(0);
      leaders[2]!.start();
      await clock.advance(1000);
      expect(leading()).toEqual([leaders[2]]);
      leaders[2]!.stop();
    });
  });
});
