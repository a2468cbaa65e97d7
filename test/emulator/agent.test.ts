import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestEmulator } from '../helpers/emulator';
import { startTestEmulator } from '../helpers/emulator';
import { call, createConversation, ISO_WITH_MS } from './request';

let helpdesk: TestEmulator;
beforeEach(async () => {
  helpdesk = await startTestEmulator({ agentEmail: 'support@shop.example' });
});
afterEach(() => helpdesk.cleanup());

describe('agent side', () => {
  it('replies as the configured agent by default and bumps updated_at', async () => {
    const conversation = await createConversation(helpdesk);
    const reply = helpdesk.agentReply(conversation.id, 'Hello from support');
    expect(reply).toMatchObject({ sender_email: 'support@shop.example', body: 'Hello from support', message_type: 'reply' });
    expect(reply.created_at).toMatch(ISO_WITH_MS);
    expect(helpdesk.listConversations()[0]?.updated_at).toBe(reply.created_at);
  });

  it('replies with another email and type', async () => {
    const conversation = await createConversation(helpdesk);
    const note = helpdesk.agentReply(conversation.id, 'internal', { email: 'boss@shop.example', type: 'note' });
    expect(note).toMatchObject({ sender_email: 'boss@shop.example', message_type: 'note' });
  });

  it('lists conversations newest first', async () => {
    const first = await createConversation(helpdesk);
    const second = await createConversation(helpdesk);
    expect(helpdesk.listConversations().map((conversation) => conversation.id)).toEqual([second.id, first.id]);
  });

  it('sets any status', async () => {
    const conversation = await createConversation(helpdesk);
    for (const status of ['pending', 'resolved', 'closed', 'open'] as const) {
      helpdesk.setStatus(conversation.id, status);
      expect(helpdesk.listConversations()[0]?.status).toBe(status);
    }
  });

  it('throws on an unknown conversation id', () => {
    expect(() => helpdesk.agentReply('nope', 'x')).toThrow(/not found/);
    expect(() => helpdesk.setStatus('nope', 'closed')).toThrow(/not found/);
    expect(() => helpdesk.deleteConversation('nope')).toThrow(/not found/);
    expect(() => helpdesk.listMessages('nope')).toThrow(/not found/);
  });

  it('hands out copies, so a test cannot change the data by accident', async () => {
    const conversation = await createConversation(helpdesk);
    const listed = helpdesk.listConversations()[0];
    if (listed) listed.subject = 'changed';
    expect(helpdesk.listConversations()[0]?.subject).toBe(conversation.subject);
  });
});

describe('request log', () => {
  it('records every request in order with its query, headers, body, origin and status', async () => {
    await call(helpdesk, '/api/v1/conversations/?limit=5', { origin: 'https://a.example' });
    await call(helpdesk, '/api/v1/conversations/create/', { json: { subject: 'Hi' } });
    await call(helpdesk, '/nope', { key: null });
    expect(helpdesk.requests).toEqual([
      expect.objectContaining({
        method: 'GET',
        path: '/api/v1/conversations/',
        query: { limit: '5' },
        origin: 'https://a.example',
        status: 200,
        body: undefined,
      }),
      expect.objectContaining({ method: 'POST', body: { subject: 'Hi' }, origin: null, status: 201 }),
      expect.objectContaining({ path: '/nope', status: 404 }),
    ]);
    expect(helpdesk.requests[0]?.headers.authorization).toBe(`Bearer ${helpdesk.keys.client}`);
    expect(helpdesk.requests[0]?.at).toBeGreaterThan(Date.now() - 10_000);
  });

  it('clears the log in place', async () => {
    const log = helpdesk.requests;
    await call(helpdesk, '/api/v1/conversations/');
    helpdesk.clearRequests();
    expect(log).toEqual([]);
    await call(helpdesk, '/api/v1/conversations/');
    expect(log).toHaveLength(1);
  });
});
