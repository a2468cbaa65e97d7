import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestEmulator } from '../helpers/emulator';
import { startTestEmulator } from '../helpers/emulator';
import { call, callJson, createConversation, messagesPath } from './request';

const SHOP = 'https://shop.example';
const FOREIGN = 'https://evil.example';

let helpdesk: TestEmulator;
beforeEach(async () => {
  helpdesk = await startTestEmulator({ clientKeys: [{ key: 'bnc_cl_test', allowedOrigins: [SHOP] }], rateLimitPerMinute: 50 });
});
afterEach(() => helpdesk.cleanup());

const LIST = '/api/v1/conversations/';

function expectReadableBy(response: { headers: Headers }, origin: string) {
  expect(response.headers.get('access-control-allow-origin')).toBe(origin);
  expect(response.headers.get('vary')).toMatch(/Origin/);
  expect(response.headers.get('access-control-expose-headers')).toMatch(/Retry-After/);
  expect(response.headers.get('access-control-expose-headers')).toMatch(/ETag/);
}

describe('API keys', () => {
  it('accepts a client key as Authorization: Bearer', async () => {
    expect((await call(helpdesk, LIST, { keyHeader: 'bearer' })).status).toBe(200);
  });

  it('accepts a client key as X-API-Key', async () => {
    expect((await call(helpdesk, LIST, { keyHeader: 'x-api-key' })).status).toBe(200);
  });

  it('accepts a server key in either header', async () => {
    expect((await call(helpdesk, LIST, { key: helpdesk.keys.server })).status).toBe(200);
    expect((await call(helpdesk, LIST, { key: helpdesk.keys.server, keyHeader: 'x-api-key' })).status).toBe(200);
  });

  it.each([
    ['no key', null],
    ['an unknown key', 'bnc_cl_revoked'],
  ])('refuses %s with 401', async (_name, key) => {
    const { status, body } = await callJson(helpdesk, LIST, { key });
    expect(status).toBe(401);
    expect(body).toEqual({ detail: 'Invalid or revoked API key.' });
  });

  it('refuses a key sent with another Authorization scheme', async () => {
    const response = await call(helpdesk, LIST, { key: null, headers: { Authorization: `Basic ${helpdesk.keys.client}` } });
    expect(response.status).toBe(401);
  });

  it('checks the key before processing, so a refused create writes nothing', async () => {
    await call(helpdesk, '/api/v1/conversations/create/', { key: 'bnc_cl_nope', json: { subject: 'x' } });
    expect(helpdesk.listConversations()).toEqual([]);
  });
});

describe('origins', () => {
  it('lets an allowed origin read every answer', async () => {
    expectReadableBy(await call(helpdesk, LIST, { origin: SHOP }), SHOP);
  });

  it('allows a request without Origin, as from curl or a backend', async () => {
    const response = await call(helpdesk, LIST);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a foreign origin without CORS headers by default, so the browser sees a network error', async () => {
    const response = await call(helpdesk, '/api/v1/conversations/create/', { origin: FOREIGN, json: { subject: 'x' } });
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(helpdesk.listConversations()).toEqual([]);
  });

  it('refuses a foreign origin with a readable 403 when originRefusal is 403', async () => {
    helpdesk.switches.originRefusal = '403';
    const response = await call(helpdesk, '/api/v1/conversations/create/', { origin: FOREIGN, json: { subject: 'x' } });
    expect(response.status).toBe(403);
    expectReadableBy(response, FOREIGN);
    expect(((await response.json()) as { detail: string }).detail).toMatch(/origin/);
    expect(helpdesk.listConversations()).toEqual([]);
  });

  it('lets a server key in from any origin', async () => {
    const response = await call(helpdesk, LIST, { key: helpdesk.keys.server, origin: FOREIGN });
    expect(response.status).toBe(200);
    expectReadableBy(response, FOREIGN);
  });

  it('treats a * allow-list as any origin', async () => {
    const open = await startTestEmulator({ clientKeys: [{ key: 'bnc_cl_any', allowedOrigins: ['*'] }] });
    try {
      const response = await call(open, LIST, { origin: FOREIGN });
      expect(response.status).toBe(200);
      expectReadableBy(response, FOREIGN);
    } finally {
      await open.cleanup();
    }
  });

  it('puts CORS headers on errors too: 401, 404, 400, 405', async () => {
    expectReadableBy(await call(helpdesk, LIST, { origin: SHOP, key: 'bnc_cl_bad' }), SHOP);
    expectReadableBy(await call(helpdesk, '/api/v1/conversations/nope/', { origin: SHOP }), SHOP);
    expectReadableBy(await call(helpdesk, '/api/v1/conversations/create/', { origin: SHOP, json: {} }), SHOP);
    expectReadableBy(await call(helpdesk, LIST, { origin: SHOP, method: 'POST' }), SHOP);
  });

  it('puts CORS headers on a 304', async () => {
    const conversation = await createConversation(helpdesk, { description: 'hi' });
    const etag = (await call(helpdesk, messagesPath(conversation.id))).headers.get('etag') as string;
    const response = await call(helpdesk, messagesPath(conversation.id), { origin: SHOP, headers: { 'If-None-Match': etag } });
    expect(response.status).toBe(304);
    expectReadableBy(response, SHOP);
  });

  it('puts CORS headers on a 429', async () => {
    const limited = await startTestEmulator({ clientKeys: [{ key: 'bnc_cl_test', allowedOrigins: [SHOP] }], rateLimitPerMinute: 1 });
    try {
      await call(limited, LIST, { origin: SHOP });
      const response = await call(limited, LIST, { origin: SHOP });
      expect(response.status).toBe(429);
      expectReadableBy(response, SHOP);
    } finally {
      await limited.cleanup();
    }
  });
});

describe('preflight', () => {
  const preflight = (origin: string, requestHeaders: string, method = 'POST') =>
    fetch(`${helpdesk.url}/api/v1/conversations/create/`, {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': requestHeaders },
    });

  it.each([
    ['Authorization', 'authorization,content-type'],
    ['X-API-Key', 'x-api-key,content-type'],
  ])('allows a request carrying the key in %s', async (header, requestHeaders) => {
    const response = await preflight(SHOP, requestHeaders);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(SHOP);
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS');
    const allowed = (response.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(/,\s*/);
    expect(allowed).toEqual(expect.arrayContaining([header.toLowerCase(), 'content-type', 'if-none-match']));
    expect(response.headers.get('access-control-max-age')).toBe('600');
  });

  it('gives a foreign origin no CORS headers', async () => {
    const response = await preflight(FOREIGN, 'authorization');
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-allow-methods')).toBeNull();
  });

  it('lets a foreign origin through when originRefusal is 403, so the page can read the refusal', async () => {
    helpdesk.switches.originRefusal = '403';
    const response = await preflight(FOREIGN, 'authorization');
    expect(response.headers.get('access-control-allow-origin')).toBe(FOREIGN);
  });

  it('records preflights with the other requests', async () => {
    await preflight(SHOP, 'authorization');
    expect(helpdesk.requests).toEqual([expect.objectContaining({ method: 'OPTIONS', path: '/api/v1/conversations/create/', origin: SHOP, status: 204 })]);
  });
});
