// The client-key API: one function per endpoint the widget may call. Paths are exactly the
// contract's (under /api/v1/, with the trailing slash). Resolve is deliberately absent: it needs a
// server key, which never belongs in a page.

import {
  parseConversation,
  parseMessage,
  toConversationPage,
  toCreateConversationBody,
  toListConversationsQuery,
  toMessageList,
  toSendMessageBody,
} from './adapter';
import { ApiError } from './errors';
import { createTransport, type Transport } from './http';
import type { ApiClient, AuthHeader } from './types';

export interface ClientOptions {
  /** The helpdesk's own host, e.g. `https://help.example.com` (a trailing slash is fine). */
  apiUrl: string;
  /** A client key (`bnc_cl_…`); a server key (`bnc_sv_…`) is refused. */
  clientKey: string;
  authHeader?: AuthHeader;
  /** The transport, injected so that tests and hosts can supply their own. */
  fetch?: typeof globalThis.fetch;
  /** Per request, body included. */
  timeoutMs?: number;
  /**
   * How the messages list is revalidated against its ETag.
   * - 'if-none-match' (default): the client sends If-None-Match and reads 304 as unchanged.
   * - 'http-cache' (browsers): the browser's HTTP cache revalidates with the ETag by itself, and a
   *   list whose ETag did not change reads as unchanged without parsing. In Chromium an author-set
   *   If-None-Match (like cache: 'no-store') bypasses the CORS preflight cache, so every poll would
   *   cost a preflight too; and the vendor's CORS allow-list may not even list If-None-Match.
   */
  revalidation?: 'if-none-match' | 'http-cache';
}

const DEFAULT_TIMEOUT_MS = 15_000;
const SERVER_KEY_PREFIX = 'bnc_sv_';

const configError = (message: string) => new ApiError({ kind: 'config', message });

/** Validates the options; throws ApiError kind 'config' before any request can be made. */
function checkOptions(options: ClientOptions): { baseUrl: string; clientKey: string } {
  const clientKey = typeof options.clientKey === 'string' ? options.clientKey.trim() : '';
  if (clientKey === '') throw configError('Parley needs a client key (bnc_cl_…): clientKey is missing.');
  if (clientKey.startsWith(SERVER_KEY_PREFIX)) {
    throw configError(
      'Parley refused the key: it starts with bnc_sv_, a server key. A server key is a secret that ' +
        'must never be in a page, where anyone can read it. Revoke it in the helpdesk and use a ' +
        'client key (bnc_cl_…) instead.',
    );
  }
  const apiUrl = typeof options.apiUrl === 'string' ? options.apiUrl.trim() : '';
  if (apiUrl === '') throw configError('Parley needs the helpdesk URL: apiUrl is missing.');
  let url: URL;
  try {
    url = new URL(apiUrl);
  } catch {
    throw configError(`Parley needs an absolute http(s) helpdesk URL; "${apiUrl}" is not a URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw configError(`Parley needs an http(s) helpdesk URL; "${apiUrl}" uses ${url.protocol}`);
  }
  return { baseUrl: `${url.origin}${url.pathname.replace(/\/+$/, '')}`, clientKey };
}

/** Adds the request's method and path to an adapter error (the adapter knows neither). */
function adapt<T>(method: string, path: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof ApiError) {
      throw new ApiError({ kind: error.kind, message: error.message, method, path, cause: error.cause });
    }
    throw error;
  }
}

const conversationPath = (id: string) => `/api/v1/conversations/${encodeURIComponent(id)}/`;

export function createClient(options: ClientOptions): ApiClient {
  const { baseUrl, clientKey } = checkOptions(options);
  const timeoutMs =
    typeof options.timeoutMs === 'number' && options.timeoutMs > 0 ? options.timeoutMs : DEFAULT_TIMEOUT_MS;
  const send: Transport = createTransport({
    baseUrl,
    clientKey,
    authHeader: options.authHeader ?? 'bearer',
    // Bound late so that a fetch patched after start-up (by an APM agent, say) is still used.
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    timeoutMs,
    httpCache: options.revalidation === 'http-cache',
  });
  const viaHttpCache = options.revalidation === 'http-cache';

  return {
    async createConversation(input, requestOptions) {
      const path = '/api/v1/conversations/create/';
      const { data } = await send({
        method: 'POST',
        path,
        body: toCreateConversationBody(input),
        signal: requestOptions?.signal,
      });
      return adapt('POST', path, () => parseConversation(data));
    },

    async listConversations(query, requestOptions) {
      const path = '/api/v1/conversations/';
      const { data } = await send({
        method: 'GET',
        path,
        query: toListConversationsQuery(query),
        signal: requestOptions?.signal,
      });
      return adapt('GET', path, () => toConversationPage(data));
    },

    async getConversation(id, requestOptions) {
      const path = conversationPath(id);
      const { data } = await send({ method: 'GET', path, signal: requestOptions?.signal });
      return adapt('GET', path, () => parseConversation(data));
    },

    async listMessages(id, requestOptions) {
      const path = `${conversationPath(id)}messages/`;
      const etag = requestOptions?.etag;
      const { status, headers, data } = await send({
        method: 'GET',
        path,
        headers: etag && !viaHttpCache ? { 'If-None-Match': etag } : {},
        unchangedIfEtag: viaHttpCache ? etag : null,
        signal: requestOptions?.signal,
      });
      // https://developer.mozilla.org/docs/Web/HTTP/Status/304: the list is unchanged since `etag`.
      if (status === 304) return { changed: false };
      const messages = adapt('GET', path, () => toMessageList(data));
      return { changed: true, etag: headers.get('etag'), messages };
    },

    async sendMessage(id, input, requestOptions) {
      const path = `${conversationPath(id)}messages/create/`;
      const { data } = await send({
        method: 'POST',
        path,
        body: toSendMessageBody(input),
        signal: requestOptions?.signal,
      });
      return adapt('POST', path, () => parseMessage(data));
    },
  };
}
