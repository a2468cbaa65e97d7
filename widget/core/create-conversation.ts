// Creating a conversation without ever creating two from one click. The API has no idempotency
// key, so the widget puts its own request id in the metadata; when an answer is lost, it looks for
// that id in the customer's recent conversations before trying again (retry.ts).

import type { ApiClient, Conversation, CreateConversationInput } from '../api/types';
import { retryUntilDone } from './retry';
import type { Clock } from './world';

/** The metadata key carrying the widget's request id (shown to agents; harmless). */
export const REQUEST_ID_KEY = 'widget_request_id';

export interface CreateOptions {
  client: Pick<ApiClient, 'createConversation' | 'listConversations'>;
  clock: Clock;
  random: () => number;
  input: CreateConversationInput;
  requestId: string;
  maxAttempts?: number;
  backoffBaseMs?: number;
}

export function createConversationOnce(options: CreateOptions): Promise<Conversation> {
  const { client, requestId } = options;
  const input: CreateConversationInput = { ...options.input, metadata: { ...options.input.metadata, [REQUEST_ID_KEY]: requestId } };
  return retryUntilDone({
    clock: options.clock,
    random: options.random,
    maxAttempts: options.maxAttempts ?? 4,
    backoffBaseMs: options.backoffBaseMs,
    backoffCapMs: 15_000,
    async probe() {
      const page = await client.listConversations({ userEmail: input.userEmail, limit: 50 });
      return page.items.find((conversation) => conversation.metadata[REQUEST_ID_KEY] === requestId) ?? null;
    },
    write: () => client.createConversation(input),
  });
}
