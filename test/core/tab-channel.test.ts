import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import { type BroadcastChannelLike, createTabChannel } from '../../widget/core/tab-channel';
import { createFakeClock, settle } from '../helpers/fake-clock';
import { createBrowser, type Tab } from '../helpers/tabs';

const NAME = 'parley:test:bus';

interface Ping {
  type: 'ping';
  n: number;
}
const isPing = (value: unknown): value is Ping =>
  typeof value === 'object' && value !== null && (value as Ping).type === 'ping' && typeof (value as Ping).n === 'number';

function openTabs(count: number, transport: 'broadcast' | 'storage', BroadcastChannel?: new (name: string) => BroadcastChannelLike) {
  const clock = createFakeClock();
  const browser = createBrowser(clock);
  const tabs = Array.from({ length: count }, () => browser.openTab());
  const channelOf = (tab: Tab, over = transport) => {
    const channel = createTabChannel<Ping>({
      name: NAME,
      BroadcastChannel: over === 'broadcast' ? (BroadcastChannel ?? tab.BroadcastChannel) : null,
      storage: tab.storage,
      subscribeStorage: tab.subscribeStorage,
      isMessage: isPing,
      clock,
      tabId: tab.id,
    });
    const received: Ping[] = [];
    channel.subscribe((message) => received.push(message));
    return Object.assign(channel, { received });
  };
  return { browser, tabs, channels: tabs.map((tab) => channelOf(tab)), channelOf };
}

describe('tab channel', () => {
  it('fits the browser objects it is given in production', () => {
    expectTypeOf<typeof BroadcastChannel>().toExtend<new (name: string) => BroadcastChannelLike>();
  });

  describe.each(['broadcast', 'storage'] as const)('over %s', (transport) => {
    it('delivers to every other tab, not to the sender', async () => {
      const { channels } = openTabs(3, transport);
      channels[0]!.post({ type: 'ping', n: 1 });
      channels[1]!.post({ type: 'ping', n: 2 });
      await settle();
      expect(channels.map((channel) => channel.received)).toEqual([
        [{ type: 'ping', n: 2 }],
        [{ type: 'ping', n: 1 }],
        [
          { type: 'ping', n: 1 },
          { type: 'ping', n: 2 },
        ],
      ]);
    });

    it('delivers the same message posted twice, twice', async () => {
      const { channels } = openTabs(2, transport);
      channels[0]!.post({ type: 'ping', n: 1 });
      channels[0]!.post({ type: 'ping', n: 1 });
      await settle();
      expect(channels[1]!.received).toHaveLength(2);
    });

    it('stops delivering after close(), and posts nothing', async () => {
      const { browser, channels } = openTabs(3, transport);
      channels[1]!.close();
      channels[0]!.post({ type: 'ping', n: 1 });
      channels[1]!.post({ type: 'ping', n: 2 });
      await settle();
      expect(channels.map((channel) => channel.received)).toEqual([[], [], [{ type: 'ping', n: 1 }]]);
      channels[0]!.close();
      channels[2]!.close();
      expect(browser.storageListenerCount()).toBe(0);
      expect(browser.channelCount()).toBe(0);
    });

    it('stops calling a callback once unsubscribed', async () => {
      const { channels } = openTabs(2, transport);
      const callback = vi.fn();
      const unsubscribe = channels[1]!.subscribe(callback);
      unsubscribe();
      channels[0]!.post({ type: 'ping', n: 1 });
      await settle();
      expect(callback).not.toHaveBeenCalled();
      expect(channels[1]!.received).toHaveLength(1);
    });
  });

  it('leaves nothing in storage', async () => {
    const { browser, channels } = openTabs(2, 'storage');
    channels[0]!.post({ type: 'ping', n: 1 });
    await settle();
    expect(channels[1]!.received).toHaveLength(1);
    expect(browser.items.size).toBe(0);
  });

  it('ignores garbage, messages that fail the check, and echoes of its own', async () => {
    const { browser, tabs, channelOf } = openTabs(2, 'storage');
    const overStorage = channelOf(tabs[0]!);
    const overBroadcast = channelOf(tabs[0]!, 'broadcast');
    const otherTab = new tabs[1]!.BroadcastChannel(NAME);
    const envelope = (from: string, message: unknown) => JSON.stringify({ id: 1, from, message, at: 0 });
    const ownId = tabs[0]!.id;
    const garbage = [
      'not json',
      'null',
      '42',
      '{}',
      JSON.stringify({ type: 'ping', n: 1 }),
      envelope('tab-9', { type: 'pong' }),
      envelope(ownId, { type: 'ping', n: 1 }),
    ];
    for (const raw of garbage) {
      browser.storage.setItem(NAME, raw);
      otherTab.postMessage(raw);
    }
    otherTab.postMessage({ type: 'ping', n: 1 });
    await settle();
    expect(overStorage.received).toEqual([]);
    expect(overBroadcast.received).toEqual([]);
    browser.storage.setItem(NAME, envelope('tab-9', { type: 'ping', n: 2 }));
    otherTab.postMessage(envelope('tab-9', { type: 'ping', n: 3 }));
    await settle();
    expect(overStorage.received).toEqual([{ type: 'ping', n: 2 }]);
    expect(overBroadcast.received).toEqual([{ type: 'ping', n: 3 }]);
    otherTab.close();
  });

  it('falls back to storage when the BroadcastChannel constructor throws', async () => {
    const Throwing = class {
      constructor() {
        throw new DOMException('denied', 'SecurityError');
      }
    } as unknown as new (
      name: string,
    ) => BroadcastChannelLike;
    const { channels } = openTabs(2, 'broadcast', Throwing);
    channels[0]!.post({ type: 'ping', n: 1 });
    await settle();
    expect(channels[1]!.received).toEqual([{ type: 'ping', n: 1 }]);
  });

  it("works over Node's own BroadcastChannel", async () => {
    const { channels } = openTabs(3, 'broadcast', globalThis.BroadcastChannel);
    try {
      channels[0]!.post({ type: 'ping', n: 1 });
      await vi.waitFor(() => expect(channels[2]!.received).toHaveLength(1));
      expect(channels.map((channel) => channel.received)).toEqual([[], [{ type: 'ping', n: 1 }], [{ type: 'ping', n: 1 }]]);
    } finally {
      for (const channel of channels) channel.close();
    }
  });
});
