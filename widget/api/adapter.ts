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
/** A query string's values; undefined ones are left out of the URL. */
export type Query = Record<string, string | number | undefined>;

const STATUSES: readonly ConversationStatus[] = ['open', 'pending', 'resolved', 'closed'];
const PRIORITIES: readonly Priority[] = ['low', 'normal', 'high', 'urgent'];
const CHANNELS: readonly Channel[] = ['web', 'email', 'api', 'callback'];

/** The only message type a customer may see; internal notes and events must never leak. */
const VISIBLE_TYPE = 'reply';

export const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

const oneOf = <T extends string>(allowed: readonly T[], value: unknown): T | null =>
  typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : null;

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** A string that carries something; '' and non-strings are absent. */
const optionalText = (value: unknown): string | null => (text(value).trim() ? (value as string) : null);

/** `Number.isFinite` does not coerce, so '42' is not a number here. */
const finiteNumber = (value: unknown): number | null => (Number.isFinite(value) ? (value as number) : null);

/** Ids are opaque strings (UUIDs in the docs); a numeric id is accepted defensively. */
const toId = (value: unknown): string | null => optionalText(Number.isFinite(value) ? String(value) : value);

function invalid(what: string): never {
  throw new ApiError({ kind: 'invalid-response', message: `The helpdesk answered ${what}.` });
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
    number: finiteNumber(raw.number),
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

/**
 * A list answer: `{count, results}`, `{count, next, previous, results}`, or a bare array
 * (defensively). The envelope is one of the contract's unknowns, so all three are accepted. `count`
 * is the total on the server, which may exceed `items.length`; without a sensible one, the items.
 */
function toPage<T>(raw: unknown, adapt: (item: unknown) => T | null, what: string): Page<T> {
  const envelope = isObject(raw) ? raw : { results: raw };
  if (!Array.isArray(envelope.results)) invalid(`with an unreadable ${what} list (no "results" array)`);
  const items = envelope.results.map(adapt).filter((item) => item !== null);
  const count = finiteNumber(envelope.count) ?? -1;
  return { count: count < 0 ? items.length : count, items };
}

export const toConversationPage = (raw: unknown): Page<Conversation> => toPage(raw, toConversation, 'conversation');

/** Every message of a conversation, in the server's order (oldest first), hidden types included. */
export const toMessageList = (raw: unknown): Message[] => toPage(raw, toMessage, 'message').items;

/** A single conversation answer (create, get); without an id it cannot be used at all. */
export function parseConversation(raw: unknown): Conversation {
  return toConversation(raw) ?? invalid('without a usable conversation');
}

/** The answer to a sent message, whose shape the contract does not pin down (assumed a message). */
export function parseMessage(raw: unknown): Message {
  return toMessage(raw) ?? invalid('without a usable message');
}

// An option left out stays undefined here, and is then absent on the wire, not `null`: JSON.stringify
// skips undefined properties, and so does the transport's query string.

export function toCreateConversationBody(input: CreateConversationInput): Json {
  return {
    subject: input.subject,
    description: input.description,
    user_email: input.userEmail,
    user_first_name: input.userFirstName,
    user_last_name: input.userLastName,
    priority: input.priority,
    channel: input.channel,
    metadata: input.metadata,
  };
}

export function toSendMessageBody(input: SendMessageInput): Json {
  return { body: input.body, user_email: input.userEmail };
}

export function toListConversationsQuery(query: ListConversationsQuery = {}): Query {
  return { user_email: query.userEmail, status: query.status, limit: query.limit, offset: query.offset };
}
