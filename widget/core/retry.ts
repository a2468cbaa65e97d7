// One try of a write under the retry policy (api/errors.ts): when an earlier try's outcome is
// unknown (its answer was lost, so it may have landed), look first, and write again only if it did
// not. The API has no idempotency key, so this is how a reply or a conversation is never made
// twice. The outbox calls it once per try (its entries keep what is known across reloads and
// tabs); creating a conversation loops over it (retryUntilDone).

import { isApiError, type RetryDecision, retryDecision } from '../api/errors';
import { backoffDelay } from './clock';
import { type Clock, sleep } from './world';

export interface Attempt<T> {
  /** An earlier try may have landed: look before writing again. */
  uncertain: boolean;
  /** Finds what an earlier try made, or null when it did not land. */
  probe(): Promise<T | null>;
  /** The write itself. */
  write(): Promise<T>;
}

export type TryResult<T> =
  | { ok: true; value: T }
  /** `uncertain`: whether a try may have landed, for the next one. */
  | { ok: false; error: unknown; decision: RetryDecision; uncertain: boolean };

/** What a failure means: anything not an ApiError may have happened after the request left. */
const decisionOf = (error: unknown): RetryDecision => (isApiError(error) ? retryDecision(error) : 'outcome-unknown');

export async function tryOnce<T>(attempt: Attempt<T>): Promise<TryResult<T>> {
  let writing = false;
  try {
    if (attempt.uncertain) {
      const found = await attempt.probe();
      if (found) return { ok: true, value: found };
    }
    writing = true;
    return { ok: true, value: await attempt.write() };
  } catch (error) {
    const decision = decisionOf(error);
    // A failed look (a read) leaves what was known; a lost write may have landed.
    const uncertain = writing ? decision === 'outcome-unknown' : attempt.uncertain;
    return { ok: false, error, decision, uncertain };
  }
}

export interface RetryOptions<T> extends Omit<Attempt<T>, 'uncertain'> {
  clock: Clock;
  random: () => number;
  maxAttempts: number;
  backoffBaseMs?: number;
  backoffCapMs: number;
}

/** Tries until done, refused or out of attempts (then one last look, if a try may have landed). */
export async function retryUntilDone<T>(options: RetryOptions<T>): Promise<T> {
  let uncertain = false;
  for (let attempt = 1; ; attempt += 1) {
    const result: TryResult<T> = await tryOnce({ uncertain, probe: options.probe, write: options.write });
    if (result.ok) return result.value;
    // A bug of ours, not a failure of the helpdesk: no reason to think a retry would do better.
    if (!isApiError(result.error) || result.decision === 'no-retry') throw result.error;
    uncertain = result.uncertain;
    if (attempt >= options.maxAttempts) {
      // A write that did land must never be made again later, by the customer's next click.
      const found = uncertain ? await options.probe().catch(() => null) : null;
      if (found) return found;
      throw result.error;
    }
    await sleep(options.clock, backoffDelay(attempt, options.backoffCapMs, options, result.error));
  }
}
