// One error type for every failure of an API call, and the one written policy of what may be
// retried. Retrying itself happens in one place (the poller and the outbox), never in the transport.

export type ErrorKind =
  /** fetch itself failed: offline, DNS, connection reset, or CORS (the browser hides which). */
  | 'network'
  /** no answer within the client's timeout. */
  | 'timeout'
  /** the server answered with a non-2xx status. */
  | 'http'
  /** a 2xx answer whose body is not the JSON the contract promises. */
  | 'invalid-response'
  /** the caller aborted (shutdown, a newer request replaced it). */
  | 'aborted';

export interface ApiErrorInit {
  kind: ErrorKind;
  message: string;
  status?: number | null;
  fieldErrors?: Record<string, string[]>;
  retryAfterMs?: number | null;
  method?: string;
  path?: string;
  cause?: unknown;
}

export class ApiError extends Error {
  override readonly name = 'ParleyApiError';
  readonly kind: ErrorKind;
  /** HTTP status, or null when no answer came back. */
  readonly status: number | null;
  /** Field errors such as `{ subject: ['This field is required.'] }`; empty when none. */
  readonly fieldErrors: Record<string, string[]>;
  /** Delay asked by `Retry-After` (seconds or HTTP date), in ms; null when absent. */
  readonly retryAfterMs: number | null;
  readonly method: string;
  readonly path: string;

  constructor(init: ApiErrorInit) {
    // As ErrorOptions: the Error constructor reads only its `cause`.
    super(init.message, init);
    this.kind = init.kind;
    this.status = init.status ?? null;
    this.fieldErrors = init.fieldErrors ?? {};
    this.retryAfterMs = init.retryAfterMs ?? null;
    this.method = (init.method ?? 'GET').toUpperCase();
    this.path = init.path ?? '';
  }
}

export const isApiError = (value: unknown): value is ApiError => value instanceof ApiError;

/**
 * - `retry`: nothing happened on the server (or repeating is harmless): try again after a delay.
 * - `no-retry`: repeating cannot help (validation, auth, not found, a refused key): show the error.
 * - `outcome-unknown`: a write whose answer was lost; it may have happened. Look before retrying.
 */
export type RetryDecision = 'retry' | 'no-retry' | 'outcome-unknown';

// Statuses after which the server did not act on the request, so any method may be retried.
const RETRY_STATUSES: readonly (number | null)[] = [
  408, // Request Timeout: the server gave up waiting for the request
  425, // Too Early: a replay-protection refusal, safe to repeat later
  429, // Too Many Requests: rate limited; wait for Retry-After
  503, // Service Unavailable: the server refused the work (overload, maintenance); Retry-After may say when
];

// Statuses that say the answer went wrong somewhere after the request arrived: for a read, simply
// repeat; for a write, it may have been committed (a proxy timing out while the origin wrote).
// https://developer.mozilla.org/docs/Web/HTTP/Status/502 and /504.
const AMBIGUOUS_STATUSES: readonly (number | null)[] = [
  500, // Internal Server Error: the origin failed, possibly after writing
  502, // Bad Gateway: a proxy lost the origin's answer, the write may have happened
  504, // Gateway Timeout: a proxy stopped waiting, the origin may still have written
];

export function retryDecision({ kind, status, method }: ApiError): RetryDecision {
  if (kind === 'aborted') return 'no-retry';
  if (kind === 'http' && !AMBIGUOUS_STATUSES.includes(status)) {
    return RETRY_STATUSES.includes(status) ? 'retry' : 'no-retry';
  }
  // The request may have reached the server (network, timeout, an unreadable answer, an ambiguous
  // status): a read is repeatable, a write's outcome is unknown.
  return method === 'GET' || method === 'HEAD' ? 'retry' : 'outcome-unknown';
}

/**
 * The three HTTP-date forms (RFC 9110 §5.6.7): IMF-fixdate, the obsolete RFC 850 form and asctime.
 * Checked before Date.parse, which is lenient enough to read "1.5", "-1" or "foo 1" as a date in
 * 2001, a past date that would turn garbage into "retry right now".
 */
const IMF_FIXDATE = /^[a-z]{3}, \d{2} [a-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/i;
const RFC850_DATE = /^[a-z]{6,9}, \d{2}-[a-z]{3}-\d{2} \d{2}:\d{2}:\d{2} GMT$/i;
const ASCTIME_DATE = /^[a-z]{3} [a-z]{3} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/i;

function parseHttpDate(text: string): number {
  if (IMF_FIXDATE.test(text) || RFC850_DATE.test(text)) return Date.parse(text);
  // asctime carries no zone, and Date.parse would read it as local time; HTTP dates are UTC.
  if (ASCTIME_DATE.test(text)) return Date.parse(`${text} GMT`);
  return Number.NaN;
}

/**
 * The longest wait a `Retry-After` gets. A date is read against the browser's clock, which may be
 * hours behind the server's, and a server may ask for a day: past this, the next request asks
 * again, and a helpdesk that still wants a wait says so.
 */
export const MAX_RETRY_AFTER_MS = 10 * 60_000;

/** `Retry-After` as delta-seconds or an HTTP date (RFC 9110 §10.2.3), in ms from `now`, at most MAX_RETRY_AFTER_MS. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | null {
  const text = value?.trim() ?? '';
  const date = parseHttpDate(text);
  const wait = /^\d+$/.test(text) ? Number(text) * 1000 : Number.isNaN(date) ? null : date - now;
  return wait === null ? null : Math.min(MAX_RETRY_AFTER_MS, Math.max(0, wait));
}

/** The text of any error, for the customer's notice or the console. */
export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
