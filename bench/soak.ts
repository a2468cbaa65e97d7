// 10,000 poll cycles of a real session against the emulator over loopback HTTP, then shutdown:
// prints heap growth and the timers still alive. Run with --expose-gc for a stable heap figure.

import { systemClock } from '../widget/core/clock';
import { composeSession } from '../widget/core/session/compose';
import type { Clock } from '../widget/core/world';
import { startEmulatorProcess } from './emulator';

export interface SoakResult {
  cycles: number;
  seconds: number;
  heapBeforeMb: number;
  heapAfterMb: number;
  heapGrowthMb: number;
  timersAliveAfterShutdown: number;
}

const collect = () => (globalThis as { gc?: () => void }).gc?.();
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 100) / 100;

/** A clock that counts the timers it has pending. */
function countingClock(): Clock & { alive(): number } {
  const pending = new Set<unknown>();
  return {
    now: systemClock.now,
    setTimeout(callback, ms) {
      const id: unknown = systemClock.setTimeout(() => {
        pending.delete(id);
        callback();
      }, ms);
      pending.add(id);
      return id;
    },
    clearTimeout(id) {
      pending.delete(id);
      systemClock.clearTimeout(id);
    },
    alive: () => pending.size,
  };
}

export async function soak(cycles = 10_000): Promise<SoakResult> {
  const emulator = await startEmulatorProcess();
  const clock = countingClock();
  const always = { isVisible: () => true, isOnline: () => true, subscribe: () => () => {} };
  const memory = new Map<string, string>();
  const backend = {
    getItem: (k: string) => memory.get(k) ?? null,
    setItem: (k: string, v: string) => void memory.set(k, v),
    removeItem: (k: string) => void memory.delete(k),
    key: (i: number) => [...memory.keys()][i] ?? null,
    get length() {
      return memory.size;
    },
    clear: () => memory.clear(),
  } as Storage;
  let polls = 0;
  // Counts the polls (the GETs of the messages list) on their way out.
  const countingFetch: typeof fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if ((init?.method ?? 'GET') === 'GET' && url.split('?')[0]!.endsWith('/messages/')) polls += 1;
    return fetch(input, init);
  };
  const session = composeSession({
    api: { apiUrl: emulator.url, clientKey: 'bnc_cl_bench', fetch: countingFetch },
    storage: () => backend,
    clock,
    random: Math.random,
    newId: () => crypto.randomUUID(),
    visibility: always,
    connectivity: { isOnline: always.isOnline, subscribe: always.subscribe },
    config: { priority: 'normal', pageInfo: false, requireEmail: false },
    emit: () => {},
    pageInfo: () => ({}),
    fallbackSubject: () => 'Support request',
    timing: { openIntervalMs: 0, closedIntervalMs: 0, idleIntervalMs: 0, firstPollJitterMs: 0, backoffBaseMs: 1 },
  });
  await session.actions.startConversation({ name: 'Soak', email: 'soak@example.com', message: 'Soak test' });
  const conversation = session.getState().conversation!;
  await emulator.agentReply(conversation.id, 'A reply to keep in the list');
  // Warm up, then measure from a settled heap.
  while (polls < 200) await new Promise((resolve) => setTimeout(resolve, 5));
  collect();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  const target = polls + cycles;
  while (polls < target) await new Promise((resolve) => setTimeout(resolve, 10));
  const seconds = (performance.now() - started) / 1000;
  session.destroy();
  await new Promise((resolve) => setTimeout(resolve, 100));
  collect();
  const heapAfter = process.memoryUsage().heapUsed;
  await emulator.stop();
  return {
    cycles,
    seconds: Math.round(seconds * 10) / 10,
    heapBeforeMb: mb(heapBefore),
    heapAfterMb: mb(heapAfter),
    heapGrowthMb: mb(heapAfter - heapBefore),
    timersAliveAfterShutdown: clock.alive(),
  };
}
