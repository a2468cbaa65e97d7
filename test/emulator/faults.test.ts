import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestEmulator } from '../helpers/emulator';
import { startTestEmulator } from '../helpers/emulator';
import { call, callJson, createConversation, messagesPath, sendMessage } from './request';

let helpdesk: TestEmulator;
beforeEach(async () => {
  helpdesk = await startTestEmulator();
});
afterEach(() => helpdesk.cleanup());

const LIST = '/api/v1/conversations/';
const CREATE = '/api/v1/conversations/create/';

describe('latency', () => {
  it('delays each API answer by latencyMs', async () => {
    helpdesk.switches.latencyMs = 150;
    const started = performance.now();
    expect((await call(helpdesk, LIST)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('lets stop() end a delayed request at once', async () => {
    helpdesk.switches.latencyMs = 30_000;
    const pending = call(helpdesk, LIST).then(
      () => 'answered',
      () => 'failed',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    await helpdesk.stop();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(await pending).toBe('failed');
  });
});

describe('failNext', () => {
  it('fails the next matching requests with the status and Retry-After, without processing them', async () => {
    helpdesk.failNext({ method: 'POST', path: CREATE }, 2, 429, { retryAfter: '3' });
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const response = await call(helpdesk, CREATE, { json: { subject: 'x' } });
      expect(response.status).toBe(429);
      expect(response.headers.get('retry-after')).toBe('3');
    }
    expect(helpdesk.listConversations()).toEqual([]);
    expect((await call(helpdesk, CREATE, { json: { subject: 'x' } })).status).toBe(201);
  });

  it('answers {"detail"} JSON by default', async () => {
    helpdesk.failNext({ path: LIST }, 1, 503);
    const { status, body, headers } = await callJson(helpdesk, LIST);
    expect(status).toBe(503);
    expect(body).toEqual({ detail: expect.any(String) });
    expect(headers.get('retry-after')).toBeNull();
  });

  it('can answer a proxy-style HTML page', async () => {
    const page = '<html><body><h1>502 Bad Gateway</h1></body></html>';
    helpdesk.failNext({ path: LIST }, 1, 502, { body: page, contentType: 'text/html' });
    const response = await call(helpdesk, LIST);
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toBe('text/html');
    expect(await response.text()).toBe(page);
  });

  it('matches the method and a RegExp path', async () => {
    const conversation = await createConversation(helpdesk);
    helpdesk.failNext({ method: 'POST', path: /\/messages\/create\/$/ }, 1, 500);
    expect((await call(helpdesk, messagesPath(conversation.id))).status).toBe(200);
    expect((await sendMessage(helpdesk, conversation.id, { body: 'hi', user_email: 'a@example.com' })).status).toBe(500);
    expect((await sendMessage(helpdesk, conversation.id, { body: 'hi', user_email: 'a@example.com' })).status).toBe(201);
  });

  it('leaves preflights alone unless asked for OPTIONS', async () => {
    helpdesk.failNext({ path: CREATE }, 1, 503);
    expect((await fetch(`${helpdesk.url}${CREATE}`, { method: 'OPTIONS', headers: { Origin: 'https://a.example' } })).status).toBe(204);
    expect((await call(helpdesk, CREATE, { json: { subject: 'x' } })).status).toBe(503);
  });

  it('keeps CORS headers on the failure so the page can read its status', async () => {
    helpdesk.failNext({ path: LIST }, 1, 503, { retryAfter: '2' });
    const response = await call(helpdesk, LIST, { origin: 'https://a.example' });
    expect(response.headers.get('access-control-allow-origin')).toBe('https://a.example');
  });
});

describe('failRate', () => {
  it('fails every API request with 503 and Retry-After: 1 when failRate is 1', async () => {
    helpdesk.switches.failRate = 1;
    for (const path of [LIST, CREATE]) {
      const response = await call(helpdesk, path, path === CREATE ? { json: { subject: 'x' } } : {});
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('1');
    }
    expect(helpdesk.listConversations()).toEqual([]);
  });

  it('fails with failStatus', async () => {
    helpdesk.switches.failRate = 1;
    helpdesk.switches.failStatus = 500;
    const response = await call(helpdesk, LIST);
    expect(response.status).toBe(500);
    expect(response.headers.get('retry-after')).toBeNull();
  });

  it('fails about failRate of the requests', async () => {
    helpdesk.switches.failRate = 0.5;
    const statuses = await Promise.all(Array.from({ length: 60 }, () => call(helpdesk, LIST).then((response) => response.status)));
    const failed = statuses.filter((status) => status === 503).length;
    expect(failed).toBeGreaterThan(10);
    expect(failed).toBeLessThan(50);
  });
});

describe('loseNextAnswer', () => {
  it('commits the message but sends no answer, so the fetch rejects and the message is listed afterwards', async () => {
    const conversation = await createConversation(helpdesk, { user_email: 'jane@example.com' });
    helpdesk.loseNextAnswer({ method: 'POST', path: `/api/v1/conversations/${conversation.id}/messages/create/` }, 1);
    await expect(sendMessage(helpdesk, conversation.id, { body: 'Did it arrive?', user_email: 'jane@example.com' })).rejects.toThrow();
    const { body } = await callJson<{ results: Array<{ body: string }> }>(helpdesk, messagesPath(conversation.id));
    expect(body.results.map((message) => message.body)).toEqual(['Did it arrive?']);
    expect(helpdesk.requests.at(-2)).toMatchObject({ method: 'POST', status: 0 });
  });

  it('loses only the next N answers', async () => {
    helpdesk.loseNextAnswer({ path: CREATE }, 1);
    await expect(call(helpdesk, CREATE, { json: { subject: 'first' } })).rejects.toThrow();
    expect((await call(helpdesk, CREATE, { json: { subject: 'second' } })).status).toBe(201);
    expect(helpdesk.listConversations().map((conversation) => conversation.subject)).toEqual(['second', 'first']);
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After past rateLimitPerMinute, per key', async () => {
    const limited = await startTestEmulator({ rateLimitPerMinute: 3 });
    try {
      for (let index = 0; index < 3; index += 1) expect((await call(limited, LIST)).status).toBe(200);
      const { status, body, headers } = await callJson<{ detail: string }>(limited, LIST);
      expect(status).toBe(429);
      const retryAfter = Number(headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(body.detail).toBe(`Request was throttled. Expected available in ${retryAfter} seconds.`);
      // Another key has its own window.
      expect((await call(limited, LIST, { key: limited.keys.server })).status).toBe(200);
    } finally {
      await limited.cleanup();
    }
  });
});
