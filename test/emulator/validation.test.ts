import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireConversation } from '../../demo/emulator/index';
import type { TestEmulator } from '../helpers/emulator';
import { startTestEmulator } from '../helpers/emulator';
import { callJson, createConversation, sendMessage } from './request';

let helpdesk: TestEmulator;
let conversation: WireConversation;
beforeAll(async () => {
  helpdesk = await startTestEmulator();
  conversation = await createConversation(helpdesk, { user_email: 'jane@example.com' });
});
afterAll(() => helpdesk.cleanup());

const create = (json: unknown) => callJson(helpdesk, '/api/v1/conversations/create/', { json });

describe('create validation', () => {
  it.each([
    ['a missing subject', {}, { subject: ['This field is required.'] }],
    ['a blank subject', { subject: '   ' }, { subject: ['This field may not be blank.'] }],
    ['a subject that is not a string', { subject: 42 }, { subject: ['Not a valid string.'] }],
    ['a null subject', { subject: null }, { subject: ['This field may not be null.'] }],
    ['a subject over 500 characters', { subject: 'x'.repeat(501) }, { subject: ['Ensure this field has no more than 500 characters.'] }],
    ['an invalid user_email', { subject: 's', user_email: 'not-an-email' }, { user_email: ['Enter a valid email address.'] }],
    ['a user_email that is not a string', { subject: 's', user_email: 7 }, { user_email: ['Not a valid string.'] }],
    ['a first name that is not a string', { subject: 's', user_first_name: ['J'] }, { user_first_name: ['Not a valid string.'] }],
    ['a last name that is not a string', { subject: 's', user_last_name: false }, { user_last_name: ['Not a valid string.'] }],
    ['an unknown priority', { subject: 's', priority: 'critical' }, { priority: ['"critical" is not a valid choice.'] }],
    ['an unknown channel', { subject: 's', channel: 'sms' }, { channel: ['"sms" is not a valid choice.'] }],
    ['metadata that is a list', { subject: 's', metadata: [1] }, { metadata: ['Expected a dictionary of items but got type "list".'] }],
    ['metadata that is a string', { subject: 's', metadata: 'x' }, { metadata: ['Expected a dictionary of items but got type "str".'] }],
    ['a description that is not a string', { subject: 's', description: 5 }, { description: ['Not a valid string.'] }],
  ])('refuses %s with a field error', async (_name, json, errors) => {
    const { status, body } = await create(json);
    expect(status).toBe(400);
    expect(body).toEqual(errors);
  });

  it('reports every failing field at once', async () => {
    const { status, body } = await create({ user_email: 'x', priority: 'p', channel: 'c', metadata: 1 });
    expect(status).toBe(400);
    expect(Object.keys(body ?? {}).sort()).toEqual(['channel', 'metadata', 'priority', 'subject', 'user_email']);
  });

  it('accepts a subject of exactly 500 characters and every documented priority and channel', async () => {
    for (const [priority, channel] of [
      ['low', 'web'],
      ['normal', 'email'],
      ['high', 'api'],
      ['urgent', 'callback'],
    ]) {
      const { status } = await create({ subject: 'x'.repeat(500), priority, channel });
      expect(status).toBe(201);
    }
  });

  it('refuses a JSON body that is not an object', async () => {
    const { status, body } = await create(['subject']);
    expect(status).toBe(400);
    expect(body).toEqual({ non_field_errors: ['Invalid data. Expected a dictionary, but got list.'] });
  });
});

describe('messages/create validation', () => {
  it.each([
    ['a missing body and user_email', {}, { body: ['This field is required.'], user_email: ['This field is required.'] }],
    ['a blank body', { body: ' \n ', user_email: 'jane@example.com' }, { body: ['This field may not be blank.'] }],
    ['a body that is not a string', { body: 1, user_email: 'jane@example.com' }, { body: ['Not a valid string.'] }],
    ['an invalid user_email', { body: 'hi', user_email: 'jane' }, { user_email: ['Enter a valid email address.'] }],
  ])('refuses %s with a field error', async (_name, json, errors) => {
    const { status, body } = await sendMessage(helpdesk, conversation.id, json);
    expect(status).toBe(400);
    expect(body).toEqual(errors);
  });

  it('ignores message_type from a client key, so a page cannot post an internal note', async () => {
    const { status, body } = await sendMessage(helpdesk, conversation.id, {
      body: 'sneaky',
      user_email: 'jane@example.com',
      message_type: 'note',
    });
    expect(status).toBe(201);
    expect(body.message_type).toBe('reply');
  });

  it('lets a server key post an internal note', async () => {
    const { status, body } = await sendMessage(
      helpdesk,
      conversation.id,
      { body: 'customer is a VIP', user_email: 'agent@parley.test', message_type: 'note' },
      { key: helpdesk.keys.server },
    );
    expect(status).toBe(201);
    expect(body.message_type).toBe('note');
  });

  it('refuses an unknown message_type from a server key', async () => {
    const { status, body } = await sendMessage(
      helpdesk,
      conversation.id,
      { body: 'x', user_email: 'agent@parley.test', message_type: 'event' },
      { key: helpdesk.keys.server },
    );
    expect(status).toBe(400);
    expect(body).toEqual({ message_type: ['"event" is not a valid choice.'] });
  });
});

describe('list query validation', () => {
  it.each([
    ['limit=abc', { limit: ['A valid integer is required.'] }],
    ['limit=0', { limit: ['Ensure this value is greater than or equal to 1.'] }],
    ['limit=1.5', { limit: ['A valid integer is required.'] }],
    ['offset=-1', { offset: ['Ensure this value is greater than or equal to 0.'] }],
    ['offset=x&limit=y', { offset: ['A valid integer is required.'], limit: ['A valid integer is required.'] }],
  ])('refuses %s with a field error', async (query, errors) => {
    const { status, body } = await callJson(helpdesk, `/api/v1/conversations/?${query}`);
    expect(status).toBe(400);
    expect(body).toEqual(errors);
  });

  it('treats empty parameters as absent', async () => {
    const { status } = await callJson(helpdesk, '/api/v1/conversations/?status=&limit=&offset=&user_email=');
    expect(status).toBe(200);
  });
});
