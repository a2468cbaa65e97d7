import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../../demo/emulator/index';
import type { TestEmulator } from '../helpers/emulator';
import { startTestEmulator } from '../helpers/emulator';
import { callJson, createConversation, messagesPath, sendMessage } from './request';

let helpdesk: TestEmulator | undefined;
afterEach(async () => {
  await helpdesk?.cleanup();
  helpdesk = undefined;
});

describe('persistence', () => {
  it('keeps conversations and messages across a restart with the same data folder', async () => {
    const first = await startTestEmulator();
    helpdesk = first;
    const conversation = await createConversation(first, { user_email: 'jane@example.com', description: 'Hello' });
    await sendMessage(first, conversation.id, { body: 'Anyone?', user_email: 'jane@example.com' });
    first.agentReply(conversation.id, 'Yes!');
    const before = await callJson(first, messagesPath(conversation.id));
    const conversationBefore = await callJson(first, `/api/v1/conversations/${conversation.id}/`);

    const second = await first.restart();
    helpdesk = second;
    expect(second.port).toBe(first.port);
    expect(await callJson(second, `/api/v1/conversations/${conversation.id}/`)).toMatchObject({ status: 200, body: conversationBefore.body });
    const after = await callJson(second, messagesPath(conversation.id));
    expect(after.body).toEqual(before.body);
    // Same content, same ETag: a widget polling across the restart sees nothing new.
    expect(after.headers.get('etag')).toBe(before.headers.get('etag'));
  });

  it('continues numbering and remembers requesters after a restart', async () => {
    const first = await startTestEmulator();
    helpdesk = first;
    await createConversation(first, { user_email: 'jane@example.com', user_first_name: 'Jane' });
    const second = await first.restart();
    helpdesk = second;
    const next = await createConversation(second, { user_email: 'jane@example.com', user_first_name: 'Other' });
    expect(next.number).toBe(2);
    expect(next.requester.first_name).toBe('Jane');
  });

  it('writes db.json after each mutation and leaves no temp file behind', async () => {
    const emulator = await startTestEmulator();
    helpdesk = emulator;
    const conversation = await createConversation(emulator);
    emulator.setStatus(conversation.id, 'pending');
    const stored = JSON.parse(await readFile(join(emulator.dataDir, 'db.json'), 'utf8')) as {
      conversations: Array<{ id: string; status: string }>;
    };
    expect(stored.conversations).toEqual([expect.objectContaining({ id: conversation.id, status: 'pending' })]);
    expect(await readdir(emulator.dataDir)).toEqual(['db.json']);
  });

  it('creates a missing data folder', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'parley-emulator-parent-'));
    const emulator = await startTestEmulator({ dataDir: join(parent, 'nested', 'data') });
    try {
      await createConversation(emulator);
      expect(await readdir(join(parent, 'nested', 'data'))).toEqual(['db.json']);
    } finally {
      await emulator.cleanup();
      await rm(parent, { recursive: true, force: true });
    }
  });

  it('refuses to start on a corrupt data file, with a clear error, and leaves the file alone', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'parley-emulator-corrupt-'));
    try {
      await writeFile(join(dataDir, 'db.json'), '{"version": 1, "conversations": [');
      await expect(startEmulator({ dataDir })).rejects.toThrow(/db\.json is corrupt.*Move it away or delete it/);
      await writeFile(join(dataDir, 'db.json'), '{"something": "else"}');
      await expect(startEmulator({ dataDir })).rejects.toThrow(/corrupt/);
      expect(await readFile(join(dataDir, 'db.json'), 'utf8')).toBe('{"something": "else"}');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
