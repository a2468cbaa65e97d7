// How often the conversation is polled: pure, from the facts of the moment.

export interface Timing {
  openIntervalMs: number;
  idleIntervalMs: number;
  closedIntervalMs: number;
  idleAfterMs: number;
  backoffBaseMs: number;
  firstPollJitterMs: number;
}

export const DEFAULT_TIMING: Timing = {
  openIntervalMs: 3000,
  idleIntervalMs: 10_000,
  closedIntervalMs: 30_000,
  idleAfterMs: 2 * 60_000,
  backoffBaseMs: 1000,
  firstPollJitterMs: 1000,
};

export interface PaceFacts {
  now: number;
  /** This tab's panel is open, and when its customer last did something. */
  panelOpen: boolean;
  lastActivityAt: number;
  /** The last activity of each other tab whose panel is open (the leader hears of them). */
  watching: Iterable<number>;
}

/** The pace follows the most attentive tab: this one, or any other whose panel is open. */
export function pollInterval(facts: PaceFacts, timing: Timing): number {
  const active = Math.max(facts.panelOpen ? facts.lastActivityAt : -Infinity, ...facts.watching);
  if (active === -Infinity) return timing.closedIntervalMs;
  return facts.now - active > timing.idleAfterMs ? timing.idleIntervalMs : timing.openIntervalMs;
}
