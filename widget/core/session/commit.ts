// One commit of the session: the view derived from the sources of truth, what the customer sees
// marked read (an effect of "the panel is open in a visible page", nothing else), the listeners
// and the host told, and the workers made to match what should run.

import type { MessageFeed } from '../message-feed';
import type { Outbox } from '../outbox';
import type { Visibility } from '../world';
import { derive, isEnded, readMarker } from './derive';
import { desiredWork } from './desired-work';
import type { SessionDeps } from './interfaces';
import type { Pointer } from './pointer';
import type { Store } from './store';
import type { TabSync } from './tab-sync';
import type { Work } from './work';

/** What the session knows besides its sources and its workers' state. */
export interface Facts {
  destroyed: boolean;
  /** The helpdesk refused the key or origin (401/403): no more polls until a reload. */
  refused: boolean;
  panelOpen: boolean;
  /** False between pagehide and pageshow. */
  pageActive: boolean;
  /** The customer's last activity in this tab (clock time), for the poll's pace. */
  lastActivityAt: number;
  /** Poll at the next commit: something new is to be seen. */
  pollSoon: boolean;
  /** New team replies came since the last commit. */
  newReplies: boolean;
}

/** A tab that just loaded: nothing open, nothing refused, the customer active now. */
export const initialFacts = (now: number): Facts => ({
  destroyed: false,
  refused: false,
  panelOpen: false,
  pageActive: true,
  lastActivityAt: now,
  pollSoon: false,
  newReplies: false,
});

/**
 * When commits run: `now()` for what the UI and the entry call, `later()` (once, on the next
 * microtask) for what workers report, so that a worker's callback never runs the coordinator inside
 * the worker's own call. A commit asked for during one runs after it.
 */
export function commitLoop(run: () => void) {
  let dirty = false;
  let committing = false;
  function later() {
    if (dirty) return;
    dirty = true;
    queueMicrotask(() => dirty && now());
  }
  function now() {
    dirty = false;
    if (committing) return later();
    committing = true;
    try {
      run();
    } finally {
      committing = false;
    }
  }
  return { now, later };
}

export interface CommitParts {
  store: Store;
  pointer: Pointer;
  feed: Pick<MessageFeed, 'list'>;
  outbox: Pick<Outbox, 'entries' | 'hasWork'>;
  tabs: Pick<TabSync, 'leader' | 'isLeader' | 'post'>;
  visibility: Visibility;
  work: Work;
  emit: SessionDeps['emit'];
  onNewReplies?(): void;
}

export function commit(parts: CommitParts, facts: Facts) {
  const { store, pointer, tabs, visibility } = parts;
  const input = () => {
    const sources = store.get();
    const id = sources.conversation?.id;
    return { sources, pointer: pointer.get(), serverMessages: parts.feed.list, outbox: id ? parts.outbox.entries(id) : [] };
  };
  const before = store.view();
  let view = derive(input(), before);
  const onScreen = !facts.destroyed && facts.panelOpen && visibility.isVisible();
  const marker = onScreen ? readMarker(view.messages, pointer.get()?.lastReadAt ?? null) : null;
  if (marker) {
    pointer.markRead(marker);
    tabs.post({ type: 'read' });
    view = derive(input(), before);
  }
  // Once destroyed, no more events: only the workers are stopped.
  const shown = !facts.destroyed && store.publish(view);
  if (shown && view.unreadCount !== before.unreadCount) parts.emit('unread', { count: view.unreadCount });

  const { conversation, pending } = store.get();
  const desired = desiredWork({
    running: !facts.destroyed,
    coordinated: tabs.leader !== null,
    leader: tabs.isLeader(),
    pageActive: facts.pageActive,
    visible: visibility.isVisible(),
    refused: facts.refused,
    conversation: conversation && { id: conversation.id, ended: isEnded(conversation) },
    pending: pending !== null,
    unsent: parts.outbox.hasWork(),
  });
  parts.work.reconcile(desired, facts.pollSoon);
  facts.pollSoon = false;
  // After the state shows them: the reply alerts read it.
  if (facts.newReplies && !facts.destroyed) parts.onNewReplies?.();
  facts.newReplies = false;
}
