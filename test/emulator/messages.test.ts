import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WireConversation, WireMessage } from '../../demo/emulator/index';
import type { TestEmulator } from '../helpers/emulator';
import { startTestEmulator } from '../helpers/emulator';
import { call, callJson, createConversation, ISO_WITH_MS, messagesPath, sendMessage, UUID } from './request';

let helpdesk: TestEmulator;
beforeEach(async () => {
  helpdesk = await startTestEmulator();
});
afterEach(() => helpdesk.cleanup());

type MessageList = { count: number; results: WireMessage[] };
const listMessages = (id: string, headers: Record<string, string> = {}) => callJson<MessageList>(helpdesk, messagesPath(id), { headers });

describe('GET /api/v1/conversations/{id}/messages/', () => {
  it('lists every message oldest first, internal notes included, each with its type', async () => {
    const conversation = await createConversation(helpdesk, { user_email: 'jane@example.com', description: 'My order is late' });
    await sendMessage(helpdesk, conversation.id, { body: 'Any news?', user_email: 'jane@example.com' });
    helpdesk.agentReply(conversation.id, 'Checking with the warehouse', { type: 'note' });
    helpdesk.agentReply(conversation.id, 'It ships today');
    const { status, body } = await listMessages(conversation.id);
    expect(status).toBe(200);
    expect(body.count).toBe(4);
    expect(body.results.map((message) => [message.body, message.message_type, message.sender_email])).toEqual([
      ['My order is late', 'reply', 'jane@example.com'],
      ['Any news?', 'reply', 'jane@example.com'],
      ['Checking with the warehouse', 'note', 'agent@parley.test'],
      ['It ships today', 'reply', 'agent@parley.test'],
    ]);
  });

  it('answers 404 for an unknown conversation', async () => {
    expect((await listMessages('unknown')).status).toBe(404);
  });
});

describe('description as the first message', () => {
  it('lists the description as a message from the requester by default', async () => {
    const conversation = await createConversation(helpdesk, { user_email: 'jane@example.com', description: 'Hello' });
    const { body } = await listMessages(conversation.id);
    expect(body.results).toEqual([
      { id: expect.stringMatching(UUID), sender_email: 'jane@example.com', body: 'Hello', message_type: 'reply', created_at: conversation.created_at },
    ]);
  });

  it('does not list the description when descriptionAsMessage is off', async () => {
    helpdesk.switches.descriptionAsMessage = false;
    const conversation = await createConversation(helpdesk, { user_email: 'jane@example.com', description: 'Hello' });
    expect((await listMessages(conversation.id)).body).toEqual({ count: 0, results: [] });
  });

  it('lists no message for a create without a description', async () => {
    const conversation = await createConversation(helpdesk);
    expect((await listMessages(conversation.id)).body.count).toBe(0);
  });

  it('sends the anonymous description with a null sender when anonymousEmail is none', async () => {
    helpdesk.switches.anonymousEmail = 'none';
    const conversation = await createConversation(helpdesk, { description: 'Hello' });
    expect((await listMessages(conversation.id)).body.results[0]?.sender_email).toBeNull();
  });
});

describe('POST /api/v1/conversations/{id}/messages/create/', () => {
  it('answers 201 with the message object and bumps the conversation updated_at', async () => {
    const conversation = await createConversation(helpdesk, { user_email: 'jane@example.com' });
    const { status, body } = await sendMessage(helpdesk, conversation.id, { body: 'Hi there', user_email: 'jane@example.com' });
    expect(status).toBe(201);
    expect(body).toEqual({
      id: expect.stringMatching(UUID),
      sender_email: 'jane@example.com',
      body: 'Hi there',
      message_type: 'reply',
      created_at: expect.stringMatching(ISO_WITH_MS),
    });
    const after = await callJson<WireConversation>(helpdesk, `/api/v1/conversations/${conversation.id}/`);
    expect(after.body.updated_at).toBe(body.created_at);
    expect(after.body.updated_at > conversation.updated_at).toBe(true);
  });

  it('answers 404 for an unknown conversation', async () => {
    const { status } = await sendMessage(helpdesk, 'unknown', { body: 'Hi', user_email: 'jane@example.com' });
    expect(status).toBe(404);
  });

  it.each(['resolved', 'closed'] as const)('refuses a message on a %s conversation by default', async (state) => {
    const conversation = await createConversation(helpdesk, { user_email: 'jane@example.com' });
    helpdesk.setStatus(conversation.id, state);
    const { status, body } = await sendMessage(helpdesk, conversation.id, { body: 'Still there?', user_email: 'jane@example.com' });
    expect(status).toBe(400);
    expect(body).toEqual({ detail: 'This conversation is closed.' });
    expect(helpdesk.listMessages(conversation.id)).toEqual([]);
  });

  it('accepts a message on an ended conversation when endedAcceptsMessages is on', async () => {
    helpdesk.switches.endedAcceptsMessages = true;
    const conversation = await createConversation(helpdesk, { user_email: 'jane@example.com' });
    helpdesk.setStatus(conversation.id, 'closed');
    const { status } = await sendMessage(helpdesk, conversation.id, { body: 'Still there?', user_email: 'jane@example.com' });
    expect(status).toBe(201);
  });

  it('accepts a message on a pending conversation', async () => {
    const conversation = await createConversation(helpdesk, { user_email: 'jane@example.com' });
    helpdesk.setStatus(conversation.id, 'pending');
    expect((await sendMessage(helpdesk, conversation.id, { body: 'Hi', user_email: 'jane@example.com' })).status).toBe(201);
  });
});

describe('messages list ETag', () => {
  it('sends a strong ETag and answers 304 with no body to a matching If-None-Match', async () => {
    const conversation = await createConversation(helpdesk, { description: 'Hello' });
    const first = await listMessages(conversation.id);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[^"]+"$/);
    const again = await call(helpdesk, messagesPath(conversation.id), { headers: { 'If-None-Match': etag as string } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
  });

  it('changes the ETag when a message arrives, internal notes included', async () => {
    const conversation = await createConversation(helpdesk, { description: 'Hello' });
    const before = (await listMessages(conversation.id)).headers.get('etag') as string;
    helpdesk.agentReply(conversation.id, 'internal', { type: 'note' });
    const after = await listMessages(conversation.id, { 'If-None-Match': before });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(before);
    expect(after.body.count).toBe(2);
  });

  it('compares If-None-Match weakly and accepts a list of tags', async () => {
    const conversation = await createConversation(helpdesk, { description: 'Hello' });
    const etag = (await listMessages(conversation.id)).headers.get('etag') as string;
    expect((await call(helpdesk, messagesPath(conversation.id), { headers: { 'If-None-Match': `"other", W/${etag}` } })).status).toBe(304);
  });

  it('sends no ETag and ignores If-None-Match when etag is off', async () => {
    const conversation = await createConversation(helpdesk, { description: 'Hello' });
    const etag = (await listMessages(conversation.id)).headers.get('etag') as string;
    helpdesk.switches.etag = false;
    const response = await listMessages(conversation.id, { 'If-None-Match': etag });
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBeNull();
  });
});
