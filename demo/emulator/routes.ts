// The vendor's Conversations API: one route per documented endpoint, paths exactly as documented
// (trailing slash included; Django answers 404 without it since APPEND_SLASH cannot redirect a POST).

import { createHash } from 'node:crypto';
import type { Reply } from './http-io';
import { detail, fieldErrors, json, parseJsonObject } from './http-io';
import type { Identity } from './keys';
import type { Store } from './store';
import { NotFoundError } from './store';
import type { Switches, WireConversation } from './types';
import type { ListQuery } from './validate';
import { checkCreateConversation, checkCreateMessage, checkListQuery } from './validate';

export interface ApiRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  raw: Buffer;
  identity: Identity;
  /** e.g. http://127.0.0.1:43123, for the absolute next/previous links. */
  baseUrl: string;
}

export interface ApiContext {
  store: Store;
  switches: Switches;
}

export interface Route {
  pattern: RegExp;
  methods: readonly string[];
  /** Admin routes refuse client keys before their handler runs. */
  serverKeyOnly?: boolean;
  handle(request: ApiRequest, params: string[]): Reply;
}

type Handler = (request: ApiRequest, params: string[], context: ApiContext) => Reply;

const ID = '([^/]+)';
const PREFIX = '/api/v1/conversations';

export const ENDED_DETAIL = 'This conversation is closed.';
export const RESOLVE_NEEDS_SERVER_KEY = 'Resolving a conversation needs a server key (bnc_sv_); client keys may not.';

const isEnded = (conversation: WireConversation) => conversation.status === 'resolved' || conversation.status === 'closed';

function pageLink(request: ApiRequest, query: ListQuery, offset: number | null): string {
  const url = new URL(request.path, request.baseUrl);
  for (const [name, value] of Object.entries(request.query)) url.searchParams.set(name, value);
  url.searchParams.set('limit', String(query.limit));
  if (offset === null) url.searchParams.delete('offset');
  else url.searchParams.set('offset', String(offset));
  return url.toString();
}

function listConversations(request: ApiRequest, _params: string[], { store, switches }: ApiContext): Reply {
  const checked = checkListQuery(request.query);
  if (!checked.ok) return fieldErrors(checked.errors);
  const query = checked.value;
  const { count, items } = store.listConversations(query);
  if (switches.listEnvelope === 'count-results') return json(200, { count, results: items });
  // DRF's LimitOffsetPagination: no offset on the link back to the first page.
  const next = query.offset + query.limit < count ? pageLink(request, query, query.offset + query.limit) : null;
  const previous = query.offset <= 0 ? null : pageLink(request, query, query.offset - query.limit <= 0 ? null : query.offset - query.limit);
  return json(200, { count, next, previous, results: items });
}

function createConversation(request: ApiRequest, _params: string[], { store, switches }: ApiContext): Reply {
  const body = parseJsonObject(request.headers['content-type'], request.raw);
  if (!body.ok) return body.reply;
  const checked = checkCreateConversation(body.data);
  if (!checked.ok) return fieldErrors(checked.errors);
  return json(201, store.createConversation(checked.value, switches));
}

function getConversation(_request: ApiRequest, [id]: string[], { store }: ApiContext): Reply {
  return json(200, store.getConversation(id as string));
}

/** True when one of the listed tags matches; If-None-Match compares weakly (RFC 9110, 13.1.2). */
function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const strip = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || strip(tag) === etag);
}

function listMessages(request: ApiRequest, [id]: string[], { store, switches }: ApiContext): Reply {
  const messages = store.listMessages(id as string);
  const body = JSON.stringify({ count: messages.length, results: messages });
  if (!switches.etag) return { status: 200, headers: { 'Content-Type': 'application/json' }, body };
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
  if (ifNoneMatchHits(request.headers['if-none-match'], etag)) return { status: 304, headers: { ETag: etag }, body: null };
  return { status: 200, headers: { 'Content-Type': 'application/json', ETag: etag }, body };
}

function createMessage(request: ApiRequest, [id]: string[], { store, switches }: ApiContext): Reply {
  const conversation = store.getConversation(id as string);
  const body = parseJsonObject(request.headers['content-type'], request.raw);
  if (!body.ok) return body.reply;
  const checked = checkCreateMessage(body.data, request.identity.kind === 'server');
  if (!checked.ok) return fieldErrors(checked.errors);
  if (isEnded(conversation) && !switches.endedAcceptsMessages) return detail(400, ENDED_DETAIL);
  const { body: text, userEmail, messageType } = checked.value;
  return json(201, store.addMessage(conversation.id, { senderEmail: userEmail, body: text, type: messageType }));
}

function resolve(request: ApiRequest, [id]: string[], { store }: ApiContext): Reply {
  if (request.identity.kind !== 'server') return detail(403, RESOLVE_NEEDS_SERVER_KEY);
  return json(200, store.setStatus(store.getConversation(id as string).id, 'closed'));
}

/** An unknown conversation id anywhere in a handler becomes the vendor's 404. */
const withNotFound =
  (handler: Handler, context: ApiContext) =>
  (request: ApiRequest, params: string[]): Reply => {
    try {
      return handler(request, params, context);
    } catch (error) {
      if (error instanceof NotFoundError) return detail(404, 'Not found.');
      throw error;
    }
  };

export function apiRoutes(context: ApiContext): Route[] {
  const route = (path: string, method: string, handler: Handler): Route => ({
    pattern: new RegExp(`^${PREFIX}${path}$`),
    methods: [method],
    handle: withNotFound(handler, context),
  });
  // Order matters: `create/` must win over `{id}/`, as in the vendor's URL conf.
  return [
    route('/', 'GET', listConversations),
    route('/create/', 'POST', createConversation),
    route(`/${ID}/`, 'GET', getConversation),
    route(`/${ID}/messages/`, 'GET', listMessages),
    route(`/${ID}/messages/create/`, 'POST', createMessage),
    route(`/${ID}/resolve/`, 'POST', resolve),
  ];
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function findRoute(routes: readonly Route[], path: string): { route: Route; params: string[] } | null {
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (match) return { route, params: match.slice(1).map(decodeSegment) };
  }
  return null;
}
