// Domain types: what the rest of the widget knows of the helpdesk. Only adapter.ts knows the wire
// shape (snake_case, envelopes); everything else speaks these.

export type ConversationStatus = 'open' | 'pending' | 'resolved' | 'closed';
export type Priority = 'low' | 'normal' | 'high' | 'urgent';
export type Channel = 'web' | 'email' | 'api' | 'callback';
export type AuthHeader = 'bearer' | 'x-api-key';

export interface Requester {
  /** null when the API created an anonymous requester without an email (an unknown of the contract). */
  email: string | null;
  firstName: string | null;
  lastName: string | null;
}

export interface Conversation {
  id: string;
  number: number | null;
  subject: string;
  /** An unknown status from the API is kept as 'open' by the adapter. */
  status: ConversationStatus;
  priority: Priority;
  channel: Channel | null;
  metadata: Record<string, unknown>;
  requester: Requester;
  createdAt: string;
  /** createdAt when the API gives none (the adapter's fallback). */
  updatedAt: string;
}

export interface Message {
  id: string;
  senderEmail: string | null;
  body: string;
  /** 'reply' (or a missing type, normalised to 'reply'); any other value is never shown. */
  type: string;
  createdAt: string;
}

export interface Page<T> {
  count: number;
  items: T[];
}

export interface CreateConversationInput {
  subject: string;
  description?: string;
  userEmail?: string;
  userFirstName?: string;
  userLastName?: string;
  priority?: Priority;
  channel?: Channel;
  metadata?: Record<string, unknown>;
}

export interface ListConversationsQuery {
  userEmail?: string;
  status?: ConversationStatus;
  /** 1..100, the API's default is 20. */
  limit?: number;
  offset?: number;
}

export interface SendMessageInput {
  body: string;
  /** The sender: the requester's email returned by the create call. */
  userEmail: string;
}

/** Result of a (conditional) messages-list request. */
export type MessagesResult = { changed: false } | { changed: true; etag: string | null; messages: Message[] };

export interface RequestOptions {
  signal?: AbortSignal;
}

/** The client-key API, one function per endpoint the widget may call (never resolve). */
export interface ApiClient {
  createConversation(input: CreateConversationInput, options?: RequestOptions): Promise<Conversation>;
  listConversations(query?: ListConversationsQuery, options?: RequestOptions): Promise<Page<Conversation>>;
  getConversation(id: string, options?: RequestOptions): Promise<Conversation>;
  /**
   * Lists every message, oldest first. Visible and hidden types alike come back (the session
   * filters with `isVisibleMessage`), so that matching by id stays exact.
   * With `etag`, sends If-None-Match and answers `{ changed: false }` on 304.
   */
  listMessages(id: string, options?: RequestOptions & { etag?: string | null }): Promise<MessagesResult>;
  sendMessage(id: string, input: SendMessageInput, options?: RequestOptions): Promise<Message>;
}
