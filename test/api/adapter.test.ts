import { describe, expect, it } from 'vitest';
import {
  isVisibleMessage,
  parseConversation,
  parseMessage,
  toConversation,
  toConversationPage,
  toCreateConversationBody,
  toListConversationsQuery,
  toMessage,
  toMessageList,
  toSendMessageBody,
} from '../../widget/api/adapter';
import { ApiError } from '../../widget/api/errors';

// The documented examples, verbatim from the contract.
const wireConversation = {
  id: 'a1b2c3d4',
  number: 42,
  subject: 'Help with order #1234',
  status: 'open',
  priority: 'normal',
  channel: 'web',
  metadata: {},
  requester: { email: 'customer@example.com', first_name: 'Jane', last_name: 'Doe' },
  created_at: '2026-02-26T10:00:00Z',
  updated_at: '2026-02-26T10:00:00Z',
};
const wireMessage = {
  id: 'm1-uuid',
  sender_email: 'customer@example.com',
  body: 'I need help with my order',
  message_type: 'reply',
  created_at: '2026-02-26T10:00:00Z',
};

function expectInvalidResponse(run: () => unknown) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).kind).toBe('invalid-response');
    return;
  }
  throw new Error('expected an invalid-response ApiError');
}

describe('conversation adapter', () => {
  it('turns the documented conversation into the domain shape', () => {
    expect(toConversation(wireConversation)).toEqual({
      id: 'a1b2c3d4',
      number: 42,
      subject: 'Help with order #1234',
      status: 'open',
      priority: 'normal',
      channel: 'web',
      metadata: {},
      requester: { email: 'customer@example.com', firstName: 'Jane', lastName: 'Doe' },
      createdAt: '2026-02-26T10:00:00Z',
      updatedAt: '2026-02-26T10:00:00Z',
    });
  });

  it('drops fields it does not know', () => {
    const conversation = toConversation({ ...wireConversation, assignee: { id: 7 }, sla_breach: true });
    expect(conversation).not.toHaveProperty('assignee');
    expect(conversation).not.toHaveProperty('sla_breach');
  });

  it('fills missing optional fields with absent values instead of crashing', () => {
    expect(toConversation({ id: 'c1' })).toEqual({
      id: 'c1',
      number: null,
      subject: '',
      status: 'open',
      priority: 'normal',
      channel: null,
      metadata: {},
      requester: { email: null, firstName: null, lastName: null },
      createdAt: '',
      updatedAt: '',
    });
  });

  it('keeps an unknown status, priority or channel from leaking into the domain', () => {
    const conversation = toConversation({ ...wireConversation, status: 'snoozed', priority: 'p1', channel: 'fax' });
    expect(conversation?.status).toBe('open');
    expect(conversation?.priority).toBe('normal');
    expect(conversation?.channel).toBeNull();
  });

  it('keeps every documented status', () => {
    for (const status of ['open', 'pending', 'resolved', 'closed']) {
      expect(toConversation({ ...wireConversation, status })?.status).toBe(status);
    }
  });

  it('treats an anonymous requester without an email as having none', () => {
    for (const requester of [{ email: null }, { email: '' }, {}, null, 'anonymous']) {
      expect(toConversation({ ...wireConversation, requester })?.requester.email).toBeNull();
    }
  });

  it('ignores wrongly typed fields rather than passing them on', () => {
    const conversation = toConversation({
      ...wireConversation,
      number: '42',
      subject: 17,
      metadata: ['not', 'an', 'object'],
      updated_at: null,
    });
    expect(conversation).toMatchObject({ number: null, subject: '', metadata: {}, updatedAt: wireConversation.created_at });
  });

  it('has no conversation without a usable id', () => {
    for (const id of [undefined, null, '', '  ', {}, Number.NaN]) {
      expect(toConversation({ ...wireConversation, id })).toBeNull();
    }
    expect(toConversation('a1b2c3d4')).toBeNull();
    expect(toConversation({ ...wireConversation, id: 42 })?.id).toBe('42');
  });

  it('refuses a single-conversation answer that cannot be used', () => {
    expect(parseConversation(wireConversation).id).toBe('a1b2c3d4');
    expectInvalidResponse(() => parseConversation({ detail: 'ok' }));
    expectInvalidResponse(() => parseConversation('<html>login</html>'));
    expectInvalidResponse(() => parseConversation(undefined));
  });
});

describe('conversation pages', () => {
  const second = { ...wireConversation, id: 'b2' };

  it('reads the {count, results} envelope', () => {
    const page = toConversationPage({ count: 30, results: [wireConversation, second] });
    expect(page.count).toBe(30);
    expect(page.items.map((c) => c.id)).toEqual(['a1b2c3d4', 'b2']);
  });

  it('reads the paginated {count, next, previous, results} envelope', () => {
    const page = toConversationPage({
      count: 2,
      next: null,
      previous: 'https://help.example.com/api/v1/conversations/?limit=2',
      results: [wireConversation, second],
    });
    expect(page).toMatchObject({ count: 2, items: [{ id: 'a1b2c3d4' }, { id: 'b2' }] });
  });

  it('reads a bare array, counting its items', () => {
    expect(toConversationPage([wireConversation, second])).toMatchObject({ count: 2, items: [{ id: 'a1b2c3d4' }, { id: 'b2' }] });
  });

  it('counts the items when the count is missing or nonsense', () => {
    expect(toConversationPage({ results: [wireConversation] }).count).toBe(1);
    expect(toConversationPage({ count: -3, results: [wireConversation] }).count).toBe(1);
    expect(toConversationPage({ count: '9', results: [] }).count).toBe(0);
  });

  it('drops items without a usable id and keeps the rest', () => {
    const page = toConversationPage({ count: 4, results: [null, { subject: 'no id' }, 'text', second] });
    expect(page.items.map((c) => c.id)).toEqual(['b2']);
  });

  it('refuses a list answer without results', () => {
    for (const raw of [{ count: 1 }, { results: 'x' }, null, 'oops', 5, undefined]) {
      expectInvalidResponse(() => toConversationPage(raw));
    }
  });
});

describe('message adapter', () => {
  it('turns the documented message into the domain shape', () => {
    expect(toMessage(wireMessage)).toEqual({
      id: 'm1-uuid',
      senderEmail: 'customer@example.com',
      body: 'I need help with my order',
      type: 'reply',
      createdAt: '2026-02-26T10:00:00Z',
    });
  });

  it('treats a missing type as a reply, so it is shown', () => {
    const { message_type: _omitted, ...withoutType } = wireMessage;
    const message = toMessage(withoutType);
    expect(message?.type).toBe('reply');
    expect(isVisibleMessage(message!)).toBe(true);
    expect(toMessage({ ...wireMessage, message_type: null })?.type).toBe('reply');
  });

  it('never shows internal notes, events or types it does not know', () => {
    for (const message_type of ['note', 'internal_note', 'event', 'status_change', 'Reply', 7, { kind: 'reply' }]) {
      const message = toMessage({ ...wireMessage, message_type });
      expect(message).not.toBeNull();
      expect(isVisibleMessage(message!)).toBe(false);
    }
  });

  it('reads a body that is not a string as empty and a missing sender as unknown', () => {
    expect(toMessage({ id: 'm2', body: { html: '<b>x</b>' } })).toEqual({
      id: 'm2',
      senderEmail: null,
      body: '',
      type: 'reply',
      createdAt: '',
    });
  });

  it('lists messages from {count, results} or a bare array, in the server order, hidden ones included', () => {
    const note = { ...wireMessage, id: 'm2', message_type: 'note' };
    const later = { ...wireMessage, id: 'm3' };
    expect(toMessageList({ count: 3, results: [wireMessage, note, later] }).map((m) => m.id)).toEqual(['m1-uuid', 'm2', 'm3']);
    expect(toMessageList([wireMessage, later]).map((m) => m.id)).toEqual(['m1-uuid', 'm3']);
  });

  it('drops messages without a usable id', () => {
    expect(toMessageList({ count: 3, results: [{ body: 'ghost' }, 42, wireMessage] }).map((m) => m.id)).toEqual(['m1-uuid']);
  });

  it('refuses a messages answer without results, and a sent-message answer without an id', () => {
    expectInvalidResponse(() => toMessageList({ count: 0 }));
    expectInvalidResponse(() => parseMessage({ status: 'queued' }));
    expect(parseMessage(wireMessage).id).toBe('m1-uuid');
  });
});

describe('request bodies', () => {
  it('writes a new conversation in snake_case, leaving out what was not given', () => {
    expect(toCreateConversationBody({ subject: 'Help', userEmail: 'jane@example.com', metadata: { plan: 'pro' } })).toEqual({
      subject: 'Help',
      user_email: 'jane@example.com',
      metadata: { plan: 'pro' },
    });
    expect(
      toCreateConversationBody({
        subject: 'Help',
        description: 'My order is late',
        userEmail: 'jane@example.com',
        userFirstName: 'Jane',
        userLastName: 'Doe',
        priority: 'high',
        channel: 'web',
      }),
    ).toEqual({
      subject: 'Help',
      description: 'My order is late',
      user_email: 'jane@example.com',
      user_first_name: 'Jane',
      user_last_name: 'Doe',
      priority: 'high',
      channel: 'web',
    });
  });

  it('writes a reply with its sender', () => {
    expect(toSendMessageBody({ body: 'Thanks!', userEmail: 'jane@example.com' })).toEqual({
      body: 'Thanks!',
      user_email: 'jane@example.com',
    });
  });

  it('maps the list query to the API names, leaving out what was not given', () => {
    expect(toListConversationsQuery({ userEmail: 'jane@example.com', status: 'open', limit: 5, offset: 10 })).toEqual({
      user_email: 'jane@example.com',
      status: 'open',
      limit: 5,
      offset: 10,
    });
    expect(toListConversationsQuery({ offset: 0 })).toEqual({ offset: 0 });
    expect(toListConversationsQuery()).toEqual({});
  });
});
