// A customer whose computer clock is hours off, on a flaky connection (issue 14): a session on that
// clock against the real emulator, which keeps the true time. A reply is posted exactly once, shown
// once, and every time on screen is the server's, in order. The customer's clock is a fake one
// started hours off (fake-time.ts): its polls and retries pass when the test lets time pass.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient } from '../../widget/api/client';
import type { ChatMessage } from '../../widget/core/state';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator';
import { createFakeTime, type FakeTime } from '../helpers/fake-time';
import { MemoryStorage, type SessionOptions, startSession } from '../helpers/session';

const HOUR = 3_600_000;
const CUSTOMER = 'jane@example.com';
const sendPath = (id: string) => `/api/v1/conversations/${id}/messages/create/`;

let helpdesk: TestEmulator;
let time: FakeTime;
const sessions: Array<ReturnType<typeof startSession>> = [];
const open = (options: Partial<SessionOptions>) => {
  const started = startSession(helpdesk, { time, ...options });
  sessions.push(started);
  return started;
};

beforeEach(async () => {
  helpdesk = await startTestEmulator({ rateLimitPerMinute: 100_000 });
});
afterEach(async () => {
  for (const { session } of sessions.splice(0)) session.destroy();
  await helpdesk.cleanup();
});

type Started = ReturnType<typeof startSession>;
const waitFor = (assertion: () => void) => time.until(assertion);

async function startConversation(s: Started, message: string) {
  await time.complete(s.session.actions.startConversation({ name: 'Jane Doe', email: CUSTOMER, message }));
  expect(s.state().phase).toBe('active');
  return s.state().conversation!;
}

/** What the customer sees of their messages with this text: one delivery per bubble. */
const shown = (s: Started, body: string) =>
  s
    .state()
    .messages.filter((item) => item.author === 'customer' && item.body === body)
    .map((item) => item.delivery);

const onServer = (conversationId: string, body: string) => helpdesk.listMessages(conversationId).filter((message) => message.body === body);
const posts = (conversationId: string) => helpdesk.requests.filter((request) => request.method === 'POST' && request.path === sendPath(conversationId));

/** Waits until the session has polled again from now: a late duplicate would show by then. */
async function afterOneMorePoll(conversationId: string) {
  const since = helpdesk.requests.length;
  const path = `/api/v1/conversations/${conversationId}/messages/`;
  await waitFor(() =>
    expect(helpdesk.requests.slice(since).some((request) => request.path === path && (request.status === 200 || request.status === 304))).toBe(true),
  );
}

/**
 * Every time on screen is a true time (never later than the server's now) and they only go
 * forward down the log, so no message reads as written after the one below it.
 */
function expectTimesSane(messages: readonly ChatMessage[]) {
  const times = messages.flatMap((item) => (item.createdAt ? [Date.parse(item.createdAt)] : []));
  expect(times.length).toBeGreaterThan(0);
  expect(times).toEqual([...times].sort((a, b) => a - b));
  expect(Math.max(...times)).toBeLessThanOrEqual(Date.now());
}

describe.each([
  ['ahead', 5 * HOUR],
  ['behind', -5 * HOUR],
])("the customer's clock %s of the server's by hours", (_, offsetMs) => {
  beforeEach(() => {
    time = createFakeTime(Date.now() + offsetMs);
  });

  it('a reply whose answer is lost is posted once and shown once as sent, at its server time, with sane times and unread counts', async () => {
    const s = open({});
    const conversation = await startConversation(s, 'Where is my order?');
    helpdesk.agentReply(conversation.id, 'Which order number?');
    await waitFor(() => expect(s.state().messages.map((item) => item.body)).toContain('Which order number?'));

    helpdesk.loseNextAnswer({ method: 'POST', path: sendPath(conversation.id) }, 1);
    s.session.actions.sendReply('Order 1234');
    expect(shown(s, 'Order 1234')).toEqual(['sending']);
    // Shown at once, and not stamped with the browser's clock: hours after the reply above it, or before it.
    expectTimesSane(s.state().messages);

    await waitFor(() => expect(shown(s, 'Order 1234')).toEqual(['sent']));
    await afterOneMorePoll(conversation.id);
    expect(onServer(conversation.id, 'Order 1234')).toHaveLength(1);
    expect(posts(conversation.id)).toHaveLength(1);
    expect(shown(s, 'Order 1234')).toEqual(['sent']);

    const answer = helpdesk.agentReply(conversation.id, 'Thanks, it ships today.');
    await waitFor(() => expect(s.state().messages.at(-1)?.body).toBe(answer.body));
    expectTimesSane(s.state().messages);
    const mine = s.state().messages.find((item) => item.body === 'Order 1234');
    expect(mine?.createdAt).toBe(onServer(conversation.id, 'Order 1234')[0]?.created_at);

    // The read marker is a server time too: replies count as unread until seen, and no longer after.
    expect(s.state().unreadCount).toBe(2);
    s.session.setPanelOpen(true);
    expect(s.state().unreadCount).toBe(0);
    s.session.setPanelOpen(false);
    helpdesk.agentReply(conversation.id, 'Anything else?');
    await waitFor(() => expect(s.state().unreadCount).toBe(1));
  });

  it('after a reload, a reply whose request never landed (502) is sent again, and an "ok" typed on their phone meanwhile is not taken for it', async () => {
    const backend = new MemoryStorage();
    const first = open({ backend });
    const conversation = await startConversation(first, 'Where is my order?');
    await waitFor(() => expect(helpdesk.requests.some((request) => request.path.endsWith('/messages/'))).toBe(true));

    // Offline: the reply waits in the stored outbox, and the tab is closed before it could leave.
    first.connectivity.set(false);
    first.session.actions.sendReply('ok');
    expect(shown(first, 'ok')).toEqual(['sending']);
    expectTimesSane(first.state().messages);
    first.session.destroy();

    // The customer said the same from their phone; then this browser comes back on a bad line.
    const phone = createClient({ apiUrl: helpdesk.url, clientKey: helpdesk.keys.client });
    await phone.sendMessage(conversation.id, { body: 'ok', userEmail: CUSTOMER });
    helpdesk.failNext({ method: 'POST', path: sendPath(conversation.id) }, 1, 502);
    const second = open({ backend });
    await second.session.restore();

    await waitFor(() => expect(onServer(conversation.id, 'ok')).toHaveLength(2));
    await waitFor(() => expect(shown(second, 'ok')).toEqual(['sent', 'sent']));
    await afterOneMorePoll(conversation.id);
    expect(onServer(conversation.id, 'ok')).toHaveLength(2);
    expect(posts(conversation.id).map((request) => request.status)).toEqual([201, 502, 201]);
    expectTimesSane(second.state().messages);
  });

  it('a first reply that repeats the first message, sent before the conversation was ever listed, is not taken for it', async () => {
    // The emulator lists the create's description as the first message (one of the contract's unknowns).
    helpdesk.switches.descriptionAsMessage = true;
    const s = open({});
    const conversation = await startConversation(s, 'Hello?');
    helpdesk.failNext({ method: 'POST', path: sendPath(conversation.id) }, 1, 502);
    s.session.actions.sendReply('Hello?');
    expectTimesSane(s.state().messages);

    await waitFor(() => expect(onServer(conversation.id, 'Hello?')).toHaveLength(2));
    await waitFor(() => expect(shown(s, 'Hello?')).toEqual(['sent', 'sent']));
    await afterOneMorePoll(conversation.id);
    expect(onServer(conversation.id, 'Hello?')).toHaveLength(2);
    expectTimesSane(s.state().messages);
  });

  it('a reply whose answer is lost is never shown twice, from its post to its confirmation', async () => {
    const s = open({ random: () => 1, timing: { backoffBaseMs: 1000 } });
    const conversation = await startConversation(s, 'Where is my order?');
    // Every state the customer could see, from the moment the reply is typed.
    const seen: number[] = [];
    s.session.subscribe(() => seen.push(shown(s, 'Order 1234').length));
    // The retry waits a second (the backoff with random 1); polls, every 50 ms, list the message first.
    helpdesk.loseNextAnswer({ method: 'POST', path: sendPath(conversation.id) }, 1);
    s.session.actions.sendReply('Order 1234');

    await waitFor(() => expect(shown(s, 'Order 1234')).toEqual(['sent']));
    await afterOneMorePoll(conversation.id);
    expect(shown(s, 'Order 1234')).toEqual(['sent']);
    expect(Math.max(...seen)).toBe(1);
    expect(onServer(conversation.id, 'Order 1234')).toHaveLength(1);
    expect(posts(conversation.id)).toHaveLength(1);
  });
});
