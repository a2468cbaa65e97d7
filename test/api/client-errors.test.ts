// Every way a call can fail, against the real emulator over loopback HTTP, becomes one ApiError
// with a readable message and the retry policy's answer.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, type ClientOptions, createClient, retryDecision } from '../../widget/api';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator';

let helpdesk: TestEmulator;

beforeEach(async () => {
  helpdesk = await startTestEmulator();
});
afterEach(async () => {
  await helpdesk.cleanup();
});

const clientFor = (overrides: Partial<ClientOptions> = {}) => createClient({ apiUrl: helpdesk.url, clientKey: helpdesk.keys.client, ...overrides });

/** The ApiError a call fails with; fails the test when the call succeeds or throws anything else. */
async function failureOf(call: Promise<unknown>): Promise<ApiError> {
  const outcome = await call.then(
    () => null,
    (error: unknown) => error,
  );
  if (!(outcome instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(outcome)}`);
  return outcome;
}

async function startConversation(client = clientFor()) {
  return client.createConversation({ subject: 'Order #1234 is late', userEmail: 'jane@example.com' });
}

const MESSAGES = /^\/api\/v1\/conversations\/[^/]+\/messages\/$/;

describe('HTTP errors', () => {
  it('401: a bad key is refused with the API’s detail', async () => {
    const error = await failureOf(clientFor({ clientKey: 'bnc_cl_revoked' }).listConversations());
    expect(error).toMatchObject({
      kind: 'http',
      status: 401,
      message: 'Invalid or revoked API key.',
      method: 'GET',
      path: '/api/v1/conversations/',
    });
    expect(retryDecision(error)).toBe('no-retry');
  });

  it('403: a page outside the key’s allowed origins is refused with the API’s detail', async () => {
    await helpdesk.cleanup();
    helpdesk = await startTestEmulator({
      clientKeys: [{ key: 'bnc_cl_shop', allowedOrigins: ['https://shop.example'] }],
      switches: { originRefusal: '403' },
    });
    // A real fetch that adds the Origin header a browser would send from a foreign page.
    const fromOrigin =
      (origin: string): typeof fetch =>
      (input, init) => {
        const headers = new Headers(init?.headers);
        headers.set('Origin', origin);
        return fetch(input, { ...init, headers });
      };
    const foreign = createClient({ apiUrl: helpdesk.url, clientKey: 'bnc_cl_shop', fetch: fromOrigin('https://evil.example') });
    const error = await failureOf(foreign.createConversation({ subject: 'Hi' }));
    expect(error).toMatchObject({ kind: 'http', status: 403, method: 'POST', path: '/api/v1/conversations/create/' });
    expect(error.message).toMatch(/not allowed from this origin/);
    expect(helpdesk.listConversations()).toEqual([]);

    const allowed = createClient({ apiUrl: helpdesk.url, clientKey: 'bnc_cl_shop', fetch: fromOrigin('https://shop.example') });
    await expect(allowed.createConversation({ subject: 'Hi' })).resolves.toMatchObject({ subject: 'Hi' });
  });

  it('404: an unknown conversation', async () => {
    const error = await failureOf(clientFor().listMessages('no-such-conversation'));
    expect(error).toMatchObject({
      kind: 'http',
      status: 404,
      message: 'Not found.',
      path: '/api/v1/conversations/no-such-conversation/messages/',
    });
    expect(retryDecision(error)).toBe('no-retry');
  });

  it('405: a method the path does not take', async () => {
    // GET on the create path: the emulator's URL conf matches create/ before {id}/, as the vendor's.
    const error = await failureOf(clientFor().getConversation('create'));
    expect(error).toMatchObject({ kind: 'http', status: 405, message: 'Method "GET" not allowed.' });
  });

  it('400: field errors become one readable message and a list per field', async () => {
    const error = await failureOf(clientFor().createConversation({ subject: 'x'.repeat(501), userEmail: 'not-an-email' }));
    expect(error).toMatchObject({ kind: 'http', status: 400, method: 'POST' });
    expect(Object.keys(error.fieldErrors).sort()).toEqual(['subject', 'user_email']);
    expect(error.fieldErrors.user_email).toEqual(['Enter a valid email address.']);
    expect(error.message).toContain('User email: Enter a valid email address.');
    expect(error.message).toMatch(/^Subject: /);
    expect(retryDecision(error)).toBe('no-retry');
  });

  it('400: a reply to an ended conversation is refused with the API’s detail', async () => {
    const client = clientFor();
    const { id } = await startConversation(client);
    helpdesk.setStatus(id, 'closed');
    const error = await failureOf(client.sendMessage(id, { body: 'Hello?', userEmail: 'jane@example.com' }));
    expect(error).toMatchObject({ kind: 'http', status: 400, message: 'This conversation is closed.' });
  });

  it('413: a message above the API’s size limit', async () => {
    const client = clientFor();
    const { id } = await startConversation(client);
    const error = await failureOf(client.sendMessage(id, { body: 'x'.repeat(1024 * 1024 + 1), userEmail: 'jane@example.com' }));
    expect(error).toMatchObject({ kind: 'http', status: 413, method: 'POST' });
    expect(error.message).toMatch(/larger than/);
    expect(retryDecision(error)).toBe('no-retry');
    expect(helpdesk.listMessages(id)).toEqual([]);
  });

  it('429: Retry-After in seconds', async () => {
    const client = clientFor();
    const { id } = await startConversation(client);
    helpdesk.failNext({ method: 'GET', path: MESSAGES }, 1, 429, { retryAfter: '6' });
    const error = await failureOf(client.listMessages(id));
    expect(error).toMatchObject({ kind: 'http', status: 429, retryAfterMs: 6000, message: 'Request was throttled.' });
    expect(retryDecision(error)).toBe('retry');
  });

  it('429: Retry-After as an HTTP date', async () => {
    const client = clientFor();
    const { id } = await startConversation(client);
    const retryAt = new Date(Date.now() + 30_000);
    retryAt.setUTCMilliseconds(0);
    helpdesk.failNext({ method: 'POST', path: /messages\/create\/$/ }, 1, 429, { retryAfter: retryAt.toUTCString() });
    const sentAt = Date.now();
    const error = await failureOf(client.sendMessage(id, { body: 'Hi', userEmail: 'jane@example.com' }));
    expect(error).toMatchObject({ kind: 'http', status: 429 });
    // The date is whole seconds, so the wait is within a second (plus the call's time) of 30 s.
    expect(error.retryAfterMs).toBeGreaterThan(28_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(retryAt.getTime() - sentAt);
    expect(retryDecision(error)).toBe('retry');
    expect(helpdesk.listMessages(id)).toEqual([]);
  });

  it('503 keeps its Retry-After too', async () => {
    helpdesk.failNext({ path: '/api/v1/conversations/' }, 1, 503, { retryAfter: '2' });
    const error = await failureOf(clientFor().listConversations());
    expect(error).toMatchObject({ kind: 'http', status: 503, retryAfterMs: 2000 });
    expect(error.message).toMatch(/temporarily unavailable/);
  });

  it('502: a proxy’s HTML page becomes readable text', async () => {
    const page =
      '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n' +
      '<hr><center>nginx/1.25.3</center>\r\n</body>\r\n</html>\r\n';
    helpdesk.failNext({ method: 'POST', path: '/api/v1/conversations/create/' }, 1, 502, { body: page, contentType: 'text/html' });
    const error = await failureOf(startConversation());
    expect(error).toMatchObject({ kind: 'http', status: 502, message: '502 Bad Gateway nginx/1.25.3', retryAfterMs: null });
    // The proxy may have lost the origin's answer after the write: look before posting again.
    expect(retryDecision(error)).toBe('outcome-unknown');
  });

  it('a 2xx that is not JSON is an invalid response', async () => {
    helpdesk.failNext({ path: '/api/v1/conversations/' }, 1, 200, {
      body: '<html><body>Please sign in</body></html>',
      contentType: 'text/html',
    });
    const error = await failureOf(clientFor().listConversations());
    expect(error).toMatchObject({ kind: 'invalid-response', status: 200, path: '/api/v1/conversations/' });
    expect(retryDecision(error)).toBe('retry');
  });
});

describe('no answer', () => {
  it('times out when the API answers later than timeoutMs', async () => {
    helpdesk.switches.latencyMs = 2000;
    const startedAt = Date.now();
    const error = await failureOf(clientFor({ timeoutMs: 150 }).listConversations());
    expect(error).toMatchObject({ kind: 'timeout', status: null, method: 'GET', path: '/api/v1/conversations/' });
    expect(error.message).toBe('The helpdesk did not answer within 0.15 s.');
    expect(Date.now() - startedAt).toBeLessThan(1500);
    expect(retryDecision(error)).toBe('retry');
  });

  it('a lost answer to a write is a network error whose outcome is unknown, though the write happened', async () => {
    const client = clientFor();
    const { id } = await startConversation(client);
    helpdesk.loseNextAnswer({ method: 'POST', path: /messages\/create\/$/ }, 1);
    const error = await failureOf(client.sendMessage(id, { body: 'Did this arrive?', userEmail: 'jane@example.com' }));
    expect(error).toMatchObject({ kind: 'network', status: null, method: 'POST' });
    expect(error.message).toMatch(/could not be reached/);
    expect(error.message).toMatch(/CORS/);
    expect(retryDecision(error)).toBe('outcome-unknown');
    expect(helpdesk.listMessages(id).map((message) => message.body)).toEqual(['Did this arrive?']);
  });

  it('a lost answer to a read may simply be retried', async () => {
    helpdesk.loseNextAnswer({ method: 'GET', path: '/api/v1/conversations/' }, 1);
    const error = await failureOf(clientFor().listConversations());
    expect(error).toMatchObject({ kind: 'network' });
    expect(retryDecision(error)).toBe('retry');
  });

  it('a helpdesk that is not listening is a network error', async () => {
    const { url } = helpdesk;
    await helpdesk.cleanup();
    const error = await failureOf(createClient({ apiUrl: url, clientKey: 'bnc_cl_test' }).listConversations());
    expect(error).toMatchObject({ kind: 'network', status: null });
  });
});

describe('aborting', () => {
  it('stops a request in flight when the caller aborts', async () => {
    helpdesk.switches.latencyMs = 2000;
    const controller = new AbortController();
    const call = clientFor().listConversations({}, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await failureOf(call);
    expect(error).toMatchObject({ kind: 'aborted', method: 'GET', path: '/api/v1/conversations/' });
    expect(retryDecision(error)).toBe('no-retry');
  });

  it('makes no request for a signal already aborted', async () => {
    const error = await failureOf(clientFor().listConversations({}, { signal: AbortSignal.abort() }));
    expect(error).toMatchObject({ kind: 'aborted' });
    expect(helpdesk.requests).toEqual([]);
  });

  // ofetch drops its own timeout when a signal is passed; the client's must still apply.
  it('still times out when the caller passes a signal', async () => {
    helpdesk.switches.latencyMs = 2000;
    const controller = new AbortController();
    const error = await failureOf(clientFor({ timeoutMs: 100 }).listConversations({}, { signal: controller.signal }));
    expect(error.kind).toBe('timeout');
    expect(controller.signal.aborted).toBe(false);
  });
});
