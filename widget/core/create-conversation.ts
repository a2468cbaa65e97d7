// Creating a conversation without ever creating two from one click. The API has no idempotency
// key, so the widget puts its own request id in the metadata; when an answer is lost, it looks for
// that id in the customer's recent conversations before trying again.

import { isApiError, retryDecision } from '../api/errors';
import type { ApiClient, Conversation, CreateConversationInput } from '../api/types';
import { backoffDelay } from './clock';
import type { Clock } from './world';
import { sleep } from './world';

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

async function findCreated(options: CreateOptions): Promise<Conversation | null> {
  const page = await options.client.listConversations({ userEmail: options.input.userEmail, limit: 50 });
  return page.items.find((conversation) => conversation.metadata[REQUEST_ID_KEY] === options.requestId) ?? null;
}

export async function createConversationOnce(options: CreateOptions): Promise<Conversation> {
  const maxAttempts = options.maxAttempts ?? 4;
  const input: CreateConversationInput = {
    ...options.input,
    metadata: { ...options.input.metadata, [REQUEST_ID_KEY]: options.requestId },
  };
  let mayHaveLanded = false;
  for (let attempt = 1; ; attempt += 1) {
    try {
      if (mayHaveLanded) {
        // Look before creating again: the lost answer may have been a success.
        const found = await findCreated(options);
        if (found) return found;
        mayHaveLanded = false;
      }
      return await options.client.createConversation(input);
    } catch (error) {
      if (!isApiError(error)) throw error;
      const decision = retryDecision(error);
      if (decision === 'no-retry') throw error;
      // A failed look (a GET) leaves mayHaveLanded as it was; a lost create sets it.
      if (decision === 'outcome-unknown') mayHaveLanded = true;
      if (attempt < maxAttempts) {
        await sleep(options.clock, backoffDelay(attempt, 15_000, options, error));
        continue;
      }
      // Out of attempts: one last look, so a conversation that did land is never created twice later.
      const found = mayHaveLanded ? await findCreated(options).catch(() => null) : null;
      if (found) return found;
      throw error;
    }
  }
}
