// The transport: one request on ofetch with the injected fetch, and the mapping of every way it can
// fail onto one ApiError. It never retries (ofetch `retry: 0`): retrying is decided by the policy
// in errors.ts, by the poller and the outbox.

import { createFetch } from 'ofetch';
import { stringifyJson } from '../core/json';
import type { Query } from './adapter';
import { describeErrorBody } from './error-body';
import { ApiError, type ApiErrorInit, isApiError, parseRetryAfter } from './errors';
import type { AuthHeader, RequestOptions } from './types';

export interface TransportOptions {
  /** Base URL without a trailing slash (normalised by the client). */
  baseUrl: string;
  clientKey: string;
  authHeader: AuthHeader;
  fetch: typeof globalThis.fetch;
  timeoutMs: number;
  /** Let the browser's HTTP cache revalidate (see ClientOptions.revalidation). */
  httpCache: boolean;
}

export interface TransportRequest extends RequestOptions {
  query?: Query;
  /** A request with a body is a POST (the API's only writes), one without is a GET. */
  body?: Record<string, unknown>;
  /** The ETag of the list the caller already has: if it still holds, the answer reads as a 304. */
  etag?: string | null | undefined;
}

/**
 * Turns a 2xx answer's JSON (undefined when the body is empty) into the caller's result; it throws
 * the adapter's ApiError when the answer is unusable. `status` is 304 when the caller's ETag holds.
 */
export type ReadAnswer<T> = (data: unknown, status: number, headers: Headers) => T;

export type Transport = <T>(path: string, read: ReadAnswer<T>, request?: TransportRequest) => Promise<T>;

const NETWORK_MESSAGE =
  'The helpdesk could not be reached: the device may be offline, the server down, or the request ' +
  'blocked by CORS (is this site on the client key’s list of allowed origins?) or by the page’s ' +
  'Content Security Policy (connect-src).';

/**
 * The page's fetch, given plain-object headers. ofetch hands it a Headers object of the
 * browser's, and a fetch that is not the browser's own (whatwg-fetch put in by hand over the
 * native one, say) reads only the own properties of a headers object it did not make: the
 * Authorization header never left, and every request was refused with a 401.
 */
function withPlainHeaders(fetch: typeof globalThis.fetch): typeof globalThis.fetch {
  return (input, init) => {
    const headers: Record<string, string> = {};
    // Always a Headers object, made by ofetch with the Headers of the page when the widget started.
    (init?.headers as Headers | undefined)?.forEach((value, name) => {
      headers[name] = value;
    });
    return fetch(input, { ...init, headers });
  };
}

export function createTransport({ baseUrl, clientKey, authHeader, fetch, timeoutMs, httpCache }: TransportOptions): Transport {
  const $fetch = createFetch({ fetch: withPlainHeaders(fetch) }).create({
    baseURL: baseUrl,
    retry: 0,
    // 'if-none-match': every answer is live data and the client revalidates itself, so the HTTP
    // cache must neither serve a stale list nor turn our 304 into a 200. 'http-cache': the browser
    // revalidates with the ETag (no freshness is given, so it always asks the server), and the
    // CORS preflight cache keeps working, which 'no-store' disables in Chromium.
    cache: httpCache ? 'default' : 'no-store',
    // The Referer header carries no more than the site's origin, whatever the page's own policy
    // (many sites still send unsafe-url or no-referrer-when-downgrade): the page address reaches
    // the helpdesk only redacted, in the metadata (issue 14).
    referrerPolicy: 'strict-origin',
    // Non-2xx answers and their bodies are read here, so that every failure maps to one ApiError.
    ignoreResponseError: true,
    responseType: 'text',
  });
  const authorization: Record<string, string> = authHeader === 'x-api-key' ? { 'X-API-Key': clientKey } : { Authorization: `Bearer ${clientKey}` };

  return async (path, read, { query, body, etag, signal } = {}) => {
    const method = body ? 'POST' : 'GET';
    const fail = (init: Omit<ApiErrorInit, 'method' | 'path'>) => new ApiError({ ...init, method, path });
    const cancelled = (cause: unknown) => fail({ kind: 'aborted', message: 'The request was cancelled.', cause });
    if (signal?.aborted) throw cancelled(signal.reason);

    // ofetch drops its own `timeout` as soon as a signal is passed, so the timeout and the caller's
    // signal are combined here, and the flags tell which one stopped the request.
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onCallerAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onCallerAbort);

    let response: Response & { _data?: string };
    let text: string;
    try {
      // ofetch reads the body too, within the timeout: a body can stall as well as the headers.
      response = await $fetch.raw<string, 'text'>(path, {
        method,
        query,
        // JSON text, written by the widget (core/json.ts: the page may have patched toJSON);
        // ofetch sends a string as it is, with Content-Type: application/json.
        body: body && stringifyJson(body),
        headers: {
          Accept: 'application/json',
          ...authorization,
          // In 'http-cache' mode the browser adds it: one set by hand would bypass the preflight cache.
          ...(etag && !httpCache ? { 'If-None-Match': etag } : {}),
        },
        signal: controller.signal,
      });
      text = response._data ?? '';
    } catch (error) {
      if (signal?.aborted) throw cancelled(error);
      if (timedOut) throw fail({ kind: 'timeout', message: `The helpdesk did not answer within ${timeoutMs / 1000} s.`, cause: error });
      throw fail({ kind: 'network', message: NETWORK_MESSAGE, cause: error });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onCallerAbort);
    }

    const { status, headers } = response;
    // Retry-After may come with 429 and 503, but also 301 or any status (RFC 9110 §10.2.3).
    const retryAfterMs = parseRetryAfter(headers.get('retry-after'), Date.now());
    // https://developer.mozilla.org/docs/Web/HTTP/Status/304, or the same ETag through the HTTP cache.
    const unchanged = status === 304 || (httpCache && !!etag && response.ok && headers.get('etag') === etag);
    if (!response.ok && !unchanged) {
      throw fail({ kind: 'http', status, retryAfterMs, ...describeErrorBody(status, text) });
    }
    try {
      return read(unchanged || !text.trim() ? undefined : JSON.parse(text), unchanged ? 304 : status, headers);
    } catch (error) {
      // JSON.parse's SyntaxError, or the adapter's refusal, which knows neither request nor status.
      if (!isApiError(error) && !(error instanceof SyntaxError)) throw error;
      throw fail({
        kind: 'invalid-response',
        message: isApiError(error) ? error.message : 'The helpdesk answered with something that is not JSON (a proxy or login page?).',
        status,
        retryAfterMs,
        cause: error,
      });
    }
  };
}
