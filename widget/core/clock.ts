// Time and randomness come in as dependencies so tests can drive them (a fake clock, a fixed
// random). `systemClock` is the real one; it touches only globals that exist in every runtime.

import { isApiError } from '../api/errors';
import type { Clock } from './world';

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
};

/**
 * The wait before retrying after `error`: exponential backoff with full jitter (AWS architecture
 * blog, "Exponential Backoff And Jitter"), a random delay in [0, min(cap, base · 2^(attempt − 1))] with
 * base `backoffBaseMs` (1 s by default), but never earlier than the server's Retry-After, which is
 * a floor, not a suggestion.
 */
export function backoffDelay(attempt: number, capMs: number, options: { random: () => number; backoffBaseMs?: number }, error: unknown): number {
  const ceiling = Math.min(capMs, (options.backoffBaseMs ?? 1000) * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.round(options.random() * ceiling);
  return Math.max(jittered, (isApiError(error) && error.retryAfterMs) || 0);
}
