import { rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestEmulator } from '../helpers/emulator';
import { startTestEmulator } from '../helpers/emulator';
import { call, callJson, createConversation } from './request';

let helpdesk: TestEmulator;
beforeEach(async () => {
  helpdesk = await startTestEmulator();
});
afterEach(() => helpdesk.cleanup());

const CREATE = '/api/v1/conversations/create/';

describe('paths and methods', () => {
  it.each(['/api/v1/conversations', '/api/v1/conversations/create', '/api/v1/conversation/', '/api/v2/conversations/', '/'])(
    'answers 404 {"detail": "Not found."} for %s',
    async (path) => {
      const { status, body } = await callJson(helpdesk, path);
      expect(status).toBe(404);
      expect(body).toEqual({ detail: 'Not found.' });
    },
  );

  it('answers 405 with Allow for a known path and the wrong method', async () => {
    const get = await callJson(helpdesk, CREATE);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST, OPTIONS');
    expect(get.body).toEqual({ detail: 'Method "GET" not allowed.' });
    const post = await callJson(helpdesk, '/api/v1/conversations/', { method: 'POST', json: {} });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, OPTIONS');
    const remove = await callJson(helpdesk, '/api/v1/conversations/x/', { method: 'DELETE' });
    expect(remove.body).toEqual({ detail: 'Method "DELETE" not allowed.' });
  });
});

describe('request bodies', () => {
  it('answers 415 to a POST that is not application/json', async () => {
    const response = await call(helpdesk, CREATE, { rawBody: 'subject=hi', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(response.status).toBe(415);
    expect(((await response.json()) as { detail: string }).detail).toMatch(/Unsupported media type/);
  });

  it('accepts application/json with a charset', async () => {
    const response = await call(helpdesk, CREATE, {
      rawBody: JSON.stringify({ subject: 'hi' }),
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
    });
    expect(response.status).toBe(201);
  });

  it('answers 400 JSON parse error to malformed JSON', async () => {
    const response = await call(helpdesk, CREATE, { rawBody: '{"subject": ', headers: { 'Content-Type': 'application/json' } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { detail: string }).detail).toMatch(/^JSON parse error - /);
  });

  it('answers 413 to a 2 MB body without hanging, and keeps serving', async () => {
    const huge = JSON.stringify({ subject: 'x', description: 'y'.repeat(2 * 1024 * 1024) });
    const response = await call(helpdesk, CREATE, { rawBody: huge, headers: { 'Content-Type': 'application/json' } });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { detail: string }).detail).toMatch(/larger/);
    expect(helpdesk.listConversations()).toEqual([]);
    expect((await call(helpdesk, '/api/v1/conversations/')).status).toBe(200);
  });

  it('answers 413 to a 2 MB chunked body that declares no length', async () => {
    const chunk = new TextEncoder().encode('z'.repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 32) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const response = await fetch(`${helpdesk.url}${CREATE}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${helpdesk.keys.client}`, 'Content-Type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
  });

  it('ignores the body of resolve, which reads none', async () => {
    const conversation = await createConversation(helpdesk);
    const response = await call(helpdesk, `/api/v1/conversations/${conversation.id}/resolve/`, {
      key: helpdesk.keys.server,
      rawBody: 'not json',
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(response.status).toBe(200);
  });
});

describe('connections', () => {
  it('closes the connection after every answer', async () => {
    const answer = await new Promise<{ connection: string | undefined; closed: boolean }>((resolve, reject) => {
      const request = httpRequest(`${helpdesk.url}/api/v1/conversations/`, {
        headers: { Authorization: `Bearer ${helpdesk.keys.client}`, Connection: 'keep-alive' },
        agent: false,
      });
      request.on('response', (response) => {
        response.resume();
        response.socket.on('close', () => resolve({ connection: response.headers.connection, closed: true }));
      });
      request.on('error', reject);
      request.end();
    });
    expect(answer).toEqual({ connection: 'close', closed: true });
  });

  it('says Connection: close on errors and preflights too', async () => {
    expect((await call(helpdesk, '/nope')).headers.get('connection')).toBe('close');
    const preflight = await fetch(`${helpdesk.url}${CREATE}`, { method: 'OPTIONS' });
    expect(preflight.headers.get('connection')).toBe('close');
  });
});

describe('handler errors', () => {
  it('answers 500 {"detail"} when a handler fails, keeps no half-made write, and stays up', async () => {
    // Without its data folder the store cannot commit, which is the easiest real failure to cause.
    await rm(helpdesk.dataDir, { recursive: true, force: true });
    const { status, body } = await callJson<{ detail: string }>(helpdesk, CREATE, { json: { subject: 'x' } });
    expect(status).toBe(500);
    expect(body.detail).toMatch(/server error/);
    const list = await callJson<{ count: number }>(helpdesk, '/api/v1/conversations/');
    expect(list.status).toBe(200);
    expect(list.body.count).toBe(0);
  });

  it('survives a client that hangs up mid-body', async () => {
    await new Promise<void>((resolve) => {
      const request = httpRequest(`${helpdesk.url}${CREATE}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${helpdesk.keys.client}`, 'Content-Type': 'application/json', 'Content-Length': '1000' },
      });
      request.on('error', () => resolve());
      request.write('{"subject": "half');
      setTimeout(() => {
        request.destroy();
        resolve();
      }, 50);
    });
    expect((await call(helpdesk, '/api/v1/conversations/')).status).toBe(200);
  });
});
