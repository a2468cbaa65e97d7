import { afterEach, describe, expect, it } from 'vitest';
import { startTestEmulator } from '../helpers/emulator';
import type { TestEmulator } from '../helpers/emulator';

let helpdesk: TestEmulator;
afterEach(() => helpdesk?.cleanup());

describe('emulator basics', () => {
  it('creates a conversation and lists its description as the first message', async () => {
    helpdesk = await startTestEmulator();
    const created = await fetch(`${helpdesk.url}/api/v1/conversations/create/`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${helpdesk.keys.client}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ subject: 'Order', description: 'Where is it?', user_email: 'jane@example.com' }),
    });
    expect(created.status).toBe(201);
    const conversation = (await created.json()) as { id: string };
    expect(helpdesk.listMessages(conversation.id).map((message) => message.body)).toEqual(['Where is it?']);
  });
});
