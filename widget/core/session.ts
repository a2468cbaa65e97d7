// The conversation session: owns SessionState, talks to the API through the client, persists
// through storage, and tells the host page through events. Framework-free: the UI subscribes.

import { toConversation } from '../api/adapter';
import { isApiError, messageOf } from '../api/errors';
import type { ApiClient, Conversation, Message } from '../api/types';
import { createConversationStore, type StoredConversation } from './conversation-store';
import { conversationView, reuseUnchanged, unreadCount } from './conversation-view';
import { createConversationOnce } from './create-conversation';
import type { ParleyEvents } from './events';
import { fetchHistory } from './history';
import { createMessageFeed } from './message-feed';
import { formErrorsFrom, newConversationRequest } from './new-conversation';
import type { ResolvedConfig } from './options';
import { createOutbox, type Outbox } from './outbox';
import { fullName, isValidEmail } from './people';
import { createPoller, type Poller } from './poller';
import { type Identity, initialState, type Phase, type SessionActions, type SessionState } from './state';
import type { ParleyStorage } from './storage';
import type { TabChannel } from './tab-channel';
import type { TabLeader } from './tab-leader';
import type { TabMessage } from './tab-messages';
import type { Clock, Connectivity, SubscribeStorage, Visibility } from './world';

export interface SessionDeps {
  client: ApiClient;
  storage: ParleyStorage;
  clock: Clock;
  random: () => number;
  newId(): string;
  visibility: Visibility;
  connectivity: Connectivity;
  config: Pick<ResolvedConfig, 'priority' | 'pageInfo' | 'requireEmail'>;
  emit<K extends keyof ParleyEvents>(event: K, payload: ParleyEvents[K]): void;
  /** Page metadata collected at create time (page URL, title, …). */
  pageInfo(): Record<string, unknown>;
  /** The localised fallback subject, for a first message with no words. */
  fallbackSubject(): string;
  /**
   * New team replies reached this tab's conversation (from its own poll or the leader's), after
   * the state shows them: the reply alerts (dom/attention.ts) decide whether to tell the customer.
   */
  onNewReplies?(): void;
  /** Tuning, for tests. */
  timing?: Partial<Timing>;
  /**
   * The other tabs of the site. Without it this tab works alone; with it, only the leader polls
   * and sends, and the others show what it finds.
   */
  tabs?: {
    leader: TabLeader;
    channel: TabChannel<TabMessage>;
    /**
     * localStorage changes made by other tabs. A channel message can arrive before the write it
     * announces is visible here (storage crosses processes asynchronously); this event cannot.
     */
    subscribeStorage?: SubscribeStorage;
  };
}

export interface Timing {
  openIntervalMs: number;
  idleIntervalMs: number;
  closedIntervalMs: number;
  idleAfterMs: number;
  backoffBaseMs: number;
  firstPollJitterMs: number;
}

const DEFAULT_TIMING: Timing = {
  openIntervalMs: 3000,
  idleIntervalMs: 10_000,
  closedIntervalMs: 30_000,
  idleAfterMs: 2 * 60_000,
  backoffBaseMs: 1000,
  firstPollJitterMs: 1000,
};

const phaseOf = (conversation: Conversation): Phase => (conversation.status === 'resolved' || conversation.status === 'closed' ? 'ended' : 'active');

/** The customer's emails, lower-cased, without blanks or repeats. */
const emailList = (...emails: Array<string | null | undefined>) => [...new Set(emails.filter(Boolean).map((email) => email!.toLowerCase()))];

const statusOf = (error: unknown) => (isApiError(error) ? error.status : null);

export function createSession(deps: SessionDeps) {
  const timing = { ...DEFAULT_TIMING, ...deps.timing };
  let state = initialState();
  const listeners = new Set<() => void>();
  const persisted = createConversationStore(deps.storage);
  const feed = createMessageFeed();
  let stored: StoredConversation | null = null;
  let etag: string | null = null;
  let panelOpen = false;
  let lastActivityAt = deps.clock.now();
  let pollCount = 0;
  let metadataExtra: Record<string, unknown> = {};
  let destroyed = false;
  /** The helpdesk refused our key or origin (401/403): polling stops until a reload. */
  let refused = false;
  const tabs = deps.tabs;
  const isLeader = () => !tabs || tabs.leader.isLeader;
  const tabId = deps.newId();
  /** Other tabs whose panel is open, with their customer's last activity (the leader's view). */
  const watchingTabs = new Map<string, number>();
  let lastWatchingPost = -Infinity;
  const post = (message: TabMessage) => tabs?.channel.post(message);

  function setState(patch: Partial<SessionState>) {
    state = { ...state, ...patch };
    for (const listener of listeners) listener();
  }

  const report = (kind: string, error: unknown) => deps.emit('error', { kind, message: messageOf(error), status: statusOf(error) });

  /** A failure the customer must see in the panel, also told to the host page. */
  function showError(kind: string, error: unknown, patch?: Partial<SessionState>) {
    setState({ ...patch, notice: { kind: 'error', text: messageOf(error) } });
    report(kind, error);
  }

  // The outbox, the poller and the create call take what they need of deps (client, clock, random,
  // connectivity, ...); none of their option names means something else in deps.
  const outbox: Outbox = createOutbox({
    ...deps,
    store: persisted.outbox,
    knownMessages: (id) => (state.conversation?.id === id && feed.listed ? feed.list : null),
    onChange: () => {
      refreshView();
      post({ type: 'outbox' });
      updateLeadership();
    },
    onSent: (_entry, message) => {
      feed.add(message);
      refreshView();
    },
    onRejected: (entry, error) => {
      // The API refused the reply: it goes back to the composer with the API's reason.
      const draft = state.draft ? `${entry.body}\n${state.draft}` : entry.body;
      setDraftNow(draft);
      showError('send', error);
      if (error.status === 404) forgetConversation();
      // Why it was refused may be a status change (resolved): look now. If that look fails too, the
      // poller looks again on its own pace; the error the customer needs is already shown.
      else if (state.conversation) refreshConversation().catch(() => {});
    },
  });

  const poller: Poller = createPoller({
    ...deps,
    ...timing,
    tick: pollOnce,
    intervalMs: () => {
      // The pace follows the most attentive tab: this one, or any other whose panel is open.
      const active = Math.max(panelOpen ? lastActivityAt : -Infinity, ...watchingTabs.values());
      if (active === -Infinity) return timing.closedIntervalMs;
      return deps.clock.now() - active > timing.idleAfterMs ? timing.idleIntervalMs : timing.openIntervalMs;
    },
    onError: (error) => {
      if (isApiError(error) && (error.kind === 'network' || error.kind === 'timeout')) {
        setState({ notice: { kind: 'offline', text: error.message } });
      }
    },
  });

  function saveStored(next: StoredConversation | null) {
    stored = next;
    persisted.save(next);
  }

  function refreshView() {
    const conversation = state.conversation;
    if (!conversation || !stored) return;
    const messages = reuseUnchanged(
      state.messages,
      conversationView({
        serverMessages: feed.list,
        outbox: outbox.entries(conversation.id),
        customerEmails: new Set(stored.emails),
        firstMessage: stored.firstMessage,
      }),
      'key',
    );
    // On screen (an open panel in a visible page), the team's newest message is read.
    if (panelOpen && deps.visibility.isVisible()) {
      const newest = messages.filter((item) => item.author === 'team').pop()?.createdAt;
      const lastReadAt = stored.lastReadAt;
      if (newest && (!lastReadAt || Date.parse(newest) > Date.parse(lastReadAt))) {
        saveStored({ ...stored, lastReadAt: newest });
        post({ type: 'read' });
      }
    }
    const count = unreadCount(messages, stored.lastReadAt);
    const countChanged = count !== state.unreadCount;
    if (messages !== state.messages || countChanged) setState({ messages, unreadCount: count });
    if (countChanged) deps.emit('unread', { count });
  }

  /**
   * Returns whether the list changed. `fromLeader`: another tab polled; it already fired the
   * `message` events (once per browser).
   */
  function mergeMessages(list: readonly Message[], fromLeader = false): boolean {
    const { changed, news } = feed.merge(list, new Set(stored?.emails ?? []));
    if (news.length) lastActivityAt = deps.clock.now();
    if (!fromLeader) for (const item of news) deps.emit('message', { id: item.id, body: item.body, createdAt: item.createdAt });
    if (changed) refreshView();
    if (news.length) deps.onNewReplies?.();
    return changed;
  }

  async function pollOnce(signal: AbortSignal) {
    const conversation = state.conversation;
    if (!conversation || destroyed) return;
    try {
      const result = await deps.client.listMessages(conversation.id, { etag, signal });
      pollCount += 1;
      if (state.notice?.kind === 'offline') setState({ notice: null });
      let changed = false;
      if (result.changed) {
        etag = result.etag;
        // Before the view is drawn from it: a reply whose answer was lost and that is listed here
        // is marked sent, never shown twice (its pending copy and the server's).
        outbox.reconcile(conversation.id, result.messages);
        changed = mergeMessages(result.messages);
        // Told on every new list, even one this tab already knew (a reply it just sent): the other
        // tabs may have read the shared outbox before the 'sent' reached them (localStorage
        // crosses processes asynchronously in Chromium), and this is what brings them up to date.
        post({ type: 'messages', conversationId: conversation.id, messages: result.messages });
      }
      // The list carries no status: look at the conversation now and then, and after changes.
      if (changed || pollCount % 5 === 0) await refreshConversation(signal);
    } catch (error) {
      const status = statusOf(error);
      if (status === 404) return forgetConversation();
      if (status !== 401 && status !== 403) throw error;
      refused = true;
      syncWork();
      showError('poll', error);
    }
  }

  async function refreshConversation(signal?: AbortSignal) {
    const current = state.conversation;
    if (!current) return;
    const fresh = await deps.client.getConversation(current.id, { signal });
    if (state.conversation?.id !== fresh.id) return;
    if (fresh.status !== current.status) post({ type: 'conversation', conversation: fresh });
    applyConversation(fresh);
  }

  function applyConversation(fresh: Conversation) {
    // The same conversation in "Your conversations" must not say Open while the panel says resolved.
    const items = state.history.items.map((item) =>
      item.id === fresh.id ? { ...item, status: fresh.status, updatedAt: fresh.updatedAt || item.updatedAt } : item,
    );
    setState({ conversation: fresh, phase: phaseOf(fresh), history: { ...state.history, items } });
    syncWork();
  }

  /** The stored conversation is gone (404): forget it and offer a new one, no request loop. */
  function forgetConversation(id = state.conversation?.id) {
    if (id) {
      outbox.forget(id);
      persisted.saveDraft(id, '');
    }
    dropConversation();
  }

  /** No current conversation any more, in every tab of the browser. */
  function dropConversation(patch?: Partial<SessionState>) {
    saveStored(null);
    leaveConversation(patch);
    post({ type: 'pointer', conversation: null });
  }

  /** Back to the form, in this tab's memory only. */
  function leaveConversation(patch?: Partial<SessionState>) {
    const hadUnread = state.unreadCount !== 0;
    stored = null;
    feed.reset(false);
    etag = null;
    setState({ phase: 'form', conversation: null, messages: [], unreadCount: 0, draft: '', needsEmail: false, ...patch });
    syncWork();
    if (hadUnread) deps.emit('unread', { count: 0 });
  }

  /** Only the leader tab polls and sends; hidden tabs leave the lead to visible ones. */
  function syncWork() {
    const lead = !destroyed && isLeader();
    if (lead) outbox.start();
    else outbox.stop();
    if (lead && !refused && state.conversation && state.phase === 'active') poller.start();
    else poller.stop();
    updateLeadership();
  }

  /**
   * Join the election only with something to do (a first visit writes nothing, not even a lease),
   * and only while visible, unless replies are still to be sent from here.
   */
  function updateLeadership() {
    if (!tabs) return;
    const busy = outbox.hasWork();
    const wanted = !destroyed && (state.conversation !== null || busy) && (deps.visibility.isVisible() || busy);
    if (wanted) tabs.leader.start();
    else tabs.leader.stop();
  }

  /** What this tab does with each message from another tab. */
  const onTabMessage: { [Type in TabMessage['type']]: (message: Extract<TabMessage, { type: Type }>) => void } = {
    messages(message) {
      if (state.conversation?.id === message.conversationId && !isLeader()) mergeMessages(message.messages, true);
    },
    conversation({ conversation }) {
      if (state.conversation?.id === conversation.id) applyConversation(conversation);
    },
    outbox() {
      outboxChanged();
      updateLeadership();
    },
    read() {
      const saved = persisted.load();
      if (stored && saved?.id === stored.id) stored = { ...stored, lastReadAt: saved.lastReadAt };
      refreshView();
    },
    pointer({ conversation }) {
      if (!conversation) return state.conversation ? leaveConversation() : undefined;
      const saved = persisted.load();
      if (conversation.id !== state.conversation?.id && saved?.id === conversation.id) enterConversation(conversation, saved, false, false);
    },
    reset: resetLocal,
    hello() {
      const current = state.conversation;
      if (isLeader() && current && feed.loaded) post({ type: 'messages', conversationId: current.id, messages: feed.list });
    },
    watching({ tab, open }) {
      const wasWatched = watchingTabs.size > 0;
      if (open) watchingTabs.set(tab, deps.clock.now());
      else watchingTabs.delete(tab);
      // A panel just opened elsewhere: fresh data now, as when this tab's own panel opens.
      if (open && !wasWatched && isLeader()) poller.pollNow();
    },
    leader() {
      lastWatchingPost = -Infinity;
      tellWatching();
    },
  };

  /** A follower tells the leader its panel is open and its customer active (at most every 15 s). */
  function tellWatching(force = false) {
    if (!tabs || isLeader()) return;
    const now = deps.clock.now();
    if (!force && (!panelOpen || now - lastWatchingPost < 15_000)) return;
    lastWatchingPost = now;
    post({ type: 'watching', tab: tabId, open: panelOpen });
  }

  /** Another tab changed the shared outbox: show it, and send what is due if this tab leads. */
  function outboxChanged() {
    refreshView();
    outbox.wake();
  }

  /** This tab's panel is going away: the leader must not keep the open pace for it. */
  const tellClosed = () => panelOpen && post({ type: 'watching', tab: tabId, open: false });

  function enterConversation(conversation: Conversation, next: StoredConversation, created: boolean, announce = true) {
    if (announce) saveStored(next);
    else stored = next;
    feed.reset(created);
    etag = null;
    pollCount = 0;
    setState({
      conversation,
      phase: phaseOf(conversation),
      needsEmail: !next.emails.length,
      draft: persisted.draft(conversation.id),
      formErrors: {},
      notice: null,
    });
    refreshView();
    deps.emit('conversation', { id: conversation.id, number: conversation.number, status: conversation.status, created });
    poller.stop();
    syncWork();
    poller.pollNow();
    if (announce) post({ type: 'pointer', conversation });
    if (!isLeader()) post({ type: 'hello' });
  }

  const unsubscribers = tabs
    ? [
        // Checked by isTabMessage on arrival: the type is one of the table's.
        tabs.channel.subscribe((message) => !destroyed && (onTabMessage[message.type] as (message: TabMessage) => void)(message)),
        tabs.leader.subscribe((lead) => {
          syncWork();
          if (!lead) return;
          poller.pollNow();
          watchingTabs.clear();
          post({ type: 'leader' });
        }),
        deps.visibility.subscribe(updateLeadership),
        tabs.subscribeStorage?.((event) => !destroyed && event.key?.endsWith(':outbox') && outboxChanged()),
        // The 'read' message can arrive before the read marker it announces is visible here (see
        // subscribeStorage): the marker's own write reads it again, or the count (and the tab's
        // title, issue 15) would stay up in this tab after the customer read the replies elsewhere.
        tabs.subscribeStorage?.((event) => !destroyed && event.key?.endsWith(':conversation') && onTabMessage.read({ type: 'read' })),
      ]
    : [];

  let draftTimer: unknown = null;
  // Counts resets, here or in another tab: a create answered after one belongs to the customer
  // who logged out, and is neither stored nor shown (Parley('reset') clears every key).
  let resets = 0;
  /** Conversations fetched to be shown (restore, resume), counted: only the latest may be shown. */
  let fetches = 0;
  function setDraftNow(text: string) {
    setState({ draft: text });
    const id = state.conversation?.id;
    if (id) persisted.saveDraft(id, text);
  }

  const actions: SessionActions = {
    async startConversation(input) {
      if (destroyed || state.phase === 'creating') return;
      const prefill = { ...state.prefill, ...input };
      const request = newConversationRequest(
        { ...input, subject: state.prefill.subject },
        {
          identity: state.identity,
          requireEmail: deps.config.requireEmail,
          priority: deps.config.priority,
          pageInfo: deps.config.pageInfo ? deps.pageInfo() : null,
          extraMetadata: metadataExtra,
          fallbackSubject: deps.fallbackSubject(),
        },
      );
      if (!request.ok) return setState({ formErrors: request.errors, prefill });
      if (request.metadataProblem) report('metadata', new Error(request.metadataProblem));
      setState({ phase: 'creating', formErrors: {}, notice: null, prefill });
      lastActivityAt = deps.clock.now();
      const resetsBefore = resets;
      try {
        const conversation = await createConversationOnce({ ...deps, ...timing, requestId: deps.newId(), input: request.input });
        if (destroyed || resets !== resetsBefore) return;
        setState({ prefill: prefillFor(null) });
        const firstMessage = { body: request.message, createdAt: conversation.createdAt };
        const emails = emailList(conversation.requester.email, request.email);
        enterConversation(conversation, { id: conversation.id, emails, firstMessage, lastReadAt: null }, true);
        if (state.identity) void loadHistory();
      } catch (error) {
        if (destroyed || resets !== resetsBefore) return;
        showError('create', error, { phase: 'form', formErrors: isApiError(error) ? formErrorsFrom(error) : {} });
      }
    },

    sendReply(text) {
      const conversation = state.conversation;
      if (destroyed || !conversation || !stored || state.phase !== 'active') return;
      if (!text.trim()) return;
      lastActivityAt = deps.clock.now();
      tellWatching();
      const email = stored.emails[0];
      if (!email) {
        setDraftNow(text);
        return setState({ needsEmail: true });
      }
      outbox.enqueue(conversation.id, text, email);
      setDraftNow('');
    },

    retry(messageKey) {
      if (!destroyed) outbox.retry(messageKey);
    },

    setDraft(text) {
      lastActivityAt = deps.clock.now();
      tellWatching();
      setState({ draft: text });
      // Written a moment after typing stops: one storage write per pause, not per key.
      deps.clock.clearTimeout(draftTimer);
      draftTimer = deps.clock.setTimeout(() => {
        draftTimer = null;
        if (!destroyed) setDraftNow(state.draft);
      }, 400);
    },

    startNew() {
      if (destroyed) return;
      const id = state.conversation?.id;
      if (id && state.phase === 'ended') outbox.forget(id);
      dropConversation({ ...initialState(), identity: state.identity, history: state.history, prefill: prefillFor(state.identity) });
    },

    async resume(conversationId) {
      if (destroyed) return;
      const fetching = beginFetch();
      setState({ phase: 'resuming', notice: null });
      try {
        const conversation = await deps.client.getConversation(conversationId);
        if (superseded(fetching)) return;
        const emails = emailList(state.identity?.email, conversation.requester.email);
        // The conversation this browser already holds keeps its first message and read marker.
        const kept = stored?.id === conversation.id ? stored : { firstMessage: null, lastReadAt: null };
        enterConversation(conversation, { ...kept, id: conversation.id, emails }, false);
      } catch (error) {
        if (superseded(fetching)) return;
        showError('resume', error, { phase: state.conversation ? phaseOf(state.conversation) : 'form' });
      }
    },

    provideEmail(email) {
      const value = email.trim();
      if (!stored || !isValidEmail(value)) return setState({ formErrors: { email: 'invalid' } });
      saveStored({ ...stored, emails: emailList(...stored.emails, value) });
      setState({ needsEmail: false, formErrors: {} });
      if (state.draft.trim()) actions.sendReply(state.draft);
    },

    dismissNotice() {
      setState({ notice: null });
    },
  };

  async function loadHistory() {
    const identity = state.identity;
    if (!identity || destroyed) return;
    const setHistory = (status: SessionState['history']['status'], items = state.history.items) => setState({ history: { status, items } });
    setHistory('loading');
    try {
      const items = await fetchHistory(deps.client, identity.email);
      if (state.identity?.email === identity.email) setHistory('ready', items);
    } catch (error) {
      setHistory('error');
      report('history', error);
    }
  }

  return {
    getState: () => state,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    actions,

    /**
     * What the log shows, for a copy of the conversation: read from the API when this tab has not
     * had the list yet (a hidden page does not poll; a tab that follows waits for the leader's).
     */
    async currentMessages(): Promise<SessionState['messages']> {
      const conversation = state.conversation;
      if (!conversation || destroyed) return [];
      if (!feed.loaded) {
        const result = await deps.client.listMessages(conversation.id);
        // History, never news: it fires no `message` event (the `fromLeader` path).
        if (result.changed && !feed.loaded && state.conversation?.id === conversation.id) mergeMessages(result.messages, true);
      }
      return state.conversation?.id === conversation.id ? state.messages : [];
    },

    /** On load: resume the conversation this browser started, if any (no request otherwise). */
    async restore() {
      const saved = persisted.load();
      if (!saved) return;
      stored = saved;
      const fetching = beginFetch();
      setState({ phase: 'resuming' });
      try {
        const conversation = await deps.client.getConversation(saved.id);
        if (superseded(fetching)) return;
        enterConversation(conversation, stored!, false);
      } catch (error) {
        if (superseded(fetching)) return;
        if (statusOf(error) === 404) return forgetConversation(saved.id);
        // Unreachable for now: keep the pointer and show what we have; the poller retries. Until
        // then the conversation is known by its id only, with the adapter's defaults for the rest.
        setState({ phase: 'active', conversation: toConversation({ id: saved.id })!, notice: { kind: 'offline', text: messageOf(error) } });
        refreshView();
        syncWork();
      }
    },

    setPanelOpen(open: boolean) {
      const wasOpen = panelOpen;
      panelOpen = open;
      if (open !== wasOpen) tellWatching(true);
      if (open) {
        lastActivityAt = deps.clock.now();
        refreshView();
        if (!wasOpen) poller.pollNow();
      }
    },

    identify(identity: Identity) {
      setState({ identity, prefill: { ...state.prefill, ...prefillFor(identity), message: state.prefill.message } });
      void loadHistory();
    },

    setMetadata(extra: Record<string, unknown>) {
      metadataExtra = { ...metadataExtra, ...extra };
    },

    prefillNew(input: { subject?: string; message?: string }) {
      if (state.phase !== 'form' && state.phase !== 'creating') actions.startNew();
      setState({ prefill: { ...state.prefill, message: input.message ?? state.prefill.message, ...(input.subject ? { subject: input.subject } : {}) } });
    },

    /** Logout: forget everything this browser stored, in every tab; keep running. */
    reset() {
      outbox.forget();
      deps.storage.clearAll();
      resetLocal();
      post({ type: 'reset' });
    },

    /** No more requests, timers or events. */
    destroy() {
      tellClosed();
      destroyed = true;
      syncWork();
      for (const unsubscribe of unsubscribers) unsubscribe?.();
      tabs?.channel.close();
      deps.clock.clearTimeout(draftTimer);
      listeners.clear();
    },

    /** The page is going away (pagehide) or back (pageshow): hand the lead over, or take part again. */
    setPageActive(active: boolean) {
      if (!tabs || destroyed) return;
      if (active) return updateLeadership();
      tellClosed();
      tabs.leader.stop();
    },
  };

  /** Starts fetching a conversation to show (restore, resume); the latest one started is the one wanted. */
  function beginFetch(): number {
    return ++fetches;
  }

  /**
   * A conversation being fetched is no longer wanted: the session was shut down, another fetch
   * started after it (the customer picked another conversation before the first arrived), or
   * something moved on meanwhile (reset, a new conversation, another tab's pointer).
   */
  function superseded(fetch: number) {
    return destroyed || fetch !== fetches || state.phase !== 'resuming';
  }

  function resetLocal() {
    resets += 1;
    metadataExtra = {};
    leaveConversation(initialState());
  }

  function prefillFor(identity: Identity | null) {
    return { name: fullName(identity), email: identity?.email ?? '', message: '' };
  }
}

export type Session = ReturnType<typeof createSession>;
