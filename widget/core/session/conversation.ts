// Which conversation is on screen, and the moves between them: entering one (created, restored,
// resumed, or followed from another tab), leaving it for the form, forgetting one that is gone.
// Each move cancels the operation under way, so a later choice always wins over an earlier one.

import { toConversation } from '../../api/adapter';
import { isApiError, messageOf } from '../../api/errors';
import type { ApiClient, Conversation } from '../../api/types';
import type { StoredConversation } from '../conversation-store';
import type { ParleyEvents } from '../events';
import type { MessageFeed } from '../message-feed';
import type { Outbox } from '../outbox';
import type { TabMessage } from '../tab-messages';
import { isEnded } from './derive';
import type { Drafts } from './drafts';
import { prefillFor } from './intake';
import { emailList, type Pointer } from './pointer';
import { initialSources, type Sources, type Store } from './store';
import type { Sync } from './sync';

export interface ConversationOptions {
  store: Store;
  pointer: Pointer;
  feed: MessageFeed;
  sync: Pick<Sync, 'restart'>;
  drafts: Pick<Drafts, 'of' | 'forget'>;
  outbox: Pick<Outbox, 'forget'>;
  client: Pick<ApiClient, 'getConversation'>;
  emit(event: 'conversation', payload: ParleyEvents['conversation']): void;
  /** To the other tabs. */
  post(message: TabMessage): void;
  isLeader(): boolean;
  showError(kind: string, error: unknown): void;
  /** A conversation was entered: poll it at once. */
  pollSoon(): void;
}

export function createConversations(options: ConversationOptions) {
  const { store, pointer, feed, post } = options;

  /** `announce`: this tab's choice, stored and told to the other tabs (not one it follows). */
  function enter(conversation: Conversation, next: StoredConversation, created: boolean, announce = true) {
    if (announce) pointer.save(next);
    else pointer.adopt(next);
    feed.reset(created);
    // Every way in brings the conversation's record: read, created, or kept by the tab that read it.
    options.sync.restart(true);
    store.set({ conversation, pending: null, draft: options.drafts.of(conversation.id), formErrors: {}, notice: null });
    options.emit('conversation', { id: conversation.id, number: conversation.number, status: conversation.status, created });
    options.pollSoon();
    if (announce) post({ type: 'pointer', conversation });
    if (!options.isLeader()) post({ type: 'hello' });
  }

  /** Back to the form, in this tab's memory only. */
  function leave(patch?: Partial<Sources>) {
    pointer.adopt(null);
    feed.reset(false);
    options.sync.restart();
    store.set({ conversation: null, pending: null, draft: '', ...patch });
  }

  /** No current conversation any more, in every tab of the browser. */
  function drop(patch?: Partial<Sources>) {
    pointer.save(null);
    leave(patch);
    post({ type: 'pointer', conversation: null });
  }

  /** The conversation is gone (404): forget it and offer a new one, no request loop. */
  function forget(id: string) {
    options.outbox.forget(id);
    options.drafts.forget(id);
    drop();
  }

  /** The API's newer record of the conversation on screen. `announce`: this tab looked (not another). */
  function apply(fresh: Conversation, announce: boolean) {
    const current = store.get().conversation;
    if (current?.id !== fresh.id) return;
    if (announce && fresh.status !== current.status) post({ type: 'conversation', conversation: fresh });
    store.set({ conversation: fresh });
  }

  return {
    enter,
    leave,
    drop,
    forget,
    apply,

    /** The form for a new conversation, after an ended one or from "Your conversations". */
    startNew() {
      const { conversation, identity, history } = store.get();
      if (conversation && isEnded(conversation)) options.outbox.forget(conversation.id);
      drop({ ...initialSources(), identity, history, prefill: prefillFor(identity) });
    },

    /** Gone on the helpdesk: forgotten, if it is still the one on screen. */
    gone(id: string) {
      if (store.get().conversation?.id === id) forget(id);
    },

    /** Another tab moved this browser's pointer. */
    follow(conversation: Conversation | null) {
      if (!conversation) return store.get().conversation ? leave() : undefined;
      const saved = pointer.stored();
      if (conversation.id !== store.get().conversation?.id && saved?.id === conversation.id) enter(conversation, saved, false, false);
    },

    async restore() {
      const saved = pointer.stored();
      if (!saved) return;
      pointer.adopt(saved);
      const token = store.begin('resuming');
      try {
        const conversation = await options.client.getConversation(saved.id);
        if (store.isCurrent(token)) enter(conversation, pointer.get() ?? saved, false);
      } catch (error) {
        if (!store.isCurrent(token)) return;
        if (isApiError(error) && error.status === 404) return forget(saved.id);
        // Unreachable for now: keep the pointer and show what we have; the poller retries. Until
        // then the conversation is known by its id only, with the adapter's defaults for the rest,
        // and its first list looks at the record.
        options.sync.restart();
        store.set({ pending: null, conversation: toConversation({ id: saved.id }), notice: { kind: 'offline', text: messageOf(error) } });
      }
    },

    async resume(conversationId: string) {
      const token = store.begin('resuming');
      store.set({ notice: null });
      try {
        const conversation = await options.client.getConversation(conversationId);
        if (!store.isCurrent(token)) return;
        const emails = emailList(store.get().identity?.email, conversation.requester.email);
        // The conversation this browser already holds keeps its first message and read marker.
        const held = pointer.get();
        const kept = held?.id === conversation.id ? held : { firstMessage: null, lastReadAt: null };
        enter(conversation, { ...kept, id: conversation.id, emails }, false);
      } catch (error) {
        if (!store.isCurrent(token)) return;
        store.set({ pending: null });
        options.showError('resume', error);
      }
    },
  };
}

export type Conversations = ReturnType<typeof createConversations>;
