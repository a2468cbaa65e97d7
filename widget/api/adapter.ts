// The only module that knows the helpdesk's wire shape (snake_case, list envelopes). Everything
// it returns is a domain type from types.ts; unknown fields die here. It is tolerant by design:
// the contract leaves several shapes undocumented (api-contract.md, "What is not documented"), so a
// surprising item is normalised or dropped, and only an unusable top level is an error.

import { ApiError } from './errors';
import type {
  Channel,
  Conversation,
  ConversationStatus,
  CreateConversationInput,
  ListConversationsQuery,
  Message,
  Page,
  Priority,
  Requester,
  SendMessageInput,
} from './types';

type Json = Record<string, unknown>;

const STATUSES: readonly ConversationStatus[] = ['open', 'pending', 'resolved', 'closed'];
const PRIORITIES: readonly Priority[] = ['low', 'normal', 'high', 'urgent'];
const CHANNELS: readonly Channel[] = ['web', 'email', 'api', 'callback'];

/** The only message type a customer may see; internal notes and events must never leak. */
const VISIBLE_TYPE = 'reply';

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const oneOf = <T extends string>(allowed: readonly T[], value: unknown): T | null =>
  typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : null;

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** A string that carries something; '' and non-strings are absent. */
const optionalText = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value : null;

/** Ids are opaque strings (UUIDs in the docs); a numeric id is accepted defensively. */
function toId(value: unknown): string | null {
  if (typeof value === 'string' && value.trim() !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

function invalid(message: string): ApiError {
  return new ApiError({ kind: 'invalid-response', message });
}

function toRequester(raw: unknown): Requester {
  const requester = isObject(raw) ? raw : {};
  return {
    email: optionalText(requester.email),
    firstName: optionalText(requester.first_name),
    lastName: optionalText(requester.last_name),
  };
}

/** A conversation, or null when the item has no usable id (it cannot be addressed anyway). */
export function toConversation(raw: unknown): Conversation | null {
  if (!isObject(raw)) return null;
  const id = toId(raw.id);
  if (id === null) return null;
  const createdAt = text(raw.created_at);
  return {
    id,
    number: typeof raw.number === 'number' && Number.isFinite(raw.number) ? raw.number : null,
    subject: text(raw.subject),
    status: oneOf(STATUSES, raw.status) ?? 'open',
    priority: oneOf(PRIORITIES, raw.priority) ?? 'normal',
    channel: oneOf(CHANNELS, raw.channel),
    metadata: isObject(raw.metadata) ? { ...raw.metadata } : {},
    requester: toRequester(raw.requester),
    createdAt,
    updatedAt: text(raw.updated_at) || createdAt,
  };
}

/**
 * The message type: a missing one means a plain reply (the documented shape always has one), a
 * non-string one is unknown and therefore hidden.
 */
function toMessageType(value: unknown): string {
  if (value === undefined || value === null || value === '') return VISIBLE_TYPE;
  return typeof value === 'string' ? value : 'unknown';
}

/** A message, or null when the item has no usable id (merging by id would be impossible). */
export function toMessage(raw: unknown): Message | null {
  if (!isObject(raw)) return null;
  const id = toId(raw.id);
  if (id === null) return null;
  return {
    id,
    senderEmail: optionalText(raw.sender_email),
    body: text(raw.body),
    type: toMessageType(raw.message_type),
    createdAt: text(raw.created_at),
  };
}

/** True only for what the customer may see: replies. Notes, events and unknown types stay hidden. */
export const isVisibleMessage = (message: Pick<Message, 'type'>): boolean => message.type === VISIBLE_TYPE;

function compact<T>(items: readonly unknown[], adapt: (raw: unknown) => T | null): T[] {
  const out: T[] = [];
  for (const item of items) {
    const adapted = adapt(item);
    if (adapted !== null) out.push(adapted);
  }
  return out;
}

/**
 * The results of a list answer: `{count, results}`, `{count, next, previous, results}`, or a bare
 * array (defensively). The envelope is one of the contract's unknowns, so all three are accepted.
 */
function toEnvelope(raw: unknown, what: string): { count: number | null; results: unknown[] } {
  if (Array.isArray(raw)) return { count: null, results: raw };
  if (isObject(raw) && Array.isArray(raw.results)) {
    const count = typeof raw.count === 'number' && Number.isFinite(raw.count) && raw.count >= 0 ? raw.count : null;
    return { count, results: raw.results };
  }
  throw invalid(`The helpdesk answered with an unreadable ${what} list (no "results" array).`);
}

/** A page of conversations; `count` is the total on the server, which may exceed `items.length`. */
export function toConversationPage(raw: unknown): Page<Conversation> {
  const { count, results } = toEnvelope(raw, 'conversation');
  const items = compact(results, toConversation);
  return { count: count ?? items.length, items };
}

/** Every message of a conversation, in the server's order (oldest first), hidden types included. */
export function toMessageList(raw: unknown): Message[] {
  return compact(toEnvelope(raw, 'message').results, toMessage);
}

/** A single conversation answer (create, get); without an id it cannot be used at all. */
export function parseConversation(raw: unknown): Conversation {
  const conversation = toConversation(raw);
  if (conversation === null) throw invalid('The helpdesk answered without a usable conversation.');
  return conversation;
}

/** The answer to a sent message, whose shape the contract does not pin down (assumed a message). */
export function parseMessage(raw: unknown): Message {
  const message = toMessage(raw);
  if (message === null) throw invalid('The helpdesk answered without a usable message.');
  return message;
}

/** Drops undefined values so that an omitted option is absent on the wire, not `null`. */
function definedOnly(entries: Record<string, unknown>): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(entries)) if (value !== undefined) out[key] = value;
  return out;
}

export function toCreateConversationBody(input: CreateConversationInput): Json {
  return definedOnly({
    subject: input.subject,
    description: input.description,
    user_email: input.userEmail,
    user_first_name: input.userFirstName,
    user_last_name: input.userLastName,
    priority: input.priority,
    channel: input.channel,
    metadata: input.metadata,
  });
}

export function toSendMessageBody(input: SendMessageInput): Json {
  return { body: input.body, user_email: input.userEmail };
}

export function toListConversationsQuery(query: ListConversationsQuery = {}): Record<string, string | number> {
  return definedOnly({
    user_email: query.userEmail,
    status: query.status,
    limit: query.limit,
    offset: query.offset,
  }) as Record<string, string | number>;
}
