// CORS: whether a page on `origin` may read an answer, and the headers that say so.
// https://fetch.spec.whatwg.org/#http-cors-protocol

import type { Identity } from './keys';
import { type KeyRing, originAllowed } from './keys';
import type { Switches } from './types';

type Headers = Record<string, string>;

/** A client key used from an origin outside its allow-list. */
export function isForeignOrigin(identity: Identity | null, origin: string | null): boolean {
  return identity?.kind === 'client' && origin !== null && !originAllowed(identity.allowedOrigins, origin);
}

/**
 * Whether the answer carries CORS headers. With a known key its own rule decides; without one
 * (a preflight, a missing or bad key) any client key's allow-list does, so that an allowed page can
 * read its 401. In '403' refusal mode the vendor reflects every origin and refuses by status instead.
 */
export function mayRead(origin: string | null, identity: Identity | null, keys: KeyRing, switches: Switches): boolean {
  if (origin === null) return false;
  if (switches.originRefusal === '403') return true;
  if (identity?.kind === 'server') return true;
  if (identity?.kind === 'client') return originAllowed(identity.allowedOrigins, origin);
  return keys.anyClientAllows(origin);
}

export function corsHeaders(origin: string | null, allowed: boolean): Headers {
  // Vary on every answer: a shared cache must not hand one origin's answer to another.
  if (!allowed || origin === null) return { Vary: 'Origin' };
  return {
    'Access-Control-Allow-Origin': origin,
    Vary: 'Origin',
    // Without these the page cannot read the headers its retry and polling logic depend on.
    'Access-Control-Expose-Headers': 'Retry-After, ETag',
  };
}

export function preflightHeaders(origin: string | null, allowed: boolean, methods: readonly string[]): Headers {
  const headers = corsHeaders(origin, allowed);
  if (!allowed || origin === null) return headers;
  return {
    ...headers,
    'Access-Control-Allow-Methods': methods.join(', '),
    'Access-Control-Allow-Headers': 'Authorization, X-API-Key, Content-Type, If-None-Match',
    'Access-Control-Max-Age': '600',
  };
}
