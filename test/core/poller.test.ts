import { describe, expect, it } from 'vitest';
import { ApiError, parseRetryAfter } from '../../widget/api/errors';
import { createPoller } from '../../widget/core/poller';
import { createFakeClock, createSwitch, settle } from '../helpers/fake-clock';

function setup(options: { random?: () => number; interval?: number; tick?: (n: number) => Promise<void> } = {}) {
  const clock = createFakeClock();
  const visible = createSwitch(true);
  const online = createSwitch(true);
  const calls: number[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const poller = createPoller({
    clock,
    random: options.random ?? (() => 1),
    intervalMs: () => options.interval ?? 3000,
    visibility: { isVisible: visible.get, subscribe: visible.subscribe },
    connectivity: { isOnline: online.get, subscribe: online.subscribe },
    firstPollJitterMs: 1000,
    backoffBaseMs: 1000,
    backoffCapMs: 60_000,
    async tick() {
      calls.push(clock.now());
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        await (options.tick?.(calls.length) ?? Promise.resolve());
      } finally {
        inFlight -= 1;
      }
    },
  });
  return { clock, visible, online, poller, calls, maxInFlight: () => maxInFlight };
}

const fail = (status: number, retryAfterMs: number | null = null) =>
  Promise.reject(new ApiError({ kind: 'http', status, message: `HTTP ${status}`, retryAfterMs }));

describe('poller', () => {
  it('jitters the first poll within the window, then polls at the interval', async () => {
    const { clock, poller, calls } = setup({ random: () => 0.5 });
    poller.start();
    await clock.advance(499);
    expect(calls).toHaveLength(0);
    await clock.advance(1);
    expect(calls).toHaveLength(1);
    await clock.advance(3000 * 3);
    expect(calls).toHaveLength(4);
    poller.stop();
  });

  it('makes no request while the page is hidden, and polls at once when it returns', async () => {
    const { clock, poller, calls, visible } = setup();
    poller.start();
    await clock.advance(1000);
    expect(calls).toHaveLength(1);
    visible.set(false);
    await clock.advance(60_000);
    expect(calls).toHaveLength(1);
    visible.set(true);
    await settle();
    expect(calls).toHaveLength(2);
    poller.stop();
  });

  it('waits for the online event while the browser says it is offline', async () => {
    const { clock, poller, calls, online } = setup();
    online.set(false);
    poller.start();
    await clock.advance(120_000);
    expect(calls).toHaveLength(0);
    online.set(true);
    await settle();
    expect(calls).toHaveLength(1);
    poller.stop();
  });

  it('backs off exponentially with full jitter, capped, and a success resets it', async () => {
    let failing = true;
    const { clock, poller, calls } = setup({ tick: () => (failing ? fail(503) : Promise.resolve()) });
    poller.start();
    await clock.advance(1000); // first poll (random = 1 → the whole jitter window)
    const gaps: number[] = [];
    for (let i = 0; i < 9; i += 1) {
      const before = calls.length;
      const delay = clock.nextDelay()!;
      gaps.push(delay);
      await clock.advance(delay);
      expect(calls.length).toBe(before + 1);
    }
    // random() = 1 gives the ceiling of each full-jitter window: 1 s, 2 s, 4 s … capped at 60 s.
    expect(gaps).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
    failing = false;
    await clock.advance(clock.nextDelay()!);
    expect(clock.nextDelay()).toBe(3000);
    poller.stop();
  });

  it('keeps every backoff delay inside the full-jitter range', async () => {
    const randoms = [0.01, 0.25, 0.999];
    for (const value of randoms) {
      const { clock, poller } = setup({ random: () => value, tick: () => fail(500) });
      poller.start();
      await clock.advance(clock.nextDelay()!); // the first poll, which fails
      for (let attempt = 1; attempt <= 8; attempt += 1) {
        const delay = clock.nextDelay()!;
        const ceiling = Math.min(60_000, 1000 * 2 ** (attempt - 1));
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(ceiling);
        expect(delay).toBe(Math.round(value * ceiling));
        await clock.advance(delay);
      }
      poller.stop();
    }
  });

  it('never polls before the delay Retry-After asked for', async () => {
    const { clock, poller, calls } = setup({ random: () => 0, tick: (n) => (n === 1 ? fail(429, 6000) : Promise.resolve()) });
    poller.start();
    await clock.advance(0); // random() = 0: the first poll goes at once, and is told to wait 6 s
    expect(calls).toHaveLength(1);
    await clock.advance(5999);
    expect(calls).toHaveLength(1);
    await clock.advance(1);
    expect(calls).toHaveLength(2);
    poller.stop();
  });

  it('waits until the HTTP date a Retry-After gave, read with the client parser', async () => {
    let clockNow = () => 0;
    const { clock, poller, calls } = setup({
      random: () => 0,
      tick: (n) => {
        if (n > 1) return Promise.resolve();
        // 90 s from now, as an IMF-fixdate, the form servers send.
        const date = new Date(clockNow() + 90_000).toUTCString();
        return fail(503, parseRetryAfter(date, clockNow()));
      },
    });
    clockNow = clock.now;
    poller.start();
    await clock.advance(0);
    expect(calls).toHaveLength(1);
    // toUTCString drops milliseconds, so the date may be up to 1 s earlier than 90 s.
    await clock.advance(88_999);
    expect(calls).toHaveLength(1);
    await clock.advance(1001);
    expect(calls).toHaveLength(2);
    poller.stop();
  });

  it('never runs two polls at once, even when asked to poll during one', async () => {
    let release: () => void = () => {};
    const { clock, poller, calls, maxInFlight } = setup({
      tick: (n) => (n === 1 ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve()),
    });
    poller.start();
    await clock.advance(1000);
    poller.pollNow();
    poller.pollNow();
    await settle();
    expect(calls).toHaveLength(1);
    release();
    await settle();
    await settle();
    expect(calls).toHaveLength(2); // the wanted poll runs right after, once
    expect(maxInFlight()).toBe(1);
    poller.stop();
  });

  it('leaves no timer and no listener after stop, and makes no request after it', async () => {
    const { clock, poller, calls, visible, online } = setup();
    poller.start();
    await clock.advance(5000);
    poller.stop();
    expect(clock.pendingTimers()).toBe(0);
    expect(visible.listenerCount()).toBe(0);
    expect(online.listenerCount()).toBe(0);
    const before = calls.length;
    poller.pollNow();
    visible.set(true);
    await clock.advance(60_000);
    expect(calls).toHaveLength(before);
  });

  it('holds no growing state over 10,000 start/stop cycles', async () => {
    const { clock, poller, visible, online } = setup();
    for (let i = 0; i < 10_000; i += 1) {
      poller.start();
      poller.stop();
    }
    expect(clock.pendingTimers()).toBe(0);
    expect(visible.listenerCount()).toBe(0);
    expect(online.listenerCount()).toBe(0);
  });
});
