// Watches a page's requests to the helpdesk API: which are in flight, and when the page has been
// quiet for a while, so a measurement can start and stop between polls rather than during one.

import type { Page, Request } from 'playwright-core';
import { sleep } from './stats';

export interface ApiCall {
  method: string;
  path: string;
  status: number;
  start: number;
  end: number;
}

export function watchApi(page: Page, apiUrl: string) {
  const inFlight = new Set<Request>();
  const calls: ApiCall[] = [];
  let lastChange = Date.now();
  const started = new Map<Request, number>();
  const isApi = (request: Request) => request.url().startsWith(apiUrl);
  page.on('request', (request) => {
    if (!isApi(request)) return;
    inFlight.add(request);
    started.set(request, Date.now());
    lastChange = Date.now();
  });
  const done = async (request: Request) => {
    if (!inFlight.delete(request)) return;
    lastChange = Date.now();
    const response = await request.response().catch(() => null);
    calls.push({
      method: request.method(),
      path: new URL(request.url()).pathname,
      status: response?.status() ?? 0,
      start: started.get(request) ?? 0,
      end: Date.now(),
    });
  };
  page.on('requestfinished', (request) => void done(request));
  page.on('requestfailed', (request) => void done(request));
  return {
    calls,
    /** Resolves once no API request has been in flight for `ms`. */
    async quiet(ms: number, timeout = 30_000) {
      const deadline = Date.now() + timeout;
      while (inFlight.size > 0 || Date.now() - lastChange < ms) {
        if (Date.now() > deadline) throw new Error(`the page's API requests did not settle within ${timeout} ms`);
        await sleep(20);
      }
    },
    /** Resolves when a call matching `test` has finished that was not yet finished when asked. */
    async next(test: (call: ApiCall) => boolean, timeout = 60_000) {
      const from = calls.length;
      const deadline = Date.now() + timeout;
      for (;;) {
        const found = calls.slice(from).find(test);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no matching API call within ${timeout} ms`);
        await sleep(20);
      }
    },
  };
}

export const isPoll = (call: ApiCall) => call.method === 'GET' && call.path.endsWith('/messages/');
