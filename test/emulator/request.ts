// Plain fetch over loopback for the emulator's contract tests: no client library, no mocks.

import type { WireConversation, WireMessage } from '../../demo/emulator/index';
import type { TestEmulator } from '../helpers/emulator';

export interface CallOptions {
  method?: string;
  /** The key to send; null sends none. Defaults to the client key. */
  key?: string | null;
  /** How the key travels. */
  keyHeader?: 'bearer' | 'x-api-key';
  /** A JSON body (serialised, with Content-Type: application/json) unless `rawBody` is given. */
  json?: unknown;
  rawBody?: string;
  origin?: string;
  headers?: Record<string, string>;
}

export async function call(helpdesk: TestEmulator, path: string, options: CallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = {};
  const key = options.key === undefined ? helpdesk.keys.client : options.key;
  if (key !== null) {
    if (options.keyHeader === 'x-api-key') headers['X-API-Key'] = key;
    else headers.Authorization = `Bearer ${key}`;
  }
  if (options.origin) headers.Origin = options.origin;
  let body: string | undefined = options.rawBody;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  }
  const method = options.method ?? (body === undefined ? 'GET' : 'POST');
  return fetch(`${helpdesk.url}${path}`, { method, headers: { ...headers, ...options.headers }, body });
}

export async function callJson<T = Record<string, unknown>>(
  helpdesk: TestEmulator,
  path: string,
  options: CallOptions = {},
): Promise<{ status: number; body: T; headers: Headers }> {
  const response = await call(helpdesk, path, options);
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T, headers: response.headers };
}

export async function createConversation(helpdesk: TestEmulator, fields: Record<string, unknown> = {}, options: CallOptions = {}): Promise<WireConversation> {
  const { status, body } = await callJson<WireConversation>(helpdesk, '/api/v1/conversations/create/', {
    ...options,
    json: { subject: 'Help with order #1234', ...fields },
  });
  if (status !== 201) throw new Error(`create answered ${status}: ${JSON.stringify(body)}`);
  return body;
}

export async function sendMessage(
  helpdesk: TestEmulator,
  conversationId: string,
  fields: Record<string, unknown>,
  options: CallOptions = {},
): Promise<{ status: number; body: WireMessage & Record<string, unknown> }> {
  return callJson(helpdesk, `/api/v1/conversations/${conversationId}/messages/create/`, { ...options, json: fields });
}

export const messagesPath = (id: string) => `/api/v1/conversations/${id}/messages/`;
export const ISO_WITH_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
