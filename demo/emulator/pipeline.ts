// What the vendor answers to one request, in the order its Django REST framework stack decides:
// URL resolution (404), authentication (401), origin and permission (403), throttling (429),
// method (405), then the handler. Faults and CORS are the server's business, not this module's.

import { STATUS_CODES } from 'node:http';
import { isForeignOrigin } from './cors';
import type { Failure } from './faults';
import type { Reply } from './http-io';
import { detail, notFound } from './http-io';
import type { Identity } from './keys';
import type { RateLimiter } from './rate-limit';
import type { ApiRequest, Route } from './routes';
import { findRoute } from './routes';

export const INVALID_KEY_DETAIL = 'Invalid or revoked API key.';
export const FOREIGN_ORIGIN_DETAIL = 'This API key is not allowed from this origin.';
export const SERVER_KEY_DETAIL = 'This endpoint needs a server key (bnc_sv_).';

export interface Incoming extends Omit<ApiRequest, 'identity'> {
  identity: Identity | null;
  origin: string | null;
}

export function decide(request: Incoming, routes: readonly Route[], limiter: RateLimiter | null): Reply {
  const found = findRoute(routes, request.path);
  if (!found) return notFound();
  const { identity } = request;
  if (!identity) return detail(401, INVALID_KEY_DETAIL, { 'WWW-Authenticate': 'Bearer' });
  // Refused before anything runs: a foreign page must not be able to write with a leaked key.
  if (isForeignOrigin(identity, request.origin)) return detail(403, FOREIGN_ORIGIN_DETAIL);
  if (found.route.serverKeyOnly && identity.kind !== 'server') return detail(403, SERVER_KEY_DETAIL);
  const waitSeconds = limiter?.take(identity.key) ?? null;
  if (waitSeconds !== null) {
    return detail(429, `Request was throttled. Expected available in ${waitSeconds} seconds.`, {
      'Retry-After': String(waitSeconds),
    });
  }
  if (!found.route.methods.includes(request.method)) {
    return detail(405, `Method "${request.method}" not allowed.`, { Allow: [...found.route.methods, 'OPTIONS'].join(', ') });
  }
  return found.route.handle({ ...request, identity }, found.params);
}

const FAILURE_DETAIL: Record<number, string> = {
  429: 'Request was throttled.',
  500: 'A server error occurred.',
  503: 'Service temporarily unavailable, try again later.',
};

/** A planned or random failure, as the vendor (or a proxy in front of it) would send it. */
export function failureReply({ status, options }: Failure): Reply {
  const headers: Record<string, string> = options.retryAfter === undefined ? {} : { 'Retry-After': options.retryAfter };
  if (options.body !== undefined) {
    return { status, headers: { 'Content-Type': options.contentType ?? 'text/plain; charset=utf-8', ...headers }, body: options.body };
  }
  return detail(status, FAILURE_DETAIL[status] ?? STATUS_CODES[status] ?? 'Error.', headers);
}

export function serverErrorReply(error: unknown): Reply {
  return detail(500, `A server error occurred: ${error instanceof Error ? error.message : String(error)}`);
}
