// The emulator's public types. Wire* are the vendor's JSON shapes exactly (snake_case), as in
// /work/shared/api-contract.md; everything else is the emulator's own configuration surface.

export type ConversationStatus = 'open' | 'pending' | 'resolved' | 'closed';
export type Priority = 'low' | 'normal' | 'high' | 'urgent';
export type Channel = 'web' | 'email' | 'api' | 'callback';

export const STATUSES: readonly ConversationStatus[] = ['open', 'pending', 'resolved', 'closed'];
export const PRIORITIES: readonly Priority[] = ['low', 'normal', 'high', 'urgent'];
export const CHANNELS: readonly Channel[] = ['web', 'email', 'api', 'callback'];

export interface WireRequester {
  email: string | null;
  first_name: string;
  last_name: string;
}

export interface WireConversation {
  id: string;
  number: number;
  subject: string;
  status: ConversationStatus;
  priority: Priority;
  channel: Channel;
  metadata: Record<string, unknown>;
  requester: WireRequester;
  created_at: string;
  updated_at: string;
}

export interface WireMessage {
  id: string;
  sender_email: string | null;
  body: string;
  /** 'reply' for what the customer may see, 'note' for an internal note (agents only). */
  message_type: string;
  created_at: string;
}

export interface ClientKeyConfig {
  key: string;
  /** Exact origins such as 'https://shop.example'; '*' allows any origin. */
  allowedOrigins: string[];
}

/** One switch per unknown of the contract, plus the fault knobs. Live: tests flip fields directly. */
export interface Switches {
  /** The create call's description is also listed as the first message (sender = requester). */
  descriptionAsMessage: boolean;
  /** 'generated': an anonymous requester gets anon-<8hex>@anonymous.invalid; 'none': email null. */
  anonymousEmail: 'generated' | 'none';
  /** The messages list sends a strong ETag and answers If-None-Match with 304. */
  etag: boolean;
  /** Conversations list envelope: {count,results} or {count,next,previous,results}. */
  listEnvelope: 'count-results' | 'paginated';
  /** 'cors': a foreign origin gets no CORS headers; '403': a readable 403 with CORS headers. */
  originRefusal: 'cors' | '403';
  /** Whether messages/create accepts a message on a resolved or closed conversation. */
  endedAcceptsMessages: boolean;
  /** Delay added before each API answer. */
  latencyMs: number;
  /** Fraction (0..1) of API requests that fail with failStatus. */
  failRate: number;
  failStatus: number;
}

export interface EmulatorOptions {
  /** Folder holding db.json (created if missing). */
  dataDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  clientKeys?: ClientKeyConfig[];
  serverKeys?: string[];
  /** Per key, over a sliding 60 s window; past it 429 with Retry-After. */
  rateLimitPerMinute?: number;
  /** Sender of agentReply() messages. */
  agentEmail?: string;
  switches?: Partial<Switches>;
}

/** `path` is matched against the URL pathname: a string exactly, a RegExp by test(). */
export interface FaultMatch {
  method?: string;
  path: string | RegExp;
}

export interface FailOptions {
  /** Sent verbatim as the Retry-After header. */
  retryAfter?: string;
  /** A custom body (e.g. a proxy's HTML 502 page) instead of {"detail": ...}. */
  body?: string;
  contentType?: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Lower-cased names. */
  headers: Record<string, string>;
  /** Parsed JSON when the body was JSON, the raw text otherwise, undefined when empty or too big. */
  body: unknown;
  origin: string | null;
  /** The status sent; 0 while unanswered or when the answer was lost (loseNextAnswer, stop()). */
  status: number;
  /** Arrival time, ms since the epoch. */
  at: number;
}

export interface Emulator {
  /** e.g. http://127.0.0.1:43123 (no trailing slash). */
  url: string;
  port: number;
  switches: Switches;
  /** The next `count` matching requests are answered with `status` and NOT processed. */
  failNext(match: FaultMatch, count: number, status: number, options?: FailOptions): void;
  /** The next `count` matching requests are processed and committed, then the socket is destroyed. */
  loseNextAnswer(match: FaultMatch, count: number): void;
  /** Every request in arrival order, preflights included (the oldest are dropped past 10 000). */
  requests: RecordedRequest[];
  clearRequests(): void;
  listConversations(): WireConversation[];
  listMessages(conversationId: string): WireMessage[];
  /** type 'reply' by default; 'note' is an internal note the customer must never see. */
  agentReply(conversationId: string, body: string, options?: { email?: string; type?: string }): WireMessage;
  setStatus(conversationId: string, status: ConversationStatus): void;
  deleteConversation(conversationId: string): void;
  stop(): Promise<void>;
}
