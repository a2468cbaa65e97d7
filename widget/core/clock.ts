// Time and randomness come in as dependencies so tests can drive them (a fake clock, a fixed
// random). `systemClock` is the real one; it touches only globals that exist in every runtime.

export type TimerId = unknown;

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerId;
  clearTimeout(id: TimerId): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
};

/**
 * Exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff And Jitter"):
 * a random delay in [0, min(cap, base · 2^attempt)], but never earlier than the server's
 * Retry-After, which is a floor, not a suggestion.
 */
export function backoffDelay(options: {
  attempt: number;
  baseMs: number;
  capMs: number;
  random: () => number;
  retryAfterMs?: number | null;
}): number {
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.max(0, options.attempt - 1));
  const jittered = Math.round(options.random() * ceiling);
  return Math.max(jittered, options.retryAfterMs ?? 0);
}
