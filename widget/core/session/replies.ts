// The composer's actions: typing (drafts.ts keeps the text), a reply sent to the outbox (or held in
// the composer until an email is given), a failed one retried, one the API refused given back.

import type { ApiError } from '../../api/errors';
import type { Outbox } from '../outbox';
import type { OutboxEntry } from '../outbox-entry';
import { isValidEmail } from '../people';
import { phaseOf } from './derive';
import type { Drafts } from './drafts';
import type { Pointer } from './pointer';
import type { Store } from './store';

export interface RepliesOptions {
  store: Store;
  pointer: Pointer;
  drafts: Pick<Drafts, 'setNow' | 'type'>;
  outbox: Pick<Outbox, 'enqueue' | 'retry'>;
  /** The customer did something: the poll keeps the open pace, the leader tab hears of it. */
  touched(): void;
  showError(kind: string, error: unknown): void;
  /** The conversation is gone (404). */
  gone(conversationId: string): void;
  /** A look at the conversation's status now. */
  refresh(): Promise<void>;
}

export function createReplies(options: RepliesOptions) {
  const { store, pointer, drafts, outbox, touched } = options;
  function send(text: string) {
    const { conversation, pending } = store.get();
    const held = pointer.get();
    if (!conversation || !held || phaseOf(conversation, pending) !== 'active' || !text.trim()) return;
    touched();
    // Without an email the reply waits in the composer, and derive() asks for one.
    const email = held.emails[0];
    if (email) outbox.enqueue(conversation.id, text, email);
    drafts.setNow(email ? '' : text);
  }

  return {
    send,
    retry: (messageKey: string) => outbox.retry(messageKey),
    /** The customer typed in the composer. */
    type(text: string) {
      touched();
      drafts.type(text);
    },
    provideEmail(email: string) {
      const value = email.trim();
      if (!pointer.get() || !isValidEmail(value)) return store.set({ formErrors: { email: 'invalid' } });
      pointer.addEmail(value);
      store.set({ formErrors: {} });
      const { draft } = store.get();
      if (draft.trim()) send(draft);
    },
    /** The API refused a reply for good: its text goes back to the composer, above what is typed, with the API's reason. */
    rejected(entry: OutboxEntry, error: ApiError) {
      const { draft } = store.get();
      drafts.setNow(draft ? `${entry.body}\n${draft}` : entry.body);
      options.showError('send', error);
      if (error.status === 404) options.gone(entry.conversationId);
      // Why it was refused may be a status change (resolved): look now. If that look fails too, the
      // poller looks again on its own pace; the error the customer needs is already shown.
      else options.refresh().catch(() => {});
    },
  };
}
