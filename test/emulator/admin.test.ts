import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SWITCHES } from '../../demo/emulator/index';
import type { TestEmulator } from '../helpers/emulator';
import { startTestEmulator } from '../helpers/emulator';
import { call, callJson } from './request';

let helpdesk: TestEmulator;
beforeEach(async () => {
  helpdesk = await startTestEmulator({ clientKeys: [{ key: 'bnc_cl_test', allowedOrigins: ['https://shop.example'] }] });
});
afterEach(() => helpdesk.cleanup());

const SWITCHES = '/__emulator/switches';
const FAULTS = '/__emulator/faults';
const LIST = '/api/v1/conversations/';
const asServer = () => ({ key: helpdesk.keys.server });

describe('GET and PATCH /__emulator/switches', () => {
  it('answers the live switches', async () => {
    helpdesk.switches.etag = false;
    const { status, body } = await callJson(helpdesk, SWITCHES, asServer());
    expect(status).toBe(200);
    expect(body).toEqual({ ...DEFAULT_SWITCHES, etag: false });
  });

  it('changes the switches it is given and answers all of them', async () => {
    const { status, body } = await callJson(helpdesk, SWITCHES, {
      ...asServer(),
      method: 'PATCH',
      json: { listEnvelope: 'count-results', latencyMs: 5, failRate: 0.25 },
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ listEnvelope: 'count-results', latencyMs: 5, failRate: 0.25, etag: true });
    expect(helpdesk.switches).toMatchObject({ listEnvelope: 'count-results', latencyMs: 5, failRate: 0.25 });
  });

  it('refuses bad values and unknown switches with field errors, changing nothing', async () => {
    const { status, body } = await callJson(helpdesk, SWITCHES, {
      ...asServer(),
      method: 'PATCH',
      json: { etag: 'yes', failRate: 2, failStatus: 200, originRefusal: 'silently', colour: 'blue', descriptionAsMessage: false },
    });
    expect(status).toBe(400);
    expect(Object.keys(body ?? {}).sort()).toEqual(['colour', 'etag', 'failRate', 'failStatus', 'originRefusal']);
    expect(helpdesk.switches).toEqual(DEFAULT_SWITCHES);
  });

  it('needs a server key', async () => {
    expect((await callJson(helpdesk, SWITCHES, { key: null })).status).toBe(401);
    const { status, body } = await callJson<{ detail: string }>(helpdesk, SWITCHES, { method: 'PATCH', json: { etag: false } });
    expect(status).toBe(403);
    expect(body.detail).toMatch(/server key/);
    expect(helpdesk.switches.etag).toBe(true);
  });

  it('answers 405 with Allow for another method', async () => {
    const response = await call(helpdesk, SWITCHES, { ...asServer(), method: 'POST', json: {} });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, PATCH, OPTIONS');
  });

  it('stays reachable while failRate fails every API request, so the console can turn it off', async () => {
    helpdesk.switches.failRate = 1;
    expect((await call(helpdesk, LIST)).status).toBe(503);
    expect((await call(helpdesk, SWITCHES, { ...asServer(), method: 'PATCH', json: { failRate: 0 } })).status).toBe(200);
    expect((await call(helpdesk, LIST)).status).toBe(200);
  });

  it('follows the CORS rules: a browser console on an allowed origin can preflight PATCH and read the answer', async () => {
    const preflight = await fetch(`${helpdesk.url}${SWITCHES}`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://shop.example', 'Access-Control-Request-Method': 'PATCH' },
    });
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PATCH');
    const response = await call(helpdesk, SWITCHES, { ...asServer(), origin: 'https://shop.example' });
    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example');
  });
});

describe('emulator.switches', () => {
  it('stays live when a test assigns a whole new object', async () => {
    helpdesk.switches = { ...helpdesk.switches, listEnvelope: 'count-results' };
    const { body } = await callJson(helpdesk, LIST);
    expect(Object.keys(body ?? {}).sort()).toEqual(['count', 'results']);
    expect((await callJson(helpdesk, SWITCHES, asServer())).body).toMatchObject({ listEnvelope: 'count-results' });
  });

  it('refuses a bad value assigned as a whole object', () => {
    expect(() => {
      helpdesk.switches = { ...helpdesk.switches, failRate: 3 };
    }).toThrow(/failRate/);
  });
});

describe('POST /__emulator/faults', () => {
  it('plans fail-next faults with Retry-After', async () => {
    const planned = await callJson(helpdesk, FAULTS, {
      ...asServer(),
      json: { kind: 'fail-next', method: 'get', path: LIST, count: 2, status: 503, retryAfter: '4' },
    });
    expect(planned.status).toBe(201);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const response = await call(helpdesk, LIST);
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('4');
    }
    expect((await call(helpdesk, LIST)).status).toBe(200);
  });

  it('turns a path between slashes into a regular expression', async () => {
    await callJson(helpdesk, FAULTS, { ...asServer(), json: { kind: 'fail-next', path: '/^\\/api\\/v1\\/conversations\\//', count: 1, status: 502 } });
    expect((await call(helpdesk, LIST)).status).toBe(502);
  });

  it('plans lose-next faults', async () => {
    await callJson(helpdesk, FAULTS, { ...asServer(), json: { kind: 'lose-next', method: 'POST', path: '/api/v1/conversations/create/', count: 1 } });
    await expect(call(helpdesk, '/api/v1/conversations/create/', { json: { subject: 'lost' } })).rejects.toThrow();
    expect(helpdesk.listConversations().map((conversation) => conversation.subject)).toEqual(['lost']);
  });

  it('refuses a bad fault with field errors', async () => {
    const { status, body } = await callJson(helpdesk, FAULTS, {
      ...asServer(),
      json: { kind: 'explode', path: '', count: 0, status: 99 },
    });
    expect(status).toBe(400);
    expect(Object.keys(body ?? {}).sort()).toEqual(['count', 'kind', 'path']);
    const badStatus = await callJson(helpdesk, FAULTS, { ...asServer(), json: { kind: 'fail-next', path: LIST, status: 'x' } });
    expect(badStatus.body).toEqual({ status: ['Must be an HTTP status from 100 to 599.'] });
    const badRegExp = await callJson(helpdesk, FAULTS, { ...asServer(), json: { kind: 'lose-next', path: '/(/' } });
    expect(Object.keys(badRegExp.body ?? {})).toEqual(['path']);
  });

  it('needs a server key', async () => {
    const { status } = await callJson(helpdesk, FAULTS, { json: { kind: 'lose-next', path: LIST } });
    expect(status).toBe(403);
  });
});
