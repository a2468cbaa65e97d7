// The composer's text: in the store at once (the UI shows it), in storage per conversation a moment
// after typing stops (one write per pause, not per key), so that a reload or another tab finds it.

import type { createConversationStore } from '../conversation-store';
import type { Clock, TimerId } from '../world';
import type { Store } from './store';

const SAVE_AFTER_MS = 400;

export interface DraftsOptions {
  store: Store;
  persisted: Pick<ReturnType<typeof createConversationStore>, 'draft' | 'saveDraft'>;
  clock: Clock;
}

export function createDrafts({ store, persisted, clock }: DraftsOptions) {
  let timer: TimerId = null;

  function stop() {
    clock.clearTimeout(timer);
    timer = null;
  }

  /** Shown and stored now (a reply sent, a refused one given back). */
  function setNow(text: string) {
    stop();
    store.set({ draft: text });
    const id = store.get().conversation?.id;
    if (id) persisted.saveDraft(id, text);
  }

  return {
    setNow,
    /** The customer typed. */
    type(text: string) {
      store.set({ draft: text });
      stop();
      timer = clock.setTimeout(() => setNow(store.get().draft), SAVE_AFTER_MS);
    },
    /** What was left typed in this conversation. */
    of: (conversationId: string) => persisted.draft(conversationId),
    forget: (conversationId: string) => persisted.saveDraft(conversationId, ''),
    stop,
  };
}

export type Drafts = ReturnType<typeof createDrafts>;
