// The outbox against the real emulator over loopback HTTP: order, lost answers, duplicates,
// rejections, reloads mid-send. Its clock is the fake one (fake-time.ts): backoffs and Retry-After
// pass when the test lets time pass, with every request answered, and cost no real time.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient } from '../../widget/api/client';
import type { ApiError } from '../../widget/api/errors';
import type { ApiClient, Conversation, Message } from '../../widget/api/types';
import { createOutbox, type OutboxOptions } from '../../widget/core/outbox';
import { newEntry, type OutboxEntry } from '../../widget/core/outbox-entry';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator';
import { createFakeTime, type FakeTime } from '../helpers/fake-time';

const CUSTOMER = 'jane@example.com';
const sendPath = (id: string) => `/api/v1/conversations/${id}/messages/create/`;
const online = { isOnline: () => true, subscribe: () => () => {} };

let helpdesk: TestEmulator;
let time: FakeTime;
let client: ApiClient;
let conversation: Conversation;

/** The widget's client, on the fake time's fetch. */
const clientOn = (on: FakeTime) => createClient({ apiUrl: helpdesk.url, clientKey: helpdesk.keys.client, timeoutMs: 5000, fetch: on.fetch });

beforeEach(async () => {
  helpdesk = await startTestEmulator({ rateLimitPerMinute: 100_000, switches: { descriptionAsMessage: false } });
  time = createFakeTime();
  client = clientOn(time);
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
    clock: time.clock,
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

/** Time passes until every entry is sent or failed (within a minute of the clock's time, unless told). */
const settled = (outbox: ReturnType<typeof createOutbox>, on = time, limitMs?: number) =>
  on.until(() => expect(outbox.entries(conversation.id).every((entry) => entry.state === 'sent' || entry.state === 'failed')).toBe(true), limitMs);

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
    await time.until(() => expect(rejected).toHaveLength(1));
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
        newEntry({ id: 'local-b', conversationId: conversation.id, body: 'Queued behind it', userEmail: CUSTOMER, createdAt: new Date().toISOString() }),
      ]),
    });
    outbox.start();
    await settled(outbox);
    expect(customerBodies()).toEqual(['Sent before the reload', 'Queued behind it']);
    outbox.stop();
  });

  it('finds a lost answer with the clock hours ahead of the server, from the stored entry alone (another tab resumes it)', async () => {
    // The customer's clock is five hours fast; the emulator keeps the true time.
    const skewed = createFakeTime(Date.now() + 5 * 3_600_000);
    const { clock } = skewed;
    const store = memoryStore();
    const first = makeOutbox({ client: clientOn(skewed), clock, store, random: () => 1 });
    helpdesk.loseNextAnswer({ method: 'POST', path: sendPath(conversation.id) }, 1);
    first.outbox.start();
    first.outbox.enqueue(conversation.id, 'Is anyone there?', CUSTOMER);
    await skewed.quiet();
    expect(store.saved()[0]).toMatchObject({ state: 'pending', uncertain: true });
    // The tab is closed while its retry waits; the next tab has only what was stored.
    first.outbox.stop();
    const next = makeOutbox({ client: clientOn(skewed), clock, store });
    next.outbox.start();
    await skewed.pass(40);
    await settled(next.outbox, skewed);
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
    const { outbox } = makeOutbox({ random: () => 0 });
    helpdesk.failNext({ method: 'POST', path: sendPath(conversation.id) }, 1, 429, { retryAfter: '6' });
    outbox.start();
    outbox.enqueue(conversation.id, 'Rate limited', CUSTOMER);
    const posts = () => helpdesk.requests.filter((request) => request.method === 'POST' && request.path === sendPath(conversation.id));
    await time.quiet();
    expect(posts()).toHaveLength(1);
    expect(time.clock.nextDelay()).toBe(6000);
    await time.pass(5999);
    expect(posts()).toHaveLength(1);
    await time.pass(1);
    expect(posts()).toHaveLength(2);
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
    // The emulator's 503s say Retry-After: 1, and the outbox honours it: about half a minute of the
    // clock's time, none of it real.
    await settled(outbox, time, 10 * 60_000);
    helpdesk.switches.failRate = 0;
    expect(customerBodies()).toEqual(bodies);
    expect(outbox.entries(conversation.id).filter((entry) => entry.state !== 'sent')).toEqual([]);
    const failures = helpdesk.requests.filter((request) => request.status === 503).length;
    expect(failures).toBeGreaterThan(5); // the faults really happened
    outbox.stop();
  });
});
