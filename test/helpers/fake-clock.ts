// A clock the test moves by hand: timers fire in order as time is advanced, and promises
// started by a timer get the chance to settle before the next one fires.

import type { Clock } from '../../widget/core/world';

export interface FakeClock extends Clock {
  advance(ms: number): Promise<void>;
  /** Timers still scheduled. */
  pendingTimers(): number;
  /** When the next timer fires, relative to now, or null. */
  nextDelay(): number | null;
}

export const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createFakeClock(start = Date.parse('2026-11-22T10:00:00Z')): FakeClock {
  let now = start;
  let nextId = 1;
  const timers = new Map<number, { at: number; callback: () => void }>();
  return {
    now: () => now,
    setTimeout(callback, ms) {
      const id = nextId++;
      timers.set(id, { at: now + Math.max(0, ms), callback });
      return id;
    },
    clearTimeout(id) {
      timers.delete(id as number);
    },
    async advance(ms) {
      const target = now + ms;
      await settle();
      for (;;) {
        let earliest: [number, { at: number; callback: () => void }] | null = null;
        for (const entry of timers) if (entry[1].at <= target && (!earliest || entry[1].at < earliest[1].at)) earliest = entry;
        if (!earliest) break;
        timers.delete(earliest[0]);
        now = earliest[1].at;
        earliest[1].callback();
        await settle();
      }
      now = target;
      await settle();
    },
    pendingTimers: () => timers.size,
    nextDelay() {
      let min: number | null = null;
      for (const { at } of timers.values()) min = min === null ? at - now : Math.min(min, at - now);
      return min;
    },
  };
}

/** Visibility and connectivity that a test flips, with the callbacks the real page would fire. */
export function createSwitch(initial: boolean) {
  let value = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set(next: boolean) {
      value = next;
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    listenerCount: () => listeners.size,
  };
}
