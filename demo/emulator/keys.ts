// API keys: which header carries one, and what a key may do. Client keys (bnc_cl_) live in pages
// and are bound to an allow-list of origins; server keys (bnc_sv_) may do anything from anywhere.

import type { ClientKeyConfig } from './types';

export type Identity = { kind: 'server'; key: string } | { kind: 'client'; key: string; allowedOrigins: readonly string[] };

export const ANY_ORIGIN = '*';

/** `Authorization: Bearer <key>` wins over `X-API-Key: <key>` when both are sent. */
export function keyFromHeaders(headers: Record<string, string>): string | null {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
  if (bearer?.[1]) return bearer[1];
  const apiKey = headers['x-api-key']?.trim();
  return apiKey ? apiKey : null;
}

export function originAllowed(allowedOrigins: readonly string[], origin: string): boolean {
  return allowedOrigins.includes(ANY_ORIGIN) || allowedOrigins.includes(origin);
}

export class KeyRing {
  private readonly clients: ReadonlyMap<string, readonly string[]>;
  private readonly servers: ReadonlySet<string>;

  constructor(clientKeys: readonly ClientKeyConfig[], serverKeys: readonly string[]) {
    this.clients = new Map(clientKeys.map((config) => [config.key, [...config.allowedOrigins]]));
    this.servers = new Set(serverKeys);
  }

  identify(key: string | null): Identity | null {
    if (key === null) return null;
    if (this.servers.has(key)) return { kind: 'server', key };
    const allowedOrigins = this.clients.get(key);
    return allowedOrigins ? { kind: 'client', key, allowedOrigins } : null;
  }

  /** Whether some client key would accept a page on this origin (preflights carry no key). */
  anyClientAllows(origin: string): boolean {
    return [...this.clients.values()].some((allowed) => originAllowed(allowed, origin));
  }
}
