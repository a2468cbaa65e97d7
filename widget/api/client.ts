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
import { createTransport } from './http';
import type { ApiClient, AuthHeader } from './types';

export interface ClientOptions {
  /**
   * The helpdesk's base URL and the client key as config.ts resolved them (`resolveConfig`, with
   * `checkApiUrl` and `checkClientKey` of config-endpoint.ts): the one place their rules are
   * written, whose console messages a site owner reads. The client takes them as checked.
   */
  apiUrl: string;
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

const CONVERSATIONS = '/api/v1/conversations/';
const conversationPath = (id: string) => `${CONVERSATIONS}${encodeURIComponent(id)}/`;

export function createClient(options: ClientOptions): ApiClient {
  const timeoutMs = options.timeoutMs;
  const send = createTransport({
    baseUrl: options.apiUrl,
    clientKey: options.clientKey,
    authHeader: options.authHeader ?? 'bearer',
    // Bound late so that a fetch patched after start-up (by an APM agent, say) is still used.
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    timeoutMs: typeof timeoutMs === 'number' && timeoutMs > 0 ? timeoutMs : DEFAULT_TIMEOUT_MS,
    httpCache: options.revalidation === 'http-cache',
  });

  return {
    createConversation: (input, requestOptions) =>
      send(`${CONVERSATIONS}create/`, parseConversation, { ...requestOptions, body: toCreateConversationBody(input) }),

    listConversations: (query, requestOptions) => send(CONVERSATIONS, toConversationPage, { ...requestOptions, query: toListConversationsQuery(query) }),

    getConversation: (id, requestOptions) => send(conversationPath(id), parseConversation, requestOptions),

    listMessages: (id, requestOptions) =>
      send(
        `${conversationPath(id)}messages/`,
        (data, status, headers) => (status === 304 ? { changed: false } : { changed: true, etag: headers.get('etag'), messages: toMessageList(data) }),
        requestOptions,
      ),

    sendMessage: (id, input, requestOptions) =>
      send(`${conversationPath(id)}messages/create/`, parseMessage, { ...requestOptions, body: toSendMessageBody(input) }),
  };
}
