// The client against the real emulator over loopback HTTP: what goes on the wire and what comes back.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ClientOptions, createClient, isVisibleMessage } from '../../widget/api';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator';

let helpdesk: TestEmulator;

beforeEach(async () => {
  helpdesk = await startTestEmulator();
});
afterEach(async () => {
  await helpdesk.cleanup();
});

const clientFor = (overrides: Partial<ClientOptions> = {}) => createClient({ apiUrl: helpdesk.url, clientKey: helpdesk.keys.client, ...overrides });

/** The requests the API saw, preflights aside (Node sends none). */
const apiRequests = () => helpdesk.requests.filter((request) => request.method !== 'OPTIONS');
const lastRequest = () => apiRequests().at(-1)!;

async function startConversation(client = clientFor()) {
  return client.createConversation({ subject: 'Order #1234 is late', userEmail: 'jane@example.com' });
}

describe('createConversation', () => {
  it('posts the conversation in snake_case and returns it in the domain shape', async () => {
    const conversation = await clientFor().createConversation({
      subject: 'Order #1234 is late',
      description: 'It was due on Monday.',
      userEmail: 'jane@example.com',
      userFirstName: 'Jane',
      userLastName: 'Doe',
      priority: 'high',
      channel: 'web',
      metadata: { plan: 'pro' },
    });

    expect(conversation).toMatchObject({
      subject: 'Order #1234 is late',
      status: 'open',
      priority: 'high',
      channel: 'web',
      metadata: { plan: 'pro' },
      requester: { email: 'jane@example.com', firstName: 'Jane', lastName: 'Doe' },
    });
    expect(conversation.id).not.toBe('');
    expect(helpdesk.listConversations().map((c) => c.id)).toEqual([conversation.id]);

    const request = lastRequest();
    expect(request).toMatchObject({ method: 'POST', path: '/api/v1/conversations/create/', status: 201 });
    expect(request.body).toEqual({
      subject: 'Order #1234 is late',
      description: 'It was due on Monday.',
      user_email: 'jane@example.com',
      user_first_name: 'Jane',
      user_last_name: 'Doe',
      priority: 'high',
      channel: 'web',
      metadata: { plan: 'pro' },
    });
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers.accept).toBe('application/json');
  });

  it('leaves out what the customer did not give, so the API creates an anonymous requester', async () => {
    helpdesk.switches.anonymousEmail = 'none';
    const conversation = await clientFor().createConversation({ subject: 'Hello' });
    expect(lastRequest().body).toEqual({ subject: 'Hello' });
    expect(conversation.requester.email).toBeNull();
  });
});

describe('authentication headers', () => {
  it('sends the key as a bearer token by default', async () => {
    await clientFor().listConversations();
    expect(lastRequest().headers.authorization).toBe('Bearer bnc_cl_test');
    expect(lastRequest().headers['x-api-key']).toBeUndefined();
  });

  it('sends the key as X-API-Key when configured', async () => {
    const page = await clientFor({ authHeader: 'x-api-key' }).listConversations();
    expect(page.count).toBe(0);
    expect(lastRequest().headers['x-api-key']).toBe('bnc_cl_test');
    expect(lastRequest().headers.authorization).toBeUndefined();
    expect(lastRequest().status).toBe(200);
  });
});

describe('base URL', () => {
  it.each([
    ['without a trailing slash', ''],
    ['with a trailing slash', '/'],
    ['with several trailing slashes', '//'],
  ])('reaches the documented paths %s', async (_label, suffix) => {
    const client = clientFor({ apiUrl: `${helpdesk.url}${suffix}` });
    const { id } = await startConversation(client);
    await client.getConversation(id);
    await client.listMessages(id);
    expect(apiRequests().map((request) => `${request.method} ${request.path} ${request.status}`)).toEqual([
      'POST /api/v1/conversations/create/ 201',
      `GET /api/v1/conversations/${id}/ 200`,
      `GET /api/v1/conversations/${id}/messages/ 200`,
    ]);
  });
});

describe('listConversations', () => {
  it('maps the query to the API names', async () => {
    await clientFor().listConversations({ userEmail: 'jane+vip@example.com', status: 'pending', limit: 5, offset: 10 });
    expect(lastRequest()).toMatchObject({
      path: '/api/v1/conversations/',
      query: { user_email: 'jane+vip@example.com', status: 'pending', limit: '5', offset: '10' },
      status: 200,
    });
  });

  it('leaves what was not given out of the query string', async () => {
    await clientFor().listConversations({ limit: 5 });
    expect(lastRequest()).toMatchObject({ path: '/api/v1/conversations/', status: 200 });
    expect(lastRequest().query).toEqual({ limit: '5' });
  });

  it.each(['paginated', 'count-results'] as const)('reads the %s envelope', async (listEnvelope) => {
    helpdesk.switches.listEnvelope = listEnvelope;
    const client = clientFor();
    const first = await startConversation(client);
    const second = await startConversation(client);
    await client.createConversation({ subject: 'Someone else', userEmail: 'bob@example.com' });

    const page = await client.listConversations({ userEmail: 'jane@example.com', limit: 1 });
    expect(page.count).toBe(2);
    expect(page.items).toHaveLength(1);
    expect([first.id, second.id]).toContain(page.items[0]!.id);
    expect(page.items[0]!.requester.email).toBe('jane@example.com');
  });
});

describe('getConversation', () => {
  it('returns the conversation with its current status', async () => {
    const { id } = await startConversation();
    helpdesk.setStatus(id, 'pending');
    expect(await clientFor().getConversation(id)).toMatchObject({ id, status: 'pending', subject: 'Order #1234 is late' });
  });

  it('encodes the id, so an odd id cannot reach another path', async () => {
    const error = await clientFor()
      .getConversation('a/../../b?c')
      .catch((caught: unknown) => caught);
    expect(lastRequest().path).toBe('/api/v1/conversations/a%2F..%2F..%2Fb%3Fc/');
    expect(error).toMatchObject({ kind: 'http', status: 404 });
  });
});

describe('messages', () => {
  it('sends a reply as the requester and lists every message, oldest first, hidden ones included', async () => {
    const client = clientFor();
    const { id, requester } = await startConversation(client);
    const sent = await client.sendMessage(id, { body: 'Any news?', userEmail: requester.email! });
    expect(sent).toMatchObject({ body: 'Any news?', senderEmail: 'jane@example.com', type: 'reply' });
    expect(lastRequest()).toMatchObject({
      path: `/api/v1/conversations/${id}/messages/create/`,
      body: { body: 'Any news?', user_email: 'jane@example.com' },
      status: 201,
    });

    helpdesk.agentReply(id, 'Checking with the warehouse.', { type: 'note' });
    helpdesk.agentReply(id, 'It ships tomorrow.');
    const result = await client.listMessages(id);
    if (!result.changed) throw new Error('expected the first list to be a change');
    expect(result.messages.map((message) => [message.body, message.type])).toEqual([
      ['Any news?', 'reply'],
      ['Checking with the warehouse.', 'note'],
      ['It ships tomorrow.', 'reply'],
    ]);
    expect(result.messages.filter(isVisibleMessage).map((message) => message.body)).toEqual(['Any news?', 'It ships tomorrow.']);
    expect(result.messages[0]!.id).toBe(sent.id);
  });

  it('revalidates with the ETag: 304 is "nothing new", a new reply is a change', async () => {
    const client = clientFor();
    const { id } = await startConversation(client);
    const first = await client.listMessages(id);
    if (!first.changed) throw new Error('expected the first list to be a change');
    expect(first.etag).toMatch(/^"[^"]+"$/);
    expect(lastRequest().headers['if-none-match']).toBeUndefined();

    expect(await client.listMessages(id, { etag: first.etag })).toEqual({ changed: false });
    expect(lastRequest()).toMatchObject({ status: 304, headers: { 'if-none-match': first.etag } });

    helpdesk.agentReply(id, 'It ships tomorrow.');
    const third = await client.listMessages(id, { etag: first.etag });
    expect(third).toMatchObject({ changed: true, messages: [{ body: 'It ships tomorrow.' }] });
    expect(third.changed && third.etag).not.toBe(first.etag);
  });

  it('reports a null ETag when the API sends none, and always a change', async () => {
    helpdesk.switches.etag = false;
    const client = clientFor();
    const { id } = await startConversation(client);
    expect(await client.listMessages(id)).toEqual({ changed: true, etag: null, messages: [] });
    expect(await client.listMessages(id, { etag: '"stale"' })).toMatchObject({ changed: true, etag: null });
  });

  it('lists the description as the first message when the API does so', async () => {
    const client = clientFor();
    const { id } = await client.createConversation({ subject: 'Late', description: 'Where is it?', userEmail: 'jane@example.com' });
    const result = await client.listMessages(id);
    expect(result).toMatchObject({ changed: true, messages: [{ body: 'Where is it?', senderEmail: 'jane@example.com' }] });
  });
});
