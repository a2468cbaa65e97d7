import { describe, expect, it } from 'vitest';
import type { Message } from '../../widget/api/types';
import { conversationView, customerSenders, reuseUnchanged, unreadCount } from '../../widget/core/conversation-view';
import type { OutboxEntry } from '../../widget/core/outbox-entry';

const customer = new Set(['jane@example.com']);
const message = (id: string, sender: string | null, body: string, type = 'reply', createdAt = `2026-11-22T10:0${id.length}:00Z`): Message => ({
  id,
  senderEmail: sender,
  body,
  type,
  createdAt,
});
const entry = (id: string, body: string, state: OutboxEntry['state'], messageId: string | null = null): OutboxEntry => ({
  id,
  conversationId: 'c1',
  body,
  userEmail: 'jane@example.com',
  state,
  createdAt: '2026-11-22T10:09:00Z',
  firstAttemptAt: null,
  seenBefore: [],
  uncertain: false,
  attempts: 1,
  notBefore: 0,
  messageId,
  error: state === 'failed' ? 'Service unavailable' : null,
});

describe('conversation view', () => {
  it('decides authorship by the requester email, case-insensitively', () => {
    const view = conversationView({
      serverMessages: [message('a', 'JANE@example.com', 'Hi'), message('b', 'agent@shop.example', 'Hello'), message('c', null, 'System?')],
      outbox: [],
      customerSenders: customer,
      firstMessage: null,
    });
    expect(view.map((item) => item.author)).toEqual(['customer', 'team', 'team']);
  });

  it('takes messages without a sender for the customer’s when the requester has no email, and only then', () => {
    // An anonymous requester (no email): the API lists their description with no sender.
    const serverMessages = [message('a', null, 'Do you ship to Norway?'), message('b', 'agent@shop.example', 'We do')];
    const anonymous = conversationView({
      serverMessages,
      outbox: [],
      customerSenders: customerSenders([], null),
      firstMessage: { body: 'Do you ship to Norway?', createdAt: '2026-11-22T10:00:00Z' },
    });
    expect(anonymous.map((item) => [item.author, item.body])).toEqual([
      ['customer', 'Do you ship to Norway?'],
      ['team', 'We do'],
    ]);
    // An email given later adds a sender; the requester still has none.
    expect(customerSenders(['later@example.com'], null)).toEqual(new Set(['later@example.com', null]));
    // A requester with an email: a message without a sender is not theirs.
    expect(customerSenders(['jane@example.com'], 'Jane@Example.com')).toEqual(new Set(['jane@example.com']));
  });

  it('shows only replies and messages without a type: notes and events never', () => {
    const view = conversationView({
      serverMessages: [
        message('a', 'agent@x.co', 'visible'),
        message('b', 'agent@x.co', 'secret', 'note'),
        message('c', 'agent@x.co', 'event', 'status_change'),
      ],
      outbox: [],
      customerSenders: customer,
      firstMessage: null,
    });
    expect(view.map((item) => item.body)).toEqual(['visible']);
  });

  it('shows the first message once whether or not the API lists it', () => {
    const first = { body: 'Where is  my order?', createdAt: '2026-11-22T10:00:00Z' };
    const listed = conversationView({
      serverMessages: [message('a', 'jane@example.com', 'Where is my order?')],
      outbox: [],
      customerSenders: customer,
      firstMessage: first,
    });
    const unlisted = conversationView({ serverMessages: [message('b', 'agent@x.co', 'On it')], outbox: [], customerSenders: customer, firstMessage: first });
    expect(listed.map((item) => item.body)).toEqual(['Where is my order?']);
    expect(unlisted.map((item) => item.body)).toEqual(['Where is  my order?', 'On it']);
  });

  it('does not take a later message with the first message’s words for it when the API does not list the first', () => {
    const first = { body: 'Any news?', createdAt: '2026-11-22T10:00:00Z' };
    // The customer asks again after the team's answer: two messages, both shown.
    const again = conversationView({
      serverMessages: [message('b', 'agent@x.co', 'Looking'), message('cc', 'jane@example.com', 'Any news?')],
      outbox: [],
      customerSenders: customer,
      firstMessage: first,
    });
    expect(again.map((item) => item.body)).toEqual(['Any news?', 'Looking', 'Any news?']);
    // Asked again before any answer, from this browser: the reply is the outbox's, not the description.
    const resent = conversationView({
      serverMessages: [message('m1', 'jane@example.com', 'Any news?')],
      outbox: [entry('local-1', 'Any news?', 'sent', 'm1')],
      customerSenders: customer,
      firstMessage: first,
    });
    expect(resent.map((item) => [item.key, item.body])).toEqual([
      ['first-message', 'Any news?'],
      ['local-1', 'Any news?'],
    ]);
  });

  it('shows outbox entries with their delivery, and a sent one once it is listed, under the same key', () => {
    const view = conversationView({
      serverMessages: [message('m1', 'jane@example.com', 'first reply')],
      outbox: [entry('local-1', 'first reply', 'sent', 'm1'), entry('local-2', 'second', 'sending'), entry('local-3', 'third', 'failed')],
      customerSenders: customer,
      firstMessage: null,
    });
    expect(view.map((item) => [item.key, item.body, item.delivery])).toEqual([
      ['local-1', 'first reply', 'sent'],
      ['local-2', 'second', 'sending'],
      ['local-3', 'third', 'failed'],
    ]);
    expect(view[2]?.error).toBe('Service unavailable');
  });

  it("shows no time on a reply the server has not confirmed, and the server's once it has", () => {
    // The browser's clock says 15:09, hours after the server's 10:01 reply the customer answers.
    const waiting = { ...entry('local-1', 'Order 1234', 'sending'), createdAt: '2026-11-22T15:09:00Z' };
    const confirmed = { ...entry('local-2', 'Thanks', 'sent', 'm2'), createdAt: '2026-11-22T15:10:00Z', sentAt: '2026-11-22T10:03:00Z' };
    const view = conversationView({
      serverMessages: [message('m0', 'agent@x.co', 'Which order?', 'reply', '2026-11-22T10:01:00Z')],
      outbox: [waiting, confirmed],
      customerSenders: customer,
      firstMessage: null,
    });
    expect(view.map((item) => [item.body, item.createdAt])).toEqual([
      ['Which order?', '2026-11-22T10:01:00Z'],
      ['Order 1234', null],
      ['Thanks', '2026-11-22T10:03:00Z'],
    ]);
  });

  it('shows once a reply whose answer was lost when the list already holds it, beside an earlier same text', () => {
    const lost = { ...entry('local-1', 'ok', 'pending'), firstAttemptAt: 1, seenBefore: ['m1'], uncertain: true };
    const view = conversationView({
      serverMessages: [message('m1', 'jane@example.com', 'ok'), message('m2', 'agent@x.co', 'Great'), message('m3', 'jane@example.com', 'ok')],
      outbox: [lost],
      customerSenders: customer,
      firstMessage: null,
    });
    expect(view.map((item) => [item.key, item.body, item.delivery])).toEqual([
      ['m1', 'ok', 'sent'],
      ['m2', 'Great', 'sent'],
      ['local-1', 'ok', 'sent'],
    ]);
  });

  it('counts only team messages newer than the last one read', () => {
    const view = conversationView({
      serverMessages: [
        message('a', 'agent@x.co', 'old', 'reply', '2026-11-22T10:00:00Z'),
        message('b', 'jane@example.com', 'mine', 'reply', '2026-11-22T10:01:00Z'),
        message('c', 'agent@x.co', 'new', 'reply', '2026-11-22T10:02:00Z'),
      ],
      outbox: [],
      customerSenders: customer,
      firstMessage: null,
    });
    expect(unreadCount(view, null)).toBe(2);
    expect(unreadCount(view, '2026-11-22T10:00:00Z')).toBe(1);
    expect(unreadCount(view, '2026-11-22T10:02:00Z')).toBe(0);
  });
});

describe('reuseUnchanged', () => {
  const view = (bodies: string[]) =>
    conversationView({
      serverMessages: bodies.map((body, index) => message(`m${index}`, 'agent@x.co', body)),
      outbox: [],
      customerSenders: customer,
      firstMessage: null,
    });

  it('gives back the very same array when nothing changed, so nothing renders', () => {
    const previous = view(['a', 'b']);
    expect(reuseUnchanged(previous, view(['a', 'b']), 'key')).toBe(previous);
  });

  it('keeps the objects of unchanged messages and adds the new one', () => {
    const previous = view(['a', 'b']);
    const next = reuseUnchanged(previous, view(['a', 'b', 'c']), 'key');
    expect(next).not.toBe(previous);
    expect(next[0]).toBe(previous[0]);
    expect(next[1]).toBe(previous[1]);
    expect(next[2]?.body).toBe('c');
  });

  it('replaces a message whose delivery changed', () => {
    const sending = conversationView({ serverMessages: [], outbox: [entry('local-1', 'hi', 'sending')], customerSenders: customer, firstMessage: null });
    const sent = reuseUnchanged(
      sending,
      conversationView({ serverMessages: [], outbox: [entry('local-1', 'hi', 'sent', 'm9')], customerSenders: customer, firstMessage: null }),
      'key',
    );
    expect(sent[0]).not.toBe(sending[0]);
    expect(sent[0]?.delivery).toBe('sent');
  });
});
