// derive() (core/session/derive.ts): the view the panel reads, computed from the sources of truth
// alone. Tables of cases: the phase, what needs an email, the unread count, the history's statuses,
// and what keeps its object when nothing changed (the UI re-renders nothing for it).

import { describe, expect, it } from 'vitest';
import { toConversation } from '../../widget/api/adapter';
import type { Conversation, ConversationStatus, Message } from '../../widget/api/types';
import type { StoredConversation } from '../../widget/core/conversation-store';
import { newEntry, type OutboxEntry } from '../../widget/core/outbox-entry';
import { type DeriveInput, derive, phaseOf, readMarker } from '../../widget/core/session/derive';
import { initialSources, type Pending, type Sources } from '../../widget/core/session/store';
import { type ConversationSummary, initialState, type SessionState } from '../../widget/core/state';

const JANE = 'jane@example.com';
const conversation = (status: ConversationStatus = 'open', id = 'c1'): Conversation => ({
  id,
  number: 7,
  subject: 'Order',
  status,
  priority: 'normal',
  channel: 'web',
  metadata: {},
  requester: { email: JANE, firstName: null, lastName: null },
  createdAt: '2026-11-22T10:00:00Z',
  updatedAt: '2026-11-22T10:05:00Z',
});
const pointer = (fields: Partial<StoredConversation> = {}): StoredConversation => ({
  id: 'c1',
  emails: [JANE],
  firstMessage: null,
  lastReadAt: null,
  ...fields,
});
const team = (id: string, at: string): Message => ({ id, senderEmail: 'sam@helpdesk.example', body: `Team ${id}`, type: 'reply', createdAt: at });
const mine = (id: string, at: string): Message => ({ id, senderEmail: JANE, body: `Jane ${id}`, type: 'reply', createdAt: at });
const pending = (kind: Pending['kind']): Pending => ({ kind, token: 1 });
const queued = (id: string, body: string): OutboxEntry => newEntry({ id, conversationId: 'c1', body, userEmail: JANE, createdAt: '2026-11-22T10:09:00Z' });
const summary = (id: string, status: ConversationStatus): ConversationSummary => ({ id, subject: `About ${id}`, status, updatedAt: '2026-11-20T09:00:00Z' });

function input(sources: Partial<Sources>, rest: Partial<Omit<DeriveInput, 'sources'>> = {}): DeriveInput {
  return { sources: { ...initialSources(), ...sources }, pointer: null, serverMessages: [], outbox: [], ...rest };
}
const view = (sources: Partial<Sources>, rest: Partial<Omit<DeriveInput, 'sources'>> = {}, previous: SessionState = initialState()) =>
  derive(input(sources, rest), previous);

describe('derive(): the phase, from the conversation and the operation under way', () => {
  it.each<[string, Conversation | null, Pending | null, SessionState['phase']]>([
    ['no conversation, nothing under way', null, null, 'form'],
    ['a create under way', null, pending('creating'), 'creating'],
    ['a stored conversation being fetched', null, pending('resuming'), 'resuming'],
    ['an open conversation', conversation('open'), null, 'active'],
    ['a pending one (waiting on the customer, for the team)', conversation('pending'), null, 'active'],
    ['a resolved one', conversation('resolved'), null, 'ended'],
    ['a closed one', conversation('closed'), null, 'ended'],
    ['another being resumed from an open one: the operation shows', conversation('open'), pending('resuming'), 'resuming'],
    ['another being resumed from an ended one', conversation('resolved'), pending('resuming'), 'resuming'],
  ])('%s: %s', (_, shown, operation, phase) => {
    expect(phaseOf(shown, operation)).toBe(phase);
    expect(view({ conversation: shown, pending: operation }, { pointer: shown && pointer() }).phase).toBe(phase);
  });
});

describe('derive(): what follows from the conversation pointer', () => {
  it.each<[string, Partial<Sources>, StoredConversation | null, { needsEmail: boolean; unreadCount: number }]>([
    ['on the form', {}, null, { needsEmail: false, unreadCount: 0 }],
    ['the customer has an email', { conversation: conversation() }, pointer(), { needsEmail: false, unreadCount: 2 }],
    // Without an email, nothing tells the customer's own messages from the team's.
    ['an anonymous requester without one', { conversation: conversation() }, pointer({ emails: [] }), { needsEmail: true, unreadCount: 3 }],
    [
      'read up to the first team reply',
      { conversation: conversation() },
      pointer({ lastReadAt: '2026-11-22T10:01:00Z' }),
      { needsEmail: false, unreadCount: 1 },
    ],
    ['read up to the last', { conversation: conversation() }, pointer({ lastReadAt: '2026-11-22T10:03:00Z' }), { needsEmail: false, unreadCount: 0 }],
    // A moment while another conversation is entered: nothing of the pointer's is shown.
    ['a pointer to another conversation', { conversation: conversation() }, pointer({ id: 'c2', emails: [] }), { needsEmail: false, unreadCount: 0 }],
    ['a pointer, but no conversation yet (being restored)', { pending: pending('resuming') }, pointer({ emails: [] }), { needsEmail: false, unreadCount: 0 }],
  ])('%s', (_, sources, held, expected) => {
    const serverMessages = [mine('m1', '2026-11-22T10:00:30Z'), team('t1', '2026-11-22T10:01:00Z'), team('t2', '2026-11-22T10:02:00Z')];
    expect(view(sources, { pointer: held, serverMessages })).toMatchObject(expected);
  });

  it('takes an anonymous requester’s description, listed without a sender, for theirs: shown once, not unread', () => {
    const anonymous = { ...conversation(), requester: { email: null, firstName: null, lastName: null } };
    const derived = view(
      { conversation: anonymous },
      {
        pointer: pointer({ emails: [], firstMessage: { body: 'Where is my order?', createdAt: '2026-11-22T10:00:00Z' } }),
        serverMessages: [{ ...team('d1', '2026-11-22T10:00:00Z'), senderEmail: null, body: 'Where is my order?' }, team('t1', '2026-11-22T10:01:00Z')],
      },
    );
    expect(derived.messages.map((item) => [item.author, item.body])).toEqual([
      ['customer', 'Where is my order?'],
      ['team', 'Team t1'],
    ]);
    expect(derived).toMatchObject({ needsEmail: true, unreadCount: 1 });
  });

  it('shows the server’s list, the first message once and the outbox’s replies, as conversation-view.ts says', () => {
    const derived = view(
      { conversation: conversation() },
      {
        pointer: pointer({ firstMessage: { body: 'Where is my order?', createdAt: '2026-11-22T10:00:00Z' } }),
        serverMessages: [team('t1', '2026-11-22T10:01:00Z')],
        outbox: [queued('local-1', 'Order 1234')],
      },
    );
    expect(derived.messages.map((item) => [item.author, item.body, item.delivery])).toEqual([
      ['customer', 'Where is my order?', 'sent'],
      ['team', 'Team t1', 'sent'],
      ['customer', 'Order 1234', 'sending'],
    ]);
  });
});

describe('derive(): "Your conversations" says what the panel says', () => {
  const history = (items: ConversationSummary[]): SessionState['history'] => ({ status: 'ready', items });

  it.each<[string, Conversation | null, ConversationSummary[], Array<[string, ConversationStatus]>]>([
    [
      'the one on screen, resolved since the list came',
      conversation('resolved'),
      [summary('c1', 'open'), summary('c2', 'open')],
      [
        ['c1', 'resolved'],
        ['c2', 'open'],
      ],
    ],
    ['nothing on screen', null, [summary('c1', 'open')], [['c1', 'open']]],
    ['one on screen that is not in the list', conversation('closed', 'c9'), [summary('c1', 'open')], [['c1', 'open']]],
    // Restored while the helpdesk was unreachable: known by its id only, its status is a default.
    ['one known by its id only', toConversation({ id: 'c1' }), [summary('c1', 'resolved')], [['c1', 'resolved']]],
  ])('%s', (_, shown, items, expected) => {
    const derived = view({ conversation: shown, history: history(items) }, { pointer: shown && pointer({ id: shown.id }) });
    expect(derived.history.items.map((item) => [item.id, item.status])).toEqual(expected);
  });

  it('takes the time of the record on screen too', () => {
    const derived = view({ conversation: conversation('resolved'), history: history([summary('c1', 'open')]) }, { pointer: pointer() });
    expect(derived.history.items[0]?.updatedAt).toBe('2026-11-22T10:05:00Z');
  });
});

describe('derive(): what did not change keeps its object', () => {
  it('the same sources twice give the same messages and history, and a new team reply only adds its item', () => {
    const sources = { conversation: conversation('resolved'), history: { status: 'ready' as const, items: [summary('c1', 'open')] } };
    const rest = { pointer: pointer(), serverMessages: [team('t1', '2026-11-22T10:01:00Z')] };
    const first = view(sources, rest);
    const second = view(sources, rest, first);
    expect(second.messages).toBe(first.messages);
    expect(second.history).toBe(first.history);
    const third = view(sources, { ...rest, serverMessages: [...rest.serverMessages, team('t2', '2026-11-22T10:02:00Z')] }, second);
    expect(third.messages).not.toBe(second.messages);
    expect(third.messages[0]).toBe(second.messages[0]);
  });

  it('an empty log stays the same empty array', () => {
    const first = view({});
    expect(view({}, {}, first).messages).toBe(first.messages);
  });
});

describe('readMarker(): what the customer has read once the log is on screen', () => {
  const log = (messages: Message[]) => view({ conversation: conversation() }, { pointer: pointer(), serverMessages: messages }).messages;

  it.each<[string, Message[], string | null, string | null]>([
    ['nothing read yet: the newest team reply', [team('t1', '2026-11-22T10:01:00Z'), team('t2', '2026-11-22T10:02:00Z')], null, '2026-11-22T10:02:00Z'],
    [
      'an older marker moves to the newest',
      [team('t1', '2026-11-22T10:01:00Z'), team('t2', '2026-11-22T10:02:00Z')],
      '2026-11-22T10:01:00Z',
      '2026-11-22T10:02:00Z',
    ],
    ['all read already: no write', [team('t1', '2026-11-22T10:01:00Z')], '2026-11-22T10:01:00Z', null],
    ['a marker from another tab that saw more: never back', [team('t1', '2026-11-22T10:01:00Z')], '2026-11-22T10:04:00Z', null],
    ['the customer’s own messages are not read by them', [mine('m1', '2026-11-22T10:03:00Z')], null, null],
    ['an empty log', [], null, null],
  ])('%s', (_, messages, lastReadAt, expected) => {
    expect(readMarker(log(messages), lastReadAt)).toBe(expected);
  });
});
