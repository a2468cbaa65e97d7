// Runs one periodic task (a poll) with the discipline a widget living in thousands of tabs needs:
// never two requests at once, nothing while the page is hidden or the browser says it is offline,
// backoff with full jitter on failure, Retry-After honoured, and nothing left behind by stop().

import { backoffDelay } from './clock';
import type { Clock, Connectivity, TimerId, Visibility } from './world';

export interface PollerOptions {
  /** One poll. Rejects (with an ApiError, ideally) to back off; resolves to go on. */
  tick(signal: AbortSignal): Promise<void>;
  /** The cadence right now, read before each wait (it changes with the panel and idleness). */
  intervalMs(): number;
  clock: Clock;
  random: () => number;
  visibility: Visibility;
  connectivity: Connectivity;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  /** Spread the first poll over this window so many tabs loading together do not stampede. */
  firstPollJitterMs?: number;
  onError?(error: unknown): void;
}

export interface Poller {
  start(): void;
  stop(): void;
  /** Poll as soon as allowed (after the current one, if one is under way). */
  pollNow(): void;
  readonly running: boolean;
  /** Consecutive failures since the last success. */
  readonly failures: number;
}

export function createPoller(options: PollerOptions): Poller {
  const { clock } = options;
  let running = false;
  let inFlight: AbortController | null = null;
  let timer: TimerId | null = null;
  let failures = 0;
  let pollWanted = false;
  let unsubscribers: Array<() => void> = [];

  const canRequest = () => running && options.visibility.isVisible() && options.connectivity.isOnline();

  function clearTimer() {
    clock.clearTimeout(timer);
    timer = null;
  }

  function schedule(delayMs: number) {
    clearTimer();
    if (!running) return;
    timer = clock.setTimeout(
      () => {
        timer = null;
        void run();
      },
      Math.max(0, delayMs),
    );
  }

  async function run() {
    if (inFlight) {
      pollWanted = true;
      return;
    }
    // Hidden or offline: no timer at all; the visibility/online callbacks restart us.
    if (!canRequest()) return;
    pollWanted = false;
    const controller = new AbortController();
    inFlight = controller;
    let failure: unknown;
    try {
      await options.tick(controller.signal);
      failures = 0;
    } catch (error) {
      if (controller.signal.aborted) return;
      failures += 1;
      failure = error;
      options.onError?.(error);
    } finally {
      if (inFlight === controller) inFlight = null;
    }
    if (!running) return;
    // After a failure the backoff comes first, even before a poll asked for during this one.
    if (failures) return schedule(backoffDelay(failures, options.backoffCapMs ?? 60_000, options, failure));
    if (pollWanted) return void run();
    schedule(options.intervalMs());
  }

  function resumeAtOnce() {
    if (!running) return;
    if (!canRequest()) {
      clearTimer();
      return;
    }
    // Back from hidden/offline: poll now, unless a backoff (Retry-After) is still pending.
    if (failures === 0 && !inFlight) {
      clearTimer();
      void run();
    } else if (timer === null && !inFlight) {
      void run();
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      unsubscribers = [options.visibility.subscribe(resumeAtOnce), options.connectivity.subscribe(resumeAtOnce)];
      schedule(Math.round(options.random() * (options.firstPollJitterMs ?? 1000)));
    },
    stop() {
      running = false;
      clearTimer();
      inFlight?.abort();
      inFlight = null;
      for (const unsubscribe of unsubscribers) unsubscribe();
      unsubscribers = [];
    },
    pollNow() {
      if (!running) return;
      if (inFlight) {
        pollWanted = true;
        return;
      }
      if (failures > 0 && timer !== null) return; // respect the backoff under way
      clearTimer();
      void run();
    },
    get running() {
      return running;
    },
    get failures() {
      return failures;
    },
  };
}
