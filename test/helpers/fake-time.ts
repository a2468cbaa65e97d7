// The fake clock (fake-clock.ts) driven together with real loopback HTTP to the emulator: time
// moves only when the test says so, and stands still while a request is under way, as if the
// network answered at once. A test then says "a second passes" and knows every poll of that second
// happened and was answered, instead of sleeping and hoping; and a retry after Retry-After: 1 costs
// no real second.
//
//   const time = createFakeTime();
//   const s = startSession(helpdesk, { time });
//   await time.complete(s.session.actions.startConversation(...)); // its retries wait on the clock
//   await time.pass(1500);                                          // 15 polls at 100 ms, answered
//   await time.until(() => expect(s.state().unreadCount).toBe(2));   // timer after timer, until true

import { createFakeClock, type FakeClock, settle } from './fake-clock';

export interface FakeTime {
  clock: FakeClock;
  /** The widget's fetch: real HTTP, with the requests under way counted and their bodies read before they resolve. */
  fetch: typeof fetch;
  /** Until no request is under way and what their answers started has run. */
  quiet(): Promise<void>;
  /** `ms` of the clock's time pass: the timers due fire in order, each one's requests answered before the next fires. */
  pass(ms: number): Promise<void>;
  /** Time passes, timer after timer, until the assertion holds; it fails when nothing is left to happen, or after `limitMs`. */
  until(assertion: () => void, limitMs?: number): Promise<void>;
  /** Time passes until the promise settles (a create whose retries wait on the clock); its value. */
  complete<T>(promise: Promise<T>): Promise<T>;
}

// Statuses whose responses have no body: the Response constructor refuses one.
const NULL_BODY = [101, 204, 205, 304];

export function createFakeTime(start = Date.now()): FakeTime {
  const clock = createFakeClock(start);
  let inFlight = 0;
  let wake: (() => void) | null = null;

  const fetchCounted: typeof fetch = async (input, init) => {
    inFlight += 1;
    try {
      const response = await fetch(input, init);
      // Read whole here, so that nothing of this request is left on the network once it resolves.
      const body = NULL_BODY.includes(response.status) ? null : await response.arrayBuffer();
      return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
    } finally {
      inFlight -= 1;
      wake?.();
    }
  };

  async function quiet() {
    // Two calm turns of the event loop in a row: a request's answer may start another one.
    for (let calm = 0; calm < 2; ) {
      await settle();
      if (inFlight === 0) {
        calm += 1;
        continue;
      }
      calm = 0;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
    }
  }

  async function pass(ms: number) {
    const target = clock.now() + ms;
    for (;;) {
      await quiet();
      const next = clock.nextDelay();
      if (next === null || clock.now() + next > target) break;
      await clock.advance(next);
    }
    await clock.advance(target - clock.now());
    await quiet();
  }

  async function until(assertion: () => void, limitMs = 60_000) {
    const deadline = clock.now() + limitMs;
    for (;;) {
      await quiet();
      try {
        return assertion();
      } catch (error) {
        const next = clock.nextDelay();
        if (next === null || clock.now() + next > deadline) throw error;
        await clock.advance(next);
      }
    }
  }

  async function complete<T>(promise: Promise<T>): Promise<T> {
    let settled = false;
    const done = promise.then(
      () => void (settled = true),
      () => void (settled = true),
    );
    await until(() => {
      if (!settled) throw new Error('still under way');
    });
    await done;
    return promise;
  }

  return { clock, fetch: fetchCounted, quiet, pass, until, complete };
}
