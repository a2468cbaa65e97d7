// The two ways the messages list is revalidated against its ETag, over real HTTP.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient } from '../../widget/api/client';
import type { ApiClient } from '../../widget/api/types';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator';

let helpdesk: TestEmulator;
let conversationId: string;

beforeEach(async () => {
  helpdesk = await startTestEmulator();
  const client = createClient({ apiUrl: helpdesk.url, clientKey: helpdesk.keys.client });
  conversationId = (await client.createConversation({ subject: 'ETag', description: 'Hi', userEmail: 'e@example.com' })).id;
});
afterEach(() => helpdesk.cleanup());

const listRequests = () => helpdesk.requests.filter((request) => request.method === 'GET' && request.path.endsWith('/messages/'));

async function revalidate(client: ApiClient) {
  const first = await client.listMessages(conversationId);
  if (!first.changed) throw new Error('the first list must be a full one');
  const again = await client.listMessages(conversationId, { etag: first.etag });
  helpdesk.agentReply(conversationId, 'New!');
  const after = await client.listMessages(conversationId, { etag: first.etag });
  return { first, again, after };
}

describe('revalidation of the messages list', () => {
  it("'if-none-match' sends the header and reads the 304 as unchanged", async () => {
    const { first, again, after } = await revalidate(createClient({ apiUrl: helpdesk.url, clientKey: helpdesk.keys.client }));
    expect(first.changed && first.etag).toBeTruthy();
    expect(again).toEqual({ changed: false });
    expect(after.changed && after.messages.at(-1)?.body).toBe('New!');
    expect(listRequests().map((request) => [request.headers['if-none-match'] ?? null, request.status])).toEqual([
      [null, 200],
      [first.changed ? first.etag : '', 304],
      [first.changed ? first.etag : '', 200],
    ]);
  });

  it("'http-cache' sends no conditional header of its own and reads a list with the same ETag as unchanged", async () => {
    const client = createClient({ apiUrl: helpdesk.url, clientKey: helpdesk.keys.client, revalidation: 'http-cache' });
    const { again, after } = await revalidate(client);
    expect(again).toEqual({ changed: false });
    expect(after.changed && after.messages.at(-1)?.body).toBe('New!');
    // Node has no HTTP cache: the server saw three plain GETs. In a browser, its cache adds the
    // If-None-Match (see test/e2e/network.test.ts).
    expect(listRequests().map((request) => request.headers['if-none-match'] ?? null)).toEqual([null, null, null]);
  });

  it("'http-cache' still reads every list when the API gives no ETag", async () => {
    helpdesk.switches.etag = false;
    const client = createClient({ apiUrl: helpdesk.url, clientKey: helpdesk.keys.client, revalidation: 'http-cache' });
    const { again } = await revalidate(client);
    expect(again.changed).toBe(true);
  });
});
