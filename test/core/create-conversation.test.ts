// createConversationOnce() (core/create-conversation.ts) against the real emulator over loopback
// HTTP: one click makes one conversation, whatever happens to the answers.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient } from '../../widget/api/client';
import { isApiError } from '../../widget/api/errors';
import type { ApiClient } from '../../widget/api/types';
import { systemClock } from '../../widget/core/clock';
import { createConversationOnce, REQUEST_ID_KEY } from '../../widget/core/create-conversation';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator';

const CREATE = { method: 'POST', path: '/api/v1/conversations/create/' } as const;
const LIST = { method: 'GET', path: '/api/v1/conversations/' } as const;

let helpdesk: TestEmulator;
let client: ApiClient;

beforeEach(async () => {
  helpdesk = await startTestEmulator({ rateLimitPerMinute: 100_000 });
  client = createClient({ apiUrl: helpdesk.url, clientKey: helpdesk.keys.client, timeoutMs: 5000 });
});
afterEach(() => helpdesk.cleanup());

let requests = 0;
const create = (options: { maxAttempts?: number; userEmail?: string } = {}) =>
  createConversationOnce({
    client,
    clock: systemClock,
    random: () => 0,
    backoffBaseMs: 1,
    maxAttempts: options.maxAttempts,
    requestId: `request-${(requests += 1)}`,
    input: { subject: 'Order', description: 'Where is my order?', userEmail: 'userEmail' in options ? options.userEmail : 'jane@example.com', channel: 'web' },
  });

/** The create calls and the looks at the list, in order, with their answers (0: the answer was lost). */
const calls = () =>
  helpdesk.requests
    .filter((request) => (request.path === CREATE.path || request.path === LIST.path) && request.method !== 'OPTIONS')
    .map((request) => `${request.method === 'POST' ? 'create' : 'look'} ${request.status}`);

describe('createConversationOnce', () => {
  it('creates one conversation, carrying its request id for a later look', async () => {
    const conversation = await create();
    expect(calls()).toEqual(['create 201']);
    expect(conversation.metadata[REQUEST_ID_KEY]).toBe('request-1');
    expect(helpdesk.listConversations()).toHaveLength(1);
  });

  it('finds the conversation whose answer was lost instead of creating it again', async () => {
    helpdesk.loseNextAnswer(CREATE, 1);
    const conversation = await create();
    expect(calls()).toEqual(['create 0', 'look 200']);
    expect(helpdesk.listConversations().map((item) => item.id)).toEqual([conversation.id]);
  });

  it('finds it for an anonymous customer too (the look is not narrowed to an email)', async () => {
    helpdesk.loseNextAnswer(CREATE, 1);
    const conversation = await create({ userEmail: undefined });
    expect(calls()).toEqual(['create 0', 'look 200']);
    expect(helpdesk.listConversations().map((item) => item.id)).toEqual([conversation.id]);
  });

  it('creates again when the look shows that a lost create never landed (a 502 from a proxy)', async () => {
    helpdesk.failNext(CREATE, 1, 502);
    await create();
    expect(calls()).toEqual(['create 502', 'look 200', 'create 201']);
    expect(helpdesk.listConversations()).toHaveLength(1);
  });

  it('tries again without looking after a refusal that says nothing was done (503)', async () => {
    helpdesk.failNext(CREATE, 2, 503);
    await create();
    expect(calls()).toEqual(['create 503', 'create 503', 'create 201']);
    expect(helpdesk.listConversations()).toHaveLength(1);
  });

  it('gives up at once on a refusal that a retry cannot change (400), with the API’s field errors', async () => {
    helpdesk.failNext(CREATE, 1, 400, { body: JSON.stringify({ user_email: ['Enter a valid email address.'] }), contentType: 'application/json' });
    const error = await create().catch((caught: unknown) => caught);
    expect(isApiError(error) && error.fieldErrors).toEqual({ user_email: ['Enter a valid email address.'] });
    expect(calls()).toEqual(['create 400']);
  });

  it('keeps what it knows through a failed look, and looks once more when out of attempts', async () => {
    helpdesk.loseNextAnswer(CREATE, 1);
    helpdesk.failNext(LIST, 1, 503);
    const conversation = await create({ maxAttempts: 2 });
    // The second try was a look that failed: it did not make the create look certain.
    expect(calls()).toEqual(['create 0', 'look 503', 'look 200']);
    expect(helpdesk.listConversations().map((item) => item.id)).toEqual([conversation.id]);
  });

  it('says why when out of attempts with nothing created', async () => {
    helpdesk.failNext(CREATE, 3, 503);
    const error = await create({ maxAttempts: 3 }).catch((caught: unknown) => caught);
    expect(isApiError(error) && error.status).toBe(503);
    expect(calls()).toEqual(['create 503', 'create 503', 'create 503']);
    expect(helpdesk.listConversations()).toHaveLength(0);
  });
});
