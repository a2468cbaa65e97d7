// What the customer typed and did not send: the composer's text, in the store at once (the UI
// shows it), and the new-conversation form's fields, held by the form itself. Both are stored a
// moment after typing stops (one write per pause, not per key), and at once when the page is left
// or hidden, so that a reload, the site's next page or another tab finds them. An anonymous
// visitor's form is never stored: a first visit leaves no trace until a conversation starts or the
// site identifies the customer (so that site owners need no consent banner for Parley).

import type { createConversationStore } from '../conversation-store';
import type { FormFields } from '../state';
import type { Clock, TimerId } from '../world';
import type { Store } from './store';

const SAVE_AFTER_MS = 400;

export interface DraftsOptions {
  store: Store;
  persisted: Pick<ReturnType<typeof createConversationStore>, 'draft' | 'saveDraft' | 'saveForm'>;
  clock: Clock;
}

/** `write` once calls pause for SAVE_AFTER_MS, or at once on flush(); cancel() drops it. */
function afterPause(clock: Clock, write: () => void) {
  let timer: TimerId = null;
  const cancel = () => {
    clock.clearTimeout(timer);
    timer = null;
  };
  return {
    schedule() {
      cancel();
      timer = clock.setTimeout(flush, SAVE_AFTER_MS);
    },
    flush,
    cancel,
  };
  function flush() {
    if (timer === null) return;
    cancel();
    write();
  }
}

export function createDrafts({ store, persisted, clock }: DraftsOptions) {
  /** Shown and stored now (a reply sent, a refused one given back). */
  function setNow(text: string) {
    reply.cancel();
    store.set({ draft: text });
    const id = store.get().conversation?.id;
    if (id) persisted.saveDraft(id, text);
  }
  const reply = afterPause(clock, () => setNow(store.get().draft));

  let typedForm: FormFields | null = null;
  const form = afterPause(clock, () => persisted.saveForm(typedForm));

  return {
    setNow,
    /** The customer typed a reply. */
    type(text: string) {
      store.set({ draft: text });
      reply.schedule();
    },
    /** What was left typed in this conversation. */
    of: (conversationId: string) => persisted.draft(conversationId),
    forget: (conversationId: string) => persisted.saveDraft(conversationId, ''),

    /** The customer typed in the new-conversation form. */
    typeForm(values: FormFields) {
      if (!store.get().identity) return;
      typedForm = values;
      form.schedule();
    },
    /** The form was sent for a conversation: it is spent (kept again if the create fails). */
    forgetForm() {
      form.cancel();
      typedForm = null;
      persisted.saveForm(null);
    },

    /** The page is being left or hidden: what waits for a pause is stored now. */
    flush() {
      reply.flush();
      form.flush();
    },
    /** Nothing waiting is stored any more (a reset, the session's end). */
    stop() {
      reply.cancel();
      form.cancel();
    },
  };
}

export type Drafts = ReturnType<typeof createDrafts>;
