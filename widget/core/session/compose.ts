// The session, composed: the sources of truth (store, pointer, message feed, outbox), the parts
// that change them (conversations, intake, drafts, replies, sync, tab sync), the workers (outbox,
// poller, tab election), and one commit that derives the view and makes the workers match
// (commit.ts). The workers get what they need by name; none reaches back into this function while
// it runs: what they report is committed a microtask later.

import { createClient } from '../../api/client';
import type { CreateConversationInput } from '../../api/types';
import { createConversationStore } from '../conversation-store';
import { customerSenders } from '../conversation-view';
import { createConversationOnce } from '../create-conversation';
import { createMessageFeed } from '../message-feed';
import { createOutbox } from '../outbox';
import { createPoller } from '../poller';
import { initialState } from '../state';
import { createStorage } from '../storage';
import { commit, commitLoop, initialFacts } from './commit';
import { createConversations } from './conversation';
import { phaseOf } from './derive';
import { createDrafts } from './drafts';
import { createIntake } from './intake';
import type { Session, SessionDeps } from './interfaces';
import { createNotices } from './notices';
import { DEFAULT_TIMING, pollInterval } from './pace';
import { createPointer } from './pointer';
import { createReplies } from './replies';
import { createStore, initialSources } from './store';
import { createSync } from './sync';
import { createTabSync } from './tab-sync';
import { createWork } from './work';

export function composeSession(deps: SessionDeps): Session {
  const timing = { ...DEFAULT_TIMING, ...deps.timing };
  const { clock, random, visibility, connectivity, emit, newId } = deps;
  const { backoffBaseMs, firstPollJitterMs } = timing;
  const { apiUrl, clientKey } = deps.api;
  const client = createClient(deps.api);
  const storage = createStorage({ backend: deps.storage, apiUrl, clientKey });
  const persisted = createConversationStore(storage);
  const facts = initialFacts(clock.now());
  const commits = commitLoop(() => commit({ store, pointer, feed, outbox, tabs, visibility, work, emit, onNewReplies: deps.onNewReplies }, facts));
  const touched = () => void (facts.lastActivityAt = clock.now());

  const store = createStore(commits.later, { ...initialState().prefill, ...persisted.form() });
  const pointer = createPointer(persisted, commits.later);
  const feed = createMessageFeed();
  const drafts = createDrafts({ store, persisted, clock });
  const notices = createNotices(store, emit);
  const { showError, pollFailed } = notices;

  const tabs = createTabSync({
    world: deps.tabs ?? null,
    apiUrl,
    clientKey,
    clock,
    random,
    panelOpen: () => facts.panelOpen,
    leaderChanged(lead) {
      facts.pollSoon ||= lead;
      commits.later();
    },
    pollNow: () => poller.pollNow(),
  });

  const outbox = createOutbox({
    client,
    store: persisted.outbox,
    clock,
    random,
    connectivity,
    newId,
    backoffBaseMs,
    knownMessages: (id) => (store.get().conversation?.id === id && feed.listed ? feed.list : null),
    onChange() {
      tabs.post({ type: 'outbox' });
      commits.later();
    },
    onSent: (_entry, message) => feed.add(message),
    onRejected: (entry, error) => replies.rejected(entry, error),
  });

  const sync = createSync({
    client,
    feed,
    outbox,
    emit,
    current: () => store.get().conversation,
    customerSenders: () => customerSenders(pointer.get()?.emails ?? [], store.get().conversation?.requester.email ?? null),
    reports: {
      changed(news) {
        if (news.length) touched();
        facts.newReplies ||= news.length > 0;
        commits.later();
      },
      listed: (conversationId, messages) => tabs.post({ type: 'messages', conversationId, messages }),
      fresh: (conversation) => conversations.apply(conversation, true),
      gone: (id) => conversations.gone(id),
      refused(error) {
        facts.refused = true;
        showError('poll', error);
      },
      reached: notices.reached,
    },
  });

  const intervalMs = () => pollInterval({ ...facts, now: clock.now(), watching: tabs.watching() }, timing);
  const poller = createPoller({ tick: sync.poll, intervalMs, clock, random, visibility, connectivity, backoffBaseMs, firstPollJitterMs, onError: pollFailed });

  const { post, isLeader } = tabs;
  const pollSoon = () => void (facts.pollSoon = true);
  const conversations = createConversations({ store, pointer, feed, sync, drafts, outbox, client, emit, post, isLeader, showError, pollSoon });
  const { pageInfo, fallbackSubject, config } = deps;
  const create = (input: CreateConversationInput) => createConversationOnce({ client, clock, random, backoffBaseMs, requestId: newId(), input });
  const intake = createIntake({
    store,
    client,
    create,
    config,
    pageInfo,
    fallbackSubject,
    notices,
    touched,
    form: drafts,
    enter: conversations.enter,
  });
  const active = () => {
    touched();
    tabs.tellWatching();
  };
  const replies = createReplies({ store, pointer, drafts, outbox, touched: active, showError, gone: conversations.gone, refresh: () => sync.refresh() });
  const work = createWork({ outbox, poller, leader: tabs.leader });
  /** A reset here or in another tab: back to the form, nothing kept of the customer who left. */
  function resetHere() {
    drafts.stop();
    intake.forgetMetadata();
    conversations.leave(initialSources());
  }
  const outboxChanged = () => {
    commits.later();
    outbox.wake();
  };
  tabs.listen({ store, pointer, feed, sync, conversations, outboxChanged, reset: resetHere });
  const unsubscribeVisibility = visibility.subscribe(() => {
    // A hidden page may be closed without another event (a phone's app switcher).
    if (!visibility.isVisible()) drafts.flush();
    commits.later();
  });

  /** What the UI and the entry call: nothing once destroyed, and committed at once. */
  const act =
    <Args extends unknown[], Result>(change: (...args: Args) => Result) =>
    (...args: Args): Result | undefined => {
      if (facts.destroyed) return undefined;
      const result = change(...args);
      commits.now();
      return result;
    };

  return {
    getState: store.view,
    subscribe: store.subscribe,
    actions: {
      startConversation: async (input) => act(intake.start)(input),
      sendReply: act(replies.send),
      retry: act(replies.retry),
      setDraft: act(replies.type),
      setFormDraft: act(drafts.typeForm),
      startNew: act(conversations.startNew),
      resume: async (conversationId) => act(conversations.resume)(conversationId),
      provideEmail: act(replies.provideEmail),
      dismissNotice: act(() => store.set({ notice: null })),
    },

    restore: async () => act(conversations.restore)(),
    async currentMessages() {
      const id = store.get().conversation?.id;
      if (!id || facts.destroyed) return [];
      await sync.loadOnce();
      commits.now();
      return store.get().conversation?.id === id ? store.view().messages : [];
    },
    setPanelOpen: act((open: boolean) => {
      const wasOpen = facts.panelOpen;
      facts.panelOpen = open;
      if (open !== wasOpen) tabs.tellWatching(true);
      if (open) touched();
      facts.pollSoon ||= open && !wasOpen;
    }),
    setPageActive: act((active: boolean) => {
      if (!active) {
        drafts.flush();
        tabs.tellClosed();
      }
      facts.pageActive = active;
    }),
    identify: act(intake.identify),
    setMetadata: act(intake.setMetadata),
    prefillNew: act((input: { subject?: string; message?: string }) => {
      const { conversation, pending } = store.get();
      if (!['form', 'creating'].includes(phaseOf(conversation, pending))) conversations.startNew();
      intake.prefill(input);
    }),
    reset: act(() => {
      outbox.forget();
      storage.clearAll();
      resetHere();
      post({ type: 'reset' });
    }),
    destroy: act(() => {
      drafts.flush();
      tabs.tellClosed();
      facts.destroyed = true;
      store.cancel();
      unsubscribeVisibility();
      tabs.close();
      store.close();
    }),
    isLeader,
  };
}
