// The session against the real emulator: what a customer would notice in the panel, and what the
// helpdesk receives. Time is the fake clock's (fake-time.ts): it passes when a test says so, with
// every request of that time answered, so "nothing else happened" is a fact, not a hope.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FormFields, Identity } from '../../widget/core/state';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator';
import { createFakeTime, type FakeTime } from '../helpers/fake-time';
import { MemoryStorage, type SessionOptions, startSession } from '../helpers/session';

let helpdesk: TestEmulator;
let time: FakeTime;
const sessions: Array<ReturnType<typeof startSession>> = [];
const open = (target: TestEmulator, options: Partial<SessionOptions> = {}) => {
  const started = startSession(target, { time, ...options });
  sessions.push(started);
  return started;
};

beforeEach(async () => {
  helpdesk = await startTestEmulator({ rateLimitPerMinute: 100_000 });
  time = createFakeTime();
});
afterEach(async () => {
  for (const { session } of sessions.splice(0)) session.destroy();
  await helpdesk.cleanup();
});

const createRequests = () => helpdesk.requests.filter((request) => request.path === '/api/v1/conversations/create/' && request.method === 'POST');
const bodies = (s: ReturnType<typeof startSession>) => s.state().messages.map((message) => `${message.author}: ${message.body}`);
const waitFor = (assertion: () => void) => time.until(assertion);

async function startConversation(s: ReturnType<typeof startSession>, message = 'Where is my order #1234?\nIt was due Monday.', email = 'jane@example.com') {
  await time.complete(s.session.actions.startConversation({ name: 'Jane van Doe', email, message }));
  expect(s.state().phase).toBe('active');
  return s.state().conversation!;
}

describe('starting a conversation', () => {
  it('sends channel web, the first line as subject, the message, names, email, priority and page metadata', async () => {
    const s = open(helpdesk);
    s.session.setMetadata({ plan: 'pro', page_title: 'Overridden by the site' });
    await startConversation(s);
    const [request] = createRequests();
    expect(request?.body).toMatchObject({
      channel: 'web',
      subject: 'Where is my order #1234?',
      description: 'Where is my order #1234?\nIt was due Monday.',
      user_email: 'jane@example.com',
      user_first_name: 'Jane',
      user_last_name: 'van Doe',
      priority: 'high',
      metadata: { page_url: 'https://shop.example/checkout', page_title: 'Overridden by the site', plan: 'pro', locale: 'en' },
    });
    expect(s.eventsOf('conversation')).toEqual([expect.objectContaining({ created: true, status: 'open' })]);
  });

  it('leaves page metadata out when pageInfo is off', async () => {
    const s = open(helpdesk, { pageInfo: false });
    await startConversation(s);
    const metadata = (createRequests()[0]!.body as { metadata: Record<string, unknown> }).metadata;
    expect(metadata.page_url).toBeUndefined();
  });

  it.each([true, false])('shows the first message exactly once (description listed as a message: %s)', async (listed) => {
    helpdesk.switches.descriptionAsMessage = listed;
    const s = open(helpdesk);
    await startConversation(s, 'Hello there');
    await waitFor(() => expect(helpdesk.requests.some((request) => request.path.endsWith('/messages/'))).toBe(true));
    await time.pass(200);
    expect(bodies(s)).toEqual(['customer: Hello there']);
  });

  it('keeps the typed text and shows the field errors when the API refuses the create', async () => {
    const s = open(helpdesk);
    helpdesk.failNext({ method: 'POST', path: '/api/v1/conversations/create/' }, 1, 400, {
      body: JSON.stringify({ user_email: ['Enter a valid email address.'] }),
      contentType: 'application/json',
    });
    await s.session.actions.startConversation({ name: 'Jane', email: 'jane@example.com', message: 'Help' });
    expect(s.state().phase).toBe('form');
    expect(s.state().prefill).toMatchObject({ name: 'Jane', email: 'jane@example.com', message: 'Help' });
    expect(s.state().formErrors.email).toBe('Enter a valid email address.');
    expect(s.eventsOf('error')[0]).toMatchObject({ kind: 'create', status: 400 });
  });

  it('never creates two conversations when the answer to the create is lost', async () => {
    const s = open(helpdesk);
    helpdesk.loseNextAnswer({ method: 'POST', path: '/api/v1/conversations/create/' }, 1);
    const conversation = await startConversation(s);
    expect(helpdesk.listConversations()).toHaveLength(1);
    expect(conversation.id).toBe(helpdesk.listConversations()[0]?.id);
  });

  it('never creates two conversations for an anonymous customer either', async () => {
    const s = open(helpdesk);
    helpdesk.loseNextAnswer({ method: 'POST', path: '/api/v1/conversations/create/' }, 1);
    await startConversation(s, 'No email given', '');
    expect(helpdesk.listConversations()).toHaveLength(1);
  });
});

describe('talking', () => {
  it('shows team replies with the team as author, never internal notes, and replies with the requester email', async () => {
    const s = open(helpdesk);
    const conversation = await startConversation(s, 'Hi');
    helpdesk.agentReply(conversation.id, 'Hello Jane, checking now.');
    helpdesk.agentReply(conversation.id, 'note to self: refund', { type: 'note' });
    await waitFor(() => expect(bodies(s)).toEqual(['customer: Hi', 'team: Hello Jane, checking now.']));
    s.session.actions.sendReply('Thanks!');
    expect(s.state().messages.at(-1)).toMatchObject({ author: 'customer', body: 'Thanks!', delivery: 'sending' });
    await waitFor(() => expect(s.state().messages.at(-1)?.delivery).toBe('sent'));
    const sent = helpdesk.listMessages(conversation.id).at(-1);
    expect(sent).toMatchObject({ body: 'Thanks!', sender_email: 'jane@example.com' });
    expect(s.state().draft).toBe('');
  });

  it('counts unread team replies while the panel is closed and clears them when it opens', async () => {
    const s = open(helpdesk);
    const conversation = await startConversation(s, 'Hi');
    await time.pass(100);
    helpdesk.agentReply(conversation.id, 'One');
    helpdesk.agentReply(conversation.id, 'Two');
    await waitFor(() => expect(s.state().unreadCount).toBe(2));
    expect(s.eventsOf('message').map((message) => message.body)).toEqual(['One', 'Two']);
    expect(s.eventsOf('unread').at(-1)).toEqual({ count: 2 });
    s.session.setPanelOpen(true);
    expect(s.state().unreadCount).toBe(0);
    expect(s.eventsOf('unread').at(-1)).toEqual({ count: 0 });
  });

  it('replies with the generated email of an anonymous requester', async () => {
    const s = open(helpdesk);
    const conversation = await startConversation(s, 'Anonymous hello', '');
    s.session.actions.sendReply('Me again');
    await waitFor(() => expect(s.state().messages.at(-1)?.delivery).toBe('sent'));
    const requester = helpdesk.listConversations()[0]?.requester.email;
    expect(requester).toMatch(/@/);
    expect(helpdesk.listMessages(conversation.id).at(-1)?.sender_email).toBe(requester);
  });

  it('asks for an email when the anonymous requester has none, keeping the typed reply', async () => {
    helpdesk.switches.anonymousEmail = 'none';
    const s = open(helpdesk);
    const conversation = await startConversation(s, 'No email here', '');
    s.session.actions.sendReply('Can you answer?');
    expect(s.state().needsEmail).toBe(true);
    expect(s.state().draft).toBe('Can you answer?');
    expect(helpdesk.listMessages(conversation.id).some((message) => message.body === 'Can you answer?')).toBe(false);
    s.session.actions.provideEmail('later@example.com');
    await waitFor(() => expect(helpdesk.listMessages(conversation.id).at(-1)).toMatchObject({ body: 'Can you answer?', sender_email: 'later@example.com' }));
    expect(s.state().needsEmail).toBe(false);
    await waitFor(() => expect(s.state().messages.at(-1)).toMatchObject({ author: 'customer', delivery: 'sent' }));
  });

  it('says the conversation ended when the team resolves it, and gives a refused reply back', async () => {
    const s = open(helpdesk);
    const conversation = await startConversation(s, 'Hi');
    helpdesk.setStatus(conversation.id, 'closed');
    s.session.actions.sendReply('One more thing');
    // Either may come first: the poll that sees the status, or the refusal of the reply.
    await waitFor(() => expect([s.state().phase, s.state().draft]).toEqual(['ended', 'One more thing']));
    expect(s.state().notice?.text).toMatch(/closed/i);
    s.session.actions.startNew();
    expect(s.state().phase).toBe('form');
  });

  it('notices a resolution made while idle', async () => {
    const s = open(helpdesk);
    const conversation = await startConversation(s, 'Hi');
    helpdesk.setStatus(conversation.id, 'resolved');
    helpdesk.agentReply(conversation.id, 'Solved, bye!');
    await waitFor(() => expect(s.state().phase).toBe('ended'));
    expect(s.state().conversation?.status).toBe('resolved');
  });
});

describe('across reloads', () => {
  it('resumes the same conversation after a reload, with the draft, without creating another', async () => {
    const backend = new MemoryStorage();
    const first = open(helpdesk, { backend });
    const conversation = await startConversation(first, 'Before reload');
    first.session.actions.setDraft('half-typed');
    await time.pass(500); // the draft is written after a pause
    first.session.destroy();

    const second = open(helpdesk, { backend });
    await second.session.restore();
    expect(second.state().conversation?.id).toBe(conversation.id);
    expect(second.state().draft).toBe('half-typed');
    await waitFor(() => expect(bodies(second)).toEqual(['customer: Before reload']));
    expect(createRequests()).toHaveLength(1);
    expect(second.eventsOf('conversation')).toEqual([expect.objectContaining({ id: conversation.id, created: false })]);
  });

  it('reads a resumed conversation once on the next page: its record, then its messages', async () => {
    const backend = new MemoryStorage();
    const first = open(helpdesk, { backend });
    const conversation = await startConversation(first, 'Before the next page');
    first.session.destroy();
    helpdesk.clearRequests();

    const second = open(helpdesk, { backend });
    await second.session.restore();
    const gets = (path: string) => helpdesk.requests.filter((request) => request.method === 'GET' && request.path === path).length;
    // Three polls, short of the fifth that looks at the status anyway.
    await waitFor(() => expect(gets(`/api/v1/conversations/${conversation.id}/messages/`)).toBeGreaterThanOrEqual(3));
    expect(bodies(second)).toEqual(['customer: Before the next page']);
    expect(gets(`/api/v1/conversations/${conversation.id}/`)).toBe(1);
  });

  it('looks at the record after the first list when the helpdesk could not be reached at the start', async () => {
    const backend = new MemoryStorage();
    const first = open(helpdesk, { backend });
    const conversation = await startConversation(first, 'Offline at the start');
    first.session.destroy();
    helpdesk.setStatus(conversation.id, 'resolved');

    const second = open(helpdesk, { backend });
    helpdesk.failNext({ method: 'GET', path: `/api/v1/conversations/${conversation.id}/` }, 1, 502);
    await second.session.restore();
    expect(second.state().phase).not.toBe('ended');
    await waitFor(() => expect(second.state().phase).toBe('ended'));
  });

  /** The storage a page leaves when an identified customer typed in the form and went on, after a pause. */
  async function formLeftBy(identity: Identity, fields: FormFields): Promise<MemoryStorage> {
    const backend = new MemoryStorage();
    const page = open(helpdesk, { backend });
    page.session.identify(identity);
    page.session.actions.setFormDraft(fields);
    await time.pass(500);
    page.session.destroy();
    return backend;
  }
  const formKeys = (backend: MemoryStorage) => backend.keys().filter((key) => key.endsWith(':form'));

  it('keeps an identified customer’s form as it was left for the next page, and forgets it once the conversation starts', async () => {
    const jane = { email: 'jane@example.com', firstName: 'Jane' };
    const backend = await formLeftBy(jane, { name: 'Jane', email: 'jane@example.com', message: 'Do you ship to Norway?' });
    const second = open(helpdesk, { backend });
    second.session.identify(jane);
    expect(second.state().phase).toBe('form');
    expect(second.state().prefill).toMatchObject({ name: 'Jane', email: 'jane@example.com', message: 'Do you ship to Norway?' });
    expect(formKeys(backend)).toHaveLength(1);
    await startConversation(second, 'Do you ship to Norway?');
    // Spent: the next form, after this conversation, starts empty.
    expect(formKeys(backend)).toEqual([]);
  });

  it('spends the form as the conversation is sent for, and keeps it again when the helpdesk refuses it', async () => {
    const backend = new MemoryStorage();
    const s = open(helpdesk, { backend });
    s.session.identify({ email: 'jane@example.com', firstName: 'Jane' });
    s.session.actions.setFormDraft({ name: 'Jane', email: 'jane@example.com', message: 'Refused at first' });
    await time.pass(500);
    expect(formKeys(backend)).toHaveLength(1);

    helpdesk.failNext({ method: 'POST', path: '/api/v1/conversations/create/' }, 1, 400, {
      body: JSON.stringify({ subject: ['Not now.'] }),
      contentType: 'application/json',
    });
    const starting = s.session.actions.startConversation({ name: 'Jane', email: 'jane@example.com', message: 'Refused at first' });
    // On its way: a page opened now would not offer to send it again.
    expect(s.state().phase).toBe('creating');
    expect(formKeys(backend)).toEqual([]);
    await time.complete(starting);
    expect(s.state().phase).toBe('form');
    await time.pass(500);
    expect(formKeys(backend)).toHaveLength(1);
    const next = open(helpdesk, { backend });
    expect(next.state().prefill.message).toBe('Refused at first');
  });

  it('writes nothing of an anonymous visitor’s form: a first visit leaves no trace', async () => {
    const backend = new MemoryStorage();
    const s = open(helpdesk, { backend });
    s.session.actions.setFormDraft({ name: 'Just looking', email: '', message: 'Typing, not sending' });
    await time.pass(500);
    s.session.setPageActive(false);
    s.session.destroy();
    expect(backend.keys()).toEqual([]);
  });

  it('gives the identity’s name and email precedence over the form as it was left, and keeps the message', async () => {
    const backend = await formLeftBy({ email: 'old@example.com', firstName: 'Old' }, { name: 'Old', email: 'old@example.com', message: 'About my order' });
    const second = open(helpdesk, { backend });
    second.session.identify({ email: 'jane@example.com', firstName: 'Jane' });
    expect(second.state().prefill).toMatchObject({ name: 'Jane', email: 'jane@example.com', message: 'About my order' });
  });

  it.each([
    ['the page is left (pagehide)', (s: ReturnType<typeof startSession>) => s.session.setPageActive(false)],
    ['the page is hidden', (s: ReturnType<typeof startSession>) => s.visibility.set(false)],
  ])('stores what was typed at once when %s, without waiting for a pause', async (_, leave) => {
    const backend = new MemoryStorage();
    const first = open(helpdesk, { backend });
    first.session.identify({ email: 'jane@example.com' });
    first.session.actions.setFormDraft({ name: '', email: 'jane@example.com', message: 'Typed a moment ago' });
    leave(first);
    // Gone before any pause: the tab's timers die with it.
    const second = open(helpdesk, { backend });
    expect(second.state().prefill.message).toBe('Typed a moment ago');

    const conversation = await startConversation(second, 'Hello');
    second.session.actions.setDraft('A reply typed just before leaving');
    leave(second);
    const third = open(helpdesk, { backend });
    await third.session.restore();
    expect(third.state().conversation?.id).toBe(conversation.id);
    expect(third.state().draft).toBe('A reply typed just before leaving');
  });

  it('stores nothing typed in the form after a reset, even what was waiting for a pause', async () => {
    const backend = new MemoryStorage();
    const s = open(helpdesk, { backend });
    s.session.identify({ email: 'jane@example.com' });
    s.session.actions.setFormDraft({ name: 'Jane', email: 'jane@example.com', message: 'Private question' });
    s.session.reset();
    await time.pass(500);
    s.session.setPageActive(false);
    expect(backend.keys()).toEqual([]);
  });

  it('forgets a stored conversation that no longer exists and stops asking for it', async () => {
    const backend = new MemoryStorage();
    const first = open(helpdesk, { backend });
    const conversation = await startConversation(first, 'Soon deleted');
    first.session.destroy();
    helpdesk.deleteConversation(conversation.id);

    const second = open(helpdesk, { backend });
    helpdesk.clearRequests();
    await second.session.restore();
    expect(second.state().phase).toBe('form');
    expect(backend.keys().some((key) => key.endsWith(':conversation'))).toBe(false);
    await time.pass(500);
    expect(helpdesk.requests.filter((request) => request.method !== 'OPTIONS')).toHaveLength(1);
  });

  it('a reset while the stored conversation is still being fetched does not bring it back', async () => {
    const backend = new MemoryStorage();
    const first = open(helpdesk, { backend });
    await startConversation(first, 'Before logout');
    first.session.destroy();

    const second = open(helpdesk, { backend });
    const restoring = second.session.restore(); // the answer comes after the reset
    second.session.reset();
    await restoring;
    expect(second.state()).toMatchObject({ phase: 'form', conversation: null, notice: null });
    expect(second.eventsOf('conversation')).toEqual([]);
    expect(second.eventsOf('error')).toEqual([]);
    expect(backend.keys()).toEqual([]);
  });

  it('a reset while a new conversation is being created leaves nothing stored and the form shown', async () => {
    const backend = new MemoryStorage();
    const s = open(helpdesk, { backend });
    const creating = s.session.actions.startConversation({ name: 'Jane', email: 'jane@example.com', message: 'Logging out right after' });
    expect(s.state().phase).toBe('creating');
    s.session.reset(); // the logout comes before the helpdesk's answer
    await creating;
    expect(createRequests()).toHaveLength(1);
    expect(s.state()).toMatchObject({ phase: 'form', conversation: null });
    expect(s.eventsOf('conversation')).toEqual([]);
    expect(backend.keys()).toEqual([]);
  });

  it('a new conversation asked for while the stored one is being fetched shows the form, prefilled', async () => {
    const backend = new MemoryStorage();
    const first = open(helpdesk, { backend });
    await startConversation(first, 'The old question');
    first.session.destroy();

    const second = open(helpdesk, { backend });
    const restoring = second.session.restore();
    second.session.prefillNew({ message: 'A new question' });
    await restoring;
    expect(second.state()).toMatchObject({ phase: 'form', conversation: null, prefill: { message: 'A new question' } });
    expect(second.eventsOf('conversation')).toEqual([]);
  });

  it('leaves no trace on a first visit: no request, nothing stored', async () => {
    const backend = new MemoryStorage();
    const s = open(helpdesk, { backend });
    await s.session.restore();
    s.session.setPanelOpen(true);
    await time.pass(300);
    expect(helpdesk.requests).toHaveLength(0);
    expect(backend.writes).toBe(0);
  });

  it('reset removes every key Parley wrote and shows the form', async () => {
    const backend = new MemoryStorage();
    backend.setItem('unrelated', 'kept');
    const s = open(helpdesk, { backend });
    await startConversation(s, 'Logout soon');
    s.session.actions.setDraft('x');
    s.session.reset();
    expect(backend.keys()).toEqual(['unrelated']);
    expect(s.state().phase).toBe('form');
    expect(s.state().conversation).toBeNull();
  });

  it('keeps working in memory when storage throws on every read and write', async () => {
    const backend = new MemoryStorage();
    backend.failReads = true;
    backend.failWrites = true;
    const s = open(helpdesk, { backend });
    await s.session.restore();
    const conversation = await startConversation(s, 'Private mode');
    s.session.actions.sendReply('Still works');
    await waitFor(() => expect(helpdesk.listMessages(conversation.id).at(-1)?.body).toBe('Still works'));
  });

  it('keeps working when localStorage itself cannot be reached', async () => {
    const s = open(helpdesk, { backend: null });
    const conversation = await startConversation(s, 'Sandboxed iframe');
    expect(conversation.id).toBeTruthy();
  });
});

describe('identified customers', () => {
  it('lists their own conversations, newest first, and resumes one', async () => {
    const other = open(helpdesk);
    await startConversation(other, 'Someone else', 'other@example.com');
    const s1 = open(helpdesk);
    const older = await startConversation(s1, 'My first question', 'kim@example.com');
    const s2 = open(helpdesk);
    await startConversation(s2, 'My second question', 'kim@example.com');

    const s = open(helpdesk);
    s.session.identify({ email: 'kim@example.com', firstName: 'Kim' });
    await waitFor(() => expect(s.state().history.status).toBe('ready'));
    expect(s.state().history.items.map((item) => item.subject)).toEqual(['My second question', 'My first question']);
    expect(s.state().prefill).toMatchObject({ name: 'Kim', email: 'kim@example.com' });
    await s.session.actions.resume(older.id);
    expect(s.state().conversation?.id).toBe(older.id);
    await waitFor(() => expect(bodies(s)).toContain('customer: My first question'));
  });

  it('does nothing with a resumed conversation that answers after shutdown: no pointer stored, no polling', async () => {
    const first = open(helpdesk);
    const older = await startConversation(first, 'Asked before', 'sam@example.com');
    first.session.destroy();
    const s = open(helpdesk);
    s.session.identify({ email: 'sam@example.com' });
    const resuming = s.session.actions.resume(older.id);
    s.session.destroy();
    await resuming;
    const requestsAfter = helpdesk.requests.length;
    await time.pass(300);
    expect(s.state().conversation).toBeNull();
    const storedKeys = Array.from({ length: s.backend!.length }, (_, index) => s.backend!.key(index) ?? '');
    expect(storedKeys.filter((key) => key.endsWith(':conversation'))).toEqual([]);
    expect(helpdesk.requests.length).toBe(requestsAfter);
  });

  it('opening one past conversation, then another before the first arrives, ends on the second', async () => {
    const s1 = open(helpdesk);
    const first = await startConversation(s1, 'First of two', 'ana@example.com');
    const s2 = open(helpdesk);
    const second = await startConversation(s2, 'Second of two', 'ana@example.com');
    const s = open(helpdesk);
    s.session.identify({ email: 'ana@example.com' });
    // The first answer comes back first: the later choice must still win.
    const resumingFirst = s.session.actions.resume(first.id);
    const resumingSecond = s.session.actions.resume(second.id);
    await Promise.all([resumingFirst, resumingSecond]);
    expect(s.state().conversation?.id).toBe(second.id);
    await waitFor(() => expect(bodies(s)).toContain('customer: Second of two'));
    expect(s.eventsOf('conversation').map((event) => event.id)).toEqual([second.id]);
  });

  it('a logout while a past conversation is being opened does not show it', async () => {
    const first = open(helpdesk);
    const older = await startConversation(first, 'Asked before logout', 'lee@example.com');
    first.session.destroy();
    const s = open(helpdesk);
    s.session.identify({ email: 'lee@example.com' });
    const resuming = s.session.actions.resume(older.id);
    s.session.reset();
    await resuming;
    expect(s.state()).toMatchObject({ phase: 'form', conversation: null, identity: null });
    expect(s.eventsOf('conversation')).toEqual([]);
  });

  it('never shows a visitor who only typed an email the conversations this browser did not create', async () => {
    const earlier = open(helpdesk);
    await startConversation(earlier, 'Private matter', 'kim@example.com');
    const s = open(helpdesk);
    await startConversation(s, 'New visitor', 'kim@example.com');
    expect(s.state().history.items).toEqual([]);
    expect(helpdesk.requests.filter((request) => request.path === '/api/v1/conversations/' && request.method === 'GET')).toHaveLength(0);
  });
});

describe('identified customers, continued', () => {
  it('shows the current conversation as resolved in "Your conversations" once the team resolves it', async () => {
    const s = open(helpdesk);
    s.session.identify({ email: 'lee@example.com' });
    const conversation = await startConversation(s, 'Will be resolved', 'lee@example.com');
    await waitFor(() => expect(s.state().history.items.map((item) => item.id)).toContain(conversation.id));
    helpdesk.setStatus(conversation.id, 'resolved');
    helpdesk.agentReply(conversation.id, 'Done!');
    await waitFor(() => expect(s.state().phase).toBe('ended'));
    expect(s.state().history.items.find((item) => item.id === conversation.id)?.status).toBe('resolved');
  });
});

describe('without an ETag', () => {
  it('reads an unchanged full list as nothing new: no extra status checks', async () => {
    helpdesk.switches.etag = false;
    const s = open(helpdesk);
    const conversation = await startConversation(s, 'No ETag here');
    helpdesk.clearRequests();
    const gets = (path: string) => helpdesk.requests.filter((request) => request.method === 'GET' && request.path === path).length;
    await waitFor(() => expect(gets(`/api/v1/conversations/${conversation.id}/messages/`)).toBeGreaterThanOrEqual(10));
    const polls = gets(`/api/v1/conversations/${conversation.id}/messages/`);
    // One look at the status every fifth poll, not after every (unchanged) full list.
    expect(gets(`/api/v1/conversations/${conversation.id}/`)).toBeLessThanOrEqual(Math.ceil(polls / 5) + 1);
  });
});
