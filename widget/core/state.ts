// The session's state as the UI reads it: derived from the session's sources of truth by
// session/derive.ts after every change, never set by hand; the Preact skin renders it and calls the
// actions. Nothing here knows the DOM.

import type { Conversation, ConversationStatus } from '../api/types';

/** A customer message's delivery: shown at once, then sent, or failed with a retry. */
export type DeliveryStatus = 'sending' | 'sent' | 'failed';

export interface ChatMessage {
  /** Stable key for rendering: the outbox id for the customer's own messages, else the API id. */
  key: string;
  /** The API's id once known. */
  id: string | null;
  author: 'customer' | 'team';
  body: string;
  /**
   * The server's ISO time; null while the server has not confirmed the message (the browser's
   * clock is not to be trusted next to the server's, issue 14).
   */
  createdAt: string | null;
  delivery: DeliveryStatus;
  /** Why the last send failed (the API's message), for `failed`. */
  error?: string;
}

/**
 * What the panel shows, derived from two sources that change apart (session/derive.ts): the
 * conversation (none, or its status) and the operation under way (a create or a resume).
 */
export type Phase =
  /** no conversation: the new-conversation form. */
  | 'form'
  /** the create call is under way. */
  | 'creating'
  /** a stored conversation is being fetched. */
  | 'resuming'
  /** talking. */
  | 'active'
  /** resolved or closed by the team: say so and offer a new one. */
  | 'ended';

export interface ConversationSummary {
  id: string;
  subject: string;
  status: ConversationStatus;
  updatedAt: string;
}

export interface Identity {
  email: string;
  firstName?: string;
  lastName?: string;
}

export interface Notice {
  kind: 'offline' | 'error';
  /** The helpdesk's words for an error; empty: the panel's own text in the customer's language. */
  text: string;
}

/** The new-conversation form's fields, as the customer fills them in. */
export interface FormFields {
  name: string;
  email: string;
  message: string;
}

/** The form as the session prefills it and takes it back: Parley('newConversation') may give a subject. */
export interface FormValues extends FormFields {
  subject?: string;
}

export interface SessionState {
  phase: Phase;
  conversation: Conversation | null;
  /** Visible messages, oldest first, the first message exactly once. */
  messages: readonly ChatMessage[];
  /** Team messages the customer has not seen (the panel was closed when they came). */
  unreadCount: number;
  /** Shown above the composer or form: offline, or the last error that the customer must see. */
  notice: Notice | null;
  /** The requester has no email: ask for one before the next reply (the draft is kept). */
  needsEmail: boolean;
  /** The composer's text, persisted per conversation. */
  draft: string;
  /** Prefill for the new-conversation form (newConversation command, identify). */
  prefill: FormValues;
  /** Field errors of the last failed create, by form field (name, email, message). */
  formErrors: Record<string, string>;
  /** Set by identify; null for an anonymous visitor. */
  identity: Identity | null;
  /** Identified customers' conversations, newest first. */
  history: { status: 'idle' | 'loading' | 'ready' | 'error'; items: readonly ConversationSummary[] };
}

/** What the UI may ask of the session. Every action is safe to call at any time. */
export interface SessionActions {
  startConversation(input: { name: string; email: string; message: string }): Promise<void>;
  sendReply(text: string): void;
  retry(messageKey: string): void;
  setDraft(text: string): void;
  /** The customer typed in the new-conversation form: kept for the site's next page and a reload. */
  setFormDraft(fields: FormFields): void;
  /** After an ended conversation, or from the history list: back to the form. */
  startNew(): void;
  resume(conversationId: string): Promise<void>;
  provideEmail(email: string): void;
  dismissNotice(): void;
}

/** No conversation yet: the form, nothing typed, nothing known. */
export function initialState(): SessionState {
  return {
    phase: 'form',
    conversation: null,
    messages: [],
    unreadCount: 0,
    notice: null,
    needsEmail: false,
    draft: '',
    prefill: { name: '', email: '', message: '' },
    formErrors: {},
    identity: null,
    history: { status: 'idle', items: [] },
  };
}
