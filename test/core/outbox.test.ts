// The outbox against the real emulator over loopback HTTP: order, lost answers, duplicates,
// rejections, reloads mid-send. Backoff delays are shortened; nothing here asserts timing.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClient } from '../../widget/api/client';
import type { ApiError } from '../../widget/api/errors';
import type { ApiClient, Conversation, Message } from '../../widget/api/types';
import { systemClock } from '../../widget/core/clock';
import { createOutbox, type OutboxOptions } from '../../widget/core/outbox';
import type { OutboxEntry } from '../../widget/core/outbox-entry';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator';
import { createFakeClock } from '../helpers/fake-clock';

const CUSTOMER = 'jane@example.com';
const sendPath = (id: string) => `/api/v1/conversations/${id}/messages/create/`;
const online = { isOnline: () => true, subscribe: () => () => {} };

let helpdesk: TestEmulator;
let client: ApiClient;
let conversation: Conversation;

beforeEach(async () => {
  helpdesk = await startTestEmulator({ rateLimitPerMinute: 100_000, switches: { descriptionAsMessage: false } });
  client = createClient({ apiUrl: helpdesk.url, clientKey: helpdesk.keys.client, timeoutMs: 5000 });
  conversation = await client.createConversation({ subject: 'Order', description: 'Where is my order?', userEmail: CUSTOMER, channel: 'web' });
});
afterEach(() => helpdesk.cleanup());

function memoryStore(initial: OutboxEntry[] = []) {
  let saved = structuredClone(initial);
  return { load: () => structuredClone(saved), save: (entries: OutboxEntry[]) => void (saved = structuredClone(entries)), saved: () => saved };
}

let ids = 0;
function makeOutbox(overrides: Partial<OutboxOptions> = {}) {
  const sent: Message[] = [];
  const rejected: Array<{ entry: OutboxEntry; error: ApiError }> = [];
  const store = memoryStore();
  const outbox = createOutbox({
    client,
    store,
    clock: systemClock,
    random: Math.random,
    connectivity: online,
    newId: () => `local-${(ids += 1)}`,
    knownMessages: () => [],
    onChange: () => {},
    onSent: (_entry, message) => sent.push(message),
    onRejected: (entry, error) => rejected.push({ entry, error }),
    backoffBaseMs: 5,
    backoffCapMs: 40,
    ...overrides,
  });
  return { outbox, sent, rejected, store };
}

const customerBodies = () =>
  helpdesk
    .listMessages(conversation.id)
    .filter((message) => message.sender_email === CUSTOMER)
    .map((message) => message.body);

const settled = (outbox: ReturnType<typeof createOutbox>, timeout = 20_000) =>
  vi.waitFor(() => expect(outbox.entries(conversation.id).every((entry) => entry.state === 'sent' || entry.state === 'failed')).toBe(true), {
    timeout,
    interval: 20,
  });

describe('outbox', () => {
  it('sends replies in order, one at a time, with the requester as sender', async () => {
    const { outbox } = makeOutbox();
    outbox.start();
    for (const body of ['one', 'two', 'three']) outbox.enqueue(conversation.id, body, CUSTOMER);
    await settled(outbox);
    expect(customerBodies()).toEqual(['one', 'two', 'three']);
    const creates = helpdesk.requests.filter((request) => request.method === 'POST' && request.path === sendPath(conversation.id));
    expect(creates.map((request) => (request.body as { user_email: string }).user_email)).toEqual([CUSTOMER, CUSTOMER, CUSTOMER]);
    outbox.stop();
  });

  it('does not post twice when the answer to a committed send is lost', async () => {
    const { outbox, sent } = makeOutbox();
    helpdesk.loseNextAnswer({ method: 'POST', path: sendPath(conversation.id) }, 1);
    outbox.start();
    outbox.enqueue(conversation.id, 'Is anyone there?', CUSTOMER);
    await settled(outbox);
    expect(customerBodies()).toEqual(['Is anyone there?']);
    expect(outbox.entries(conversation.id)[0]?.state).toBe('sent');
    expect(sent.map((message) => message.body)).toEqual(['Is anyone there?']);
    outbox.stop();
  });

  it('keeps a deliberate duplicate: "ok" twice is two messages, even with a lost answer', async () => {
    const { outbox } = makeOutbox();
    outbox.start();
    outbox.enqueue(conversation.id, 'ok', CUSTOMER);
    await settled(outbox);
    helpdesk.loseNextAnswer({ method: 'POST', path: sendPath(conversation.id) }, 1);
    outbox.enqueue(conversation.id, 'ok', CUSTOMER);
    await settled(outbox);
    expect(customerBodies()).toEqual(['ok', 'ok']);
    outbox.stop();
  });

  it('sends again when the list proves a lost request never landed', async () => {
    const { outbox } = makeOutbox();
    // A 502 from a proxy: the emulator did not process it, but the widget cannot know that.
    helpdesk.failNext({ method: 'POST', path: sendPath(conversation.id) }, 1, 502, { body: '<html>Bad gateway</html>', contentType: 'text/html' });
    outbox.start();
    outbox.enqueue(conversation.id, 'Hello?', CUSTOMER);
    await settled(outbox);
    expect(customerBodies()).toEqual(['Hello?']);
    const order = helpdesk.requests.filter((request) => request.method !== 'OPTIONS').map((request) => `${request.method} ${request.status}`);
    // POST 502, then a look at the list, then the second POST.
    expect(order.slice(-3)).toEqual(['POST 502', 'GET 200', 'POST 201']);
    outbox.stop();
  });

  it('gives a refused reply back with the API message and does not retry it', async () => {
    const { outbox, rejected } = makeOutbox();
    helpdesk.setStatus(conversation.id, 'closed');
    outbox.start();
    outbox.enqueue(conversation.id, 'Still there?', CUSTOMER);
    await vi.waitFor(() => expect(rejected).toHaveLength(1));
    expect(rejected[0]?.entry.body).toBe('Still there?');
    expect(rejected[0]?.error.status).toBe(400);
    expect(rejected[0]?.error.message).toMatch(/closed/i);
    expect(outbox.entries(conversation.id)).toEqual([]);
    expect(helpdesk.requests.filter((request) => request.method === 'POST' && request.path === sendPath(conversation.id))).toHaveLength(1);
    outbox.stop();
  });

  it('after a reload in the middle of a send, looks before sending and never duplicates', async () => {
    // The first page posted and died before the answer: its entry was saved as sending.
    await client.sendMessage(conversation.id, { body: 'Sent before the reload', userEmail: CUSTOMER });
    const { outbox } = makeOutbox({
      store: memoryStore([
        {
          id: 'local-a',
          conversationId: conversation.id,
          body: 'Sent before the reload',
          userEmail: CUSTOMER,
          state: 'sending',
          createdAt: new Date().toISOString(),
          firstAttemptAt: Date.now() - 1000,
          seenBefore: [],
          uncertain: true,
          attempts: 1,
          notBefore: 0,
          messageId: null,
          error: null,
        },
        {
          id: 'local-b',
          conversationId: conversation.id,
          body: 'Queued behind it',
          userEmail: CUSTOMER,
          state: 'pending',
          createdAt: new Date().toISOString(),
          firstAttemptAt: null,
          seenBefore: [],
          uncertain: false,
          attempts: 0,
          notBefore: 0,
          messageId: null,
          error: null,
        },
      ]),
    });
    outbox.start();
    await settled(outbox);
    expect(customerBodies()).toEqual(['Sent before the reload', 'Queued behind it']);
    outbox.stop();
  });

  it('finds a lost answer with the clock hours ahead of the server, from the stored entry alone (another tab resumes it)', async () => {
    // The customer's clock is five hours fast; the emulator keeps the true time.
    const clock = createFakeClock(Date.now() + 5 * 3_600_000);
    const store = memoryStore();
    const first = makeOutbox({ clock, store, random: () => 1 });
    helpdesk.loseNextAnswer({ method: 'POST', path: sendPath(conversation.id) }, 1);
    first.outbox.start();
    first.outbox.enqueue(conversation.id, 'Is anyone there?', CUSTOMER);
    await vi.waitFor(() => expect(store.saved()[0]).toMatchObject({ state: 'pending', uncertain: true }));
    // The tab is closed while its retry waits; the next tab has only what was stored.
    first.outbox.stop();
    const next = makeOutbox({ clock, store });
    next.outbox.start();
    await clock.advance(40);
    await settled(next.outbox);
    expect(customerBodies()).toEqual(['Is anyone there?']);
    expect(next.outbox.entries(conversation.id)[0]?.state).toBe('sent');
    expect(helpdesk.requests.filter((request) => request.method === 'POST' && request.path === sendPath(conversation.id))).toHaveLength(1);
    next.outbox.stop();
  });

  it('shows a message as failed after the automatic attempts, and Retry delivers it', async () => {
    const { outbox } = makeOutbox({ maxAttempts: 3 });
    helpdesk.failNext({ method: 'POST', path: sendPath(conversation.id) }, 3, 503);
    outbox.start();
    const entry = outbox.enqueue(conversation.id, 'Please help', CUSTOMER);
    await settled(outbox);
    expect(outbox.entries(conversation.id)[0]).toMatchObject({ state: 'failed' });
    expect(outbox.entries(conversation.id)[0]?.error).toBeTruthy();
    expect(customerBodies()).toEqual([]);
    outbox.retry(entry.id);
    await settled(outbox);
    expect(outbox.entries(conversation.id)[0]?.state).toBe('sent');
    expect(customerBodies()).toEqual(['Please help']);
    outbox.stop();
  });

  it('never sends earlier than Retry-After: 6', async () => {
    const clock = createFakeClock(Date.now());
    const { outbox } = makeOutbox({ clock, random: () => 0 });
    helpdesk.failNext({ method: 'POST', path: sendPath(conversation.id) }, 1, 429, { retryAfter: '6' });
    outbox.start();
    outbox.enqueue(conversation.id, 'Rate limited', CUSTOMER);
    const posts = () => helpdesk.requests.filter((request) => request.method === 'POST' && request.path === sendPath(conversation.id));
    await vi.waitFor(() => expect(posts()).toHaveLength(1));
    await vi.waitFor(() => expect(clock.nextDelay()).toBe(6000));
    await clock.advance(5999);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(posts()).toHaveLength(1);
    await clock.advance(1);
    await vi.waitFor(() => expect(posts()).toHaveLength(2));
    await settled(outbox);
    expect(customerBodies()).toEqual(['Rate limited']);
    outbox.stop();
  });

  it('delivers 50 messages and 2 deliberate duplicates exactly, through 40% failures and 2 lost answers', async () => {
    const { outbox } = makeOutbox();
    const bodies = Array.from({ length: 50 }, (_, index) => `Message ${index + 1}`);
    bodies.splice(10, 0, 'ok');
    bodies.splice(11, 0, 'ok'); // the customer really sent "ok" twice
    helpdesk.switches.failRate = 0.4;
    helpdesk.switches.failStatus = 503;
    helpdesk.loseNextAnswer({ method: 'POST', path: sendPath(conversation.id) }, 2);
    outbox.start();
    for (const body of bodies) outbox.enqueue(conversation.id, body, CUSTOMER);
    // The emulator's 503s say Retry-After: 1, and the outbox honours it: this takes ~30 s.
    await settled(outbox, 110_000);
    helpdesk.switches.failRate = 0;
    expect(customerBodies()).toEqual(bodies);
    expect(outbox.entries(conversation.id).filter((entry) => entry.state !== 'sent')).toEqual([]);
    const failures = helpdesk.requests.filter((request) => request.status === 503).length;
    expect(failures).toBeGreaterThan(5); // the faults really happened
    outbox.stop();
  }, 120_000);
});
