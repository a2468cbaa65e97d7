// Injected faults: the next N matching requests fail (not processed) or lose their answer
// (processed, then the socket is destroyed), plus the random failures of switches.failRate.

import type { FailOptions, FaultMatch, Switches } from './types';

export interface Failure {
  status: number;
  options: FailOptions;
}

interface Pending {
  match: FaultMatch;
  remaining: number;
  failure: Failure | null;
}

function assertCount(count: number): void {
  if (!Number.isInteger(count) || count < 1) throw new Error(`Fault count must be a positive integer, got ${count}`);
}

export function assertStatus(status: number): void {
  if (!Number.isInteger(status) || status < 100 || status > 599) throw new Error(`Fault status must be 100..599, got ${status}`);
}

function matches(match: FaultMatch, method: string, path: string): boolean {
  // A fault without a method never hits a preflight: a failed preflight is a network error in the
  // browser, which would hide the status the test wanted the widget to see.
  if (match.method === undefined ? method === 'OPTIONS' : match.method.toUpperCase() !== method) return false;
  if (typeof match.path === 'string') return match.path === path;
  match.path.lastIndex = 0;
  return match.path.test(path);
}

export class Faults {
  private readonly failures: Pending[] = [];
  private readonly losses: Pending[] = [];

  failNext(match: FaultMatch, count: number, status: number, options: FailOptions = {}): void {
    assertCount(count);
    assertStatus(status);
    this.failures.push({ match, remaining: count, failure: { status, options: { ...options } } });
  }

  loseNext(match: FaultMatch, count: number): void {
    assertCount(count);
    this.losses.push({ match, remaining: count, failure: null });
  }

  /** The failure planned for this request, if any; consumes one use of it. */
  takeFailure(method: string, path: string): Failure | null {
    return take(this.failures, method, path)?.failure ?? null;
  }

  /** Whether this request's answer must be lost; consumes one use of the fault. */
  takeLoss(method: string, path: string): boolean {
    return take(this.losses, method, path) !== null;
  }

  randomFailure(switches: Switches): Failure | null {
    if (switches.failRate <= 0 || Math.random() >= switches.failRate) return null;
    // A 503 without Retry-After would make a polite client guess; the vendor's would say.
    return { status: switches.failStatus, options: switches.failStatus === 503 ? { retryAfter: '1' } : {} };
  }
}

function take(queue: Pending[], method: string, path: string): Pending | null {
  const index = queue.findIndex((pending) => matches(pending.match, method, path));
  if (index < 0) return null;
  const pending = queue[index] as Pending;
  pending.remaining -= 1;
  if (pending.remaining === 0) queue.splice(index, 1);
  return pending;
}
