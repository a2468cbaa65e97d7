// The transport: one request on ofetch with the injected fetch, and the mapping of every way it can
// fail onto one ApiError. It never retries (ofetch `retry: 0`): retrying is decided by the policy
// in errors.ts, by the poller and the outbox.

import { createFetch } from 'ofetch';
import { ApiError, parseRetryAfter } from './errors';
import { describeErrorBody } from './error-body';
import type { Query } from './adapter';
import type { AuthHeader } from './types';

export interface TransportOptions {
  /** Base URL without a trailing slash (normalised by the client). */
  baseUrl: string;
  clientKey: string;
  authHeader: AuthHeader;
  fetch: typeof globalThis.fetch;
  timeoutMs: number;
  /** Let the browser's HTTP cache revalidate (see ClientOptions.revalidation). */
  httpCache?: boolean;
}

export interface TransportRequest {
  method: 'GET' | 'POST';
  /** A path under the base URL, e.g. `/api/v1/conversations/`. */
  path: string;
  query?: Query;
  body?: Record<string, unknown>;
  headers?: Record<string, string>;
  /** A 2xx answer carrying this ETag is the unchanged list: answered as a 304, body not parsed. */
  unchangedIfEtag?: string | null | undefined;
  signal?: AbortSignal;
}

export interface TransportResponse {
  status: number;
  headers: Headers;
  /** The parsed JSON body; undefined when there is none (204, 304). */
  data: unknown;
}

export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

const NETWORK_MESSAGE =
  'The helpdesk could not be reached: the device may be offline, the server down, or the request ' +
  'blocked by CORS (is this site on the client key’s list of allowed origins?).';

export function createTransport(options: TransportOptions): Transport {
  const $fetch = createFetch({ fetch: options.fetch }).create({
    baseURL: options.baseUrl,
    retry: 0,
    // 'if-none-match': every answer is live data and the client revalidates itself, so the HTTP
    // cache must neither serve a stale list nor turn our 304 into a 200. 'http-cache': the browser
    // revalidates with the ETag (no freshness is given, so it always asks the server), and the
    // CORS preflight cache keeps working, which 'no-store' disables in Chromium.
    cache: options.httpCache ? 'default' : 'no-store',
    // Non-2xx answers and their bodies are read here, so that every failure maps to one ApiError.
    ignoreResponseError: true,
    responseType: 'text',
    headers: {
      Accept: 'application/json',
      ...(options.authHeader === 'x-api-key'
        ? { 'X-API-Key': options.clientKey }
        : { Authorization: `Bearer ${options.clientKey}` }),
    },
  });

  return async function send(request) {
    const context = { method: request.method, path: request.path };
    if (request.signal?.aborted) throw abortedError(context, request.signal.reason);

    // ofetch drops its own `timeout` as soon as a signal is passed, so the timeout and the caller's
    // signal are combined here, and the flags tell which one stopped the request.
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error(`No answer within ${options.timeoutMs} ms`));
    }, options.timeoutMs);
    const onCallerAbort = () => controller.abort(request.signal?.reason);
    request.signal?.addEventListener('abort', onCallerAbort, { once: true });

    try {
      const response = await $fetch.raw<string, 'text'>(request.path, {
        method: request.method,
        query: request.query,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        headers: {
          ...(request.body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...request.headers,
        },
        signal: controller.signal,
      });
      const etag = response.headers.get('etag');
      if (request.unchangedIfEtag && response.ok && etag === request.unchangedIfEtag) {
        return { status: 304, headers: response.headers, data: undefined };
      }
      return toResult(response, context);
    } catch (error) {
      if (error instanceof ApiError) throw error;
      if (request.signal?.aborted) throw abortedError(context, error);
      if (timedOut) {
        throw new ApiError({
          kind: 'timeout',
          message: `The helpdesk did not answer within ${options.timeoutMs / 1000} s.`,
          ...context,
          cause: error,
        });
      }
      throw new ApiError({ kind: 'network', message: NETWORK_MESSAGE, ...context, cause: error });
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onCallerAbort);
    }
  };
}

interface RequestContext {
  method: string;
  path: string;
}

function abortedError(context: RequestContext, cause: unknown): ApiError {
  return new ApiError({ kind: 'aborted', message: 'The request was cancelled.', ...context, cause });
}

function toResult(response: Response & { _data?: string }, context: RequestContext): TransportResponse {
  const text = typeof response._data === 'string' ? response._data : '';
  // Retry-After may come with 429 and 503, but also 301 or any status (RFC 9110 §10.2.3).
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), Date.now());

  if (response.status < 200 || response.status >= 300) {
    if (response.status === 304) return { status: 304, headers: response.headers, data: undefined };
    const { message, fieldErrors } = describeErrorBody(response.status, text);
    throw new ApiError({ kind: 'http', status: response.status, message, fieldErrors, retryAfterMs, ...context });
  }
  if (text.trim() === '') return { status: response.status, headers: response.headers, data: undefined };
  try {
    return { status: response.status, headers: response.headers, data: JSON.parse(text) as unknown };
  } catch (error) {
    throw new ApiError({
      kind: 'invalid-response',
      status: response.status,
      message: 'The helpdesk answered with something that is not JSON (a proxy or login page?).',
      retryAfterMs,
      ...context,
      cause: error,
    });
  }
}
