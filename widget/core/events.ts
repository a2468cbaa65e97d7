// The public events (product.md), each with when it fires. `Parley('on', name, handler)`.

import type { ConversationStatus } from '../api/types';

export interface ParleyEvents {
  /** The widget is mounted and has replayed the queued commands. */
  ready: { version: string };
  /** The panel opened (launcher, command, data-parley-open element). */
  open: Record<string, never>;
  /** The panel closed. */
  close: Record<string, never>;
  /** A conversation was created (`created: true`) or resumed after a reload or from the list. */
  conversation: { id: string; number: number | null; status: ConversationStatus; created: boolean };
  /** A new message from the team arrived (once per message, not for the history on load). */
  message: { id: string; body: string; createdAt: string };
  /** The count of team messages the customer has not seen changed. */
  unread: { count: number };
  /**
   * Something failed; `kind` says what (config, create, send, poll, command, metadata, storage,
   * transcript, and load: a file beside the loader that could not be fetched).
   */
  error: { kind: string; message: string; status: number | null };
}

export type ParleyEventName = keyof ParleyEvents;
export const EVENT_NAMES: readonly ParleyEventName[] = ['ready', 'open', 'close', 'conversation', 'message', 'unread', 'error'];
