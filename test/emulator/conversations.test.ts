import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WireConversation } from '../../demo/emulator/index';
import type { TestEmulator } from '../helpers/emulator';
import { startTestEmulator } from '../helpers/emulator';
import { callJson, createConversation, ISO_WITH_MS, UUID } from './request';

let helpdesk: TestEmulator;
beforeEach(async () => {
  helpdesk = await startTestEmulator();
});
afterEach(() => helpdesk.cleanup());

describe('POST /api/v1/conversations/create/', () => {
  it('answers 201 with the documented conversation shape', async () => {
    const { status, body } = await callJson<WireConversation>(helpdesk, '/api/v1/conversations/create/', {
      json: {
        subject: 'Help with order #1234',
        user_email: 'customer@example.com',
        user_first_name: 'Jane',
        user_last_name: 'Doe',
        priority: 'high',
        channel: 'web',
        metadata: { phone: '+1 555 0100' },
      },
    });
    expect(status).toBe(201);
    expect(body).toEqual({
      id: expect.stringMatching(UUID),
      number: 1,
      subject: 'Help with order #1234',
      status: 'open',
      priority: 'high',
      channel: 'web',
      metadata: { phone: '+1 555 0100' },
      requester: { email: 'customer@example.com', first_name: 'Jane', last_name: 'Doe' },
      created_at: expect.stringMatching(ISO_WITH_MS),
      updated_at: body.created_at,
    });
  });

  it('numbers conversations from 1 upwards with distinct ids', async () => {
    const first = await createConversation(helpdesk);
    const second = await createConversation(helpdesk);
    expect([first.number, second.number]).toEqual([1, 2]);
    expect(first.id).not.toBe(second.id);
  });

  it('defaults priority to normal, channel to api and metadata to {}', async () => {
    const conversation = await createConversation(helpdesk, { user_email: 'a@example.com' });
    expect(conversation).toMatchObject({ priority: 'normal', channel: 'api', metadata: {} });
  });

  it('looks the requester up by email and keeps the names it was created with', async () => {
    await createConversation(helpdesk, { user_email: 'jane@example.com', user_first_name: 'Jane', user_last_name: 'Doe' });
    const again = await createConversation(helpdesk, {
      user_email: 'JANE@example.com',
      user_first_name: 'Someone',
      user_last_name: 'Else',
    });
    expect(again.requester).toEqual({ email: 'jane@example.com', first_name: 'Jane', last_name: 'Doe' });
  });

  it('gives an anonymous requester a generated email by default', async () => {
    const conversation = await createConversation(helpdesk, { user_first_name: 'Anon' });
    expect(conversation.requester.email).toMatch(/^anon-[0-9a-f]{8}@anonymous\.invalid$/);
    expect(conversation.requester.first_name).toBe('Anon');
  });

  it('gives each anonymous requester its own email', async () => {
    const first = await createConversation(helpdesk);
    const second = await createConversation(helpdesk);
    expect(first.requester.email).not.toBe(second.requester.email);
  });

  it('leaves an anonymous requester without email when anonymousEmail is none', async () => {
    helpdesk.switches.anonymousEmail = 'none';
    const conversation = await createConversation(helpdesk);
    expect(conversation.requester).toEqual({ email: null, first_name: '', last_name: '' });
  });

  it('accepts a server key too', async () => {
    const conversation = await createConversation(helpdesk, {}, { key: helpdesk.keys.server });
    expect(conversation.status).toBe('open');
  });
});

describe('GET /api/v1/conversations/{id}/', () => {
  it('answers the conversation', async () => {
    const created = await createConversation(helpdesk, { user_email: 'a@example.com' });
    const { status, body } = await callJson(helpdesk, `/api/v1/conversations/${created.id}/`);
    expect(status).toBe(200);
    expect(body).toEqual(created);
  });

  it('answers 404 for an unknown id', async () => {
    const { status, body } = await callJson(helpdesk, '/api/v1/conversations/9b2f0c1e-0000-4000-8000-000000000000/');
    expect(status).toBe(404);
    expect(body).toEqual({ detail: 'Not found.' });
  });

  it('answers 404 for a deleted conversation, as a stale stored pointer would get', async () => {
    const created = await createConversation(helpdesk);
    helpdesk.deleteConversation(created.id);
    expect((await callJson(helpdesk, `/api/v1/conversations/${created.id}/`)).status).toBe(404);
    expect((await callJson(helpdesk, `/api/v1/conversations/${created.id}/messages/`)).status).toBe(404);
  });
});

describe('GET /api/v1/conversations/', () => {
  it('lists newest first', async () => {
    const first = await createConversation(helpdesk, { subject: 'first' });
    const second = await createConversation(helpdesk, { subject: 'second' });
    const { body } = await callJson<{ results: WireConversation[] }>(helpdesk, '/api/v1/conversations/');
    expect(body.results.map((conversation) => conversation.id)).toEqual([second.id, first.id]);
  });

  it('filters by requester email', async () => {
    const jane = await createConversation(helpdesk, { user_email: 'jane@example.com' });
    await createConversation(helpdesk, { user_email: 'john@example.com' });
    const { body } = await callJson<{ count: number; results: WireConversation[] }>(helpdesk, '/api/v1/conversations/?user_email=jane%40example.com');
    expect(body.count).toBe(1);
    expect(body.results.map((conversation) => conversation.id)).toEqual([jane.id]);
  });

  it('filters by status', async () => {
    const open = await createConversation(helpdesk);
    const closed = await createConversation(helpdesk);
    helpdesk.setStatus(closed.id, 'closed');
    const openList = await callJson<{ results: WireConversation[] }>(helpdesk, '/api/v1/conversations/?status=open');
    const closedList = await callJson<{ results: WireConversation[] }>(helpdesk, '/api/v1/conversations/?status=closed');
    expect(openList.body.results.map((conversation) => conversation.id)).toEqual([open.id]);
    expect(closedList.body.results.map((conversation) => conversation.id)).toEqual([closed.id]);
  });

  it('refuses an unknown status filter with a field error', async () => {
    const { status, body } = await callJson(helpdesk, '/api/v1/conversations/?status=archived');
    expect(status).toBe(400);
    expect(body).toEqual({ status: ['"archived" is not a valid choice.'] });
  });
});

describe('POST /api/v1/conversations/{id}/resolve/', () => {
  it('closes the conversation for a server key and answers it', async () => {
    const created = await createConversation(helpdesk);
    const { status, body } = await callJson<WireConversation>(helpdesk, `/api/v1/conversations/${created.id}/resolve/`, {
      method: 'POST',
      key: helpdesk.keys.server,
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: created.id, status: 'closed' });
    expect(body.updated_at > created.updated_at).toBe(true);
    expect(helpdesk.listConversations()[0]?.status).toBe('closed');
  });

  it('refuses a client key on resolve', async () => {
    const created = await createConversation(helpdesk);
    const { status, body } = await callJson<{ detail: string }>(helpdesk, `/api/v1/conversations/${created.id}/resolve/`, {
      method: 'POST',
    });
    expect(status).toBe(403);
    expect(body.detail).toMatch(/server key/);
    expect(helpdesk.listConversations()[0]?.status).toBe('open');
  });

  it('answers 404 for an unknown id', async () => {
    const { status } = await callJson(helpdesk, '/api/v1/conversations/nope/resolve/', { method: 'POST', key: helpdesk.keys.server });
    expect(status).toBe(404);
  });
});
