// The session's two faces, declared once: what the panel reads and calls (SessionForUi), and what
// the entry controls (SessionForEntry); and what composeSession() takes from the page
// (SessionDeps). Types only.

import type { ClientOptions } from '../../api/client';
import type { ParleyEvents } from '../events';
import type { ResolvedConfig } from '../options';
import type { ChatMessage, Identity, SessionActions, SessionState } from '../state';
import type { BroadcastChannelLike } from '../tab-channel';
import type { Clock, Connectivity, LockManagerLike, StorageBackend, SubscribeStorage, Visibility } from '../world';
import type { Timing } from './pace';

/** What the Preact skin reads of the session, and calls. */
export interface SessionForUi {
  getState(): SessionState;
  /** Called after every change of the state; returns an unsubscribe. */
  subscribe(listener: () => void): () => void;
  actions: SessionActions;
}

/** What the entry (widget/app/) controls: the page's facts in, the host's commands, the lifetime. */
export interface SessionForEntry {
  /** On load: resume the conversation this browser started, if any (no request otherwise). */
  restore(): Promise<void>;
  setPanelOpen(open: boolean): void;
  /** The page is going away (pagehide) or back (pageshow): hand the lead over, or take part again. */
  setPageActive(active: boolean): void;
  identify(identity: Identity): void;
  setMetadata(extra: Record<string, unknown>): void;
  /** Parley('newConversation', …): the form, prefilled. */
  prefillNew(input: { subject?: string; message?: string }): void;
  /**
   * What the log shows, for a copy of the conversation: read from the API when this tab has not
   * had the list yet (a hidden page does not poll; a tab that follows waits for the leader's).
   */
  currentMessages(): Promise<readonly ChatMessage[]>;
  /** This tab polls and sends for the browser (always, for a tab that works alone). */
  isLeader(): boolean;
  /** Logout: forget everything this browser stored, in every tab; keep running. */
  reset(): void;
  /** No more requests, timers or events. */
  destroy(): void;
}

export type Session = SessionForUi & SessionForEntry;

/** The site's other tabs, as the page gives them (widget/app/wiring.ts) or a test simulates them. */
export interface TabsWorld {
  /** This tab's one id: in the leader election, on the channel, and in what its panel tells. */
  tabId: string;
  /** `navigator.locks`, or null where the Web Locks API is missing. */
  locks: LockManagerLike | null;
  BroadcastChannel: (new (name: string) => BroadcastChannelLike) | null;
  /**
   * Raw localStorage, not the memory-backed wrapper: a lease only in this tab's memory would make
   * it believe it leads while another tab does too.
   */
  storage: () => StorageBackend | null;
  /**
   * localStorage changes made by other tabs. A channel message can arrive before the write it
   * announces is visible here (storage crosses processes asynchronously); this event cannot.
   */
  subscribeStorage: SubscribeStorage;
  /** The lease's length where Web Locks are missing (tests shorten it). */
  leaseMs?: number;
}

export interface SessionDeps {
  /** The helpdesk, as config.ts checked it, and the transport. */
  api: ClientOptions;
  /** localStorage, as a getter (merely reading `window.localStorage` can throw); null: memory only. */
  storage: () => Storage | null;
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
  /** The other tabs of the site. Without them this tab works alone; with them, only the leader polls and sends. */
  tabs?: TabsWorld;
}
