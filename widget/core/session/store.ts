// The session's sources of truth that are not kept elsewhere (the pointer, the message feed and the
// outbox are), the operation under way with its token, and the view the UI reads, which derive()
// computes from them all. Every write schedules a commit (compose.ts); only a commit shows a view.

import type { Conversation } from '../../api/types';
import { initialState, type SessionState } from '../state';

/** A create or a resume under way. A later one, or a change of conversation, supersedes it. */
export interface Pending {
  kind: 'creating' | 'resuming';
  token: number;
}

export type Sources = Pick<SessionState, 'notice' | 'draft' | 'prefill' | 'formErrors' | 'identity' | 'history'> & {
  /** The API's record of the conversation the pointer names; null on the form. */
  conversation: Conversation | null;
  pending: Pending | null;
};

/** Nothing known, nothing typed, nothing under way. */
export function initialSources(): Sources {
  const { notice, draft, prefill, formErrors, identity, history } = initialState();
  return { conversation: null, pending: null, notice, draft, prefill, formErrors, identity, history };
}

const sameView = (a: SessionState, b: SessionState) => (Object.keys(a) as Array<keyof SessionState>).every((key) => a[key] === b[key]);

/** `prefill`: the form as it was left on another page of the site (drafts.ts), shown from the first view. */
export function createStore(changed: () => void, prefill = initialState().prefill) {
  let sources = { ...initialSources(), prefill };
  let view = { ...initialState(), prefill };
  let tokens = 0;
  const listeners = new Set<() => void>();

  function set(patch: Partial<Sources>) {
    sources = { ...sources, ...patch };
    changed();
  }

  return {
    get: () => sources,
    set,
    /** Starts an operation: the token that says, when it ends, whether it is still the one wanted. */
    begin(kind: Pending['kind']): number {
      const token = ++tokens;
      set({ pending: { kind, token } });
      return token;
    },
    isCurrent: (token: number) => sources.pending?.token === token,
    /** No operation is wanted any more (another conversation, a reset, a shutdown). */
    cancel() {
      if (sources.pending) set({ pending: null });
    },
    view: () => view,
    /** Shows the next view; the listeners hear of it when anything differs. */
    publish(next: SessionState): boolean {
      if (sameView(view, next)) return false;
      view = next;
      for (const listener of [...listeners]) listener();
      return true;
    },
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    close: () => listeners.clear(),
  };
}

export type Store = ReturnType<typeof createStore>;
