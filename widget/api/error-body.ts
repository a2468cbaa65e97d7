// Turns the body of a failed answer into one readable message (and field errors). The contract
// leaves the validation shape open: `{"detail": "…"}`, field lists such as `{"subject": ["…"]}`,
// or a plain text / HTML page from a proxy in front of the helpdesk.

import { isObject } from './adapter';

export interface ErrorDescription {
  message: string;
  fieldErrors: Record<string, string[]>;
}

const MAX_TEXT = 200;

/** What to say when the body says nothing useful. */
const DEFAULT_MESSAGES: Record<number, string> = {
  400: 'The helpdesk refused the request as invalid.',
  401: 'The helpdesk refused the API key (invalid or revoked).',
  403: 'The helpdesk refused this request: this site may not be on the key’s list of allowed origins.',
  404: 'The helpdesk could not find this conversation.',
  405: 'The helpdesk does not allow this request.',
  408: 'The helpdesk gave up waiting for the request.',
  409: 'The request conflicts with the conversation’s current state.',
  413: 'The message is too large for the helpdesk.',
  429: 'Too many requests to the helpdesk; try again in a moment.',
  500: 'The helpdesk had an internal error.',
  502: 'The helpdesk is unreachable behind its gateway.',
  503: 'The helpdesk is temporarily unavailable.',
  504: 'The helpdesk took too long to answer.',
};

export function defaultMessage(status: number): string {
  return DEFAULT_MESSAGES[status] ?? `The helpdesk answered with HTTP ${status}.`;
}

/** Keys whose errors are about the request as a whole (Django REST framework's convention). */
const GENERAL_KEYS = ['non_field_errors', '__all__'];

/** The non-blank strings of a string or a (nested) list of them. */
const messagesOf = (value: unknown): string[] =>
  typeof value === 'string' ? (value.trim() ? [value.trim()] : []) : Array.isArray(value) ? value.flatMap(messagesOf) : [];

/** `{"subject": ["…"], "metadata": {"key": ["…"]}}` → flat field → messages, nested keys dotted. */
function collectFieldErrors(body: Record<string, unknown>, prefix = '', out: Record<string, string[]> = {}) {
  for (const [key, value] of Object.entries(body)) {
    const messages = messagesOf(value);
    if (isObject(value)) collectFieldErrors(value, `${prefix + key}.`, out);
    else if (messages.length) out[prefix + key] = messages;
  }
  return out;
}

const humanField = (field: string) =>
  field
    .replace(/[_.]+/g, ' ')
    .trim()
    .replace(/^./, (first) => first.toUpperCase());

const described = (messages: string[], fieldErrors: Record<string, string[]> = {}): ErrorDescription | null =>
  messages.length ? { message: messages.join(' '), fieldErrors } : null;

/** A JSON body (or the text of a body that is not JSON) as a message, or null when it says nothing. */
function describe(body: unknown): ErrorDescription | null {
  if (!isObject(body)) return described(messagesOf(typeof body === 'string' ? readableText(body) : body));
  // A general message wins over field lists: `detail` is DRF's, `message` and `error` other stacks'.
  const general = [body.detail, body.message, body.error].map(messagesOf).find((messages) => messages.length);
  if (general) return described(general);
  const fieldErrors = collectFieldErrors(body);
  const parts = Object.entries(fieldErrors).map(([field, messages]) =>
    GENERAL_KEYS.includes(field) ? messages.join(' ') : `${humanField(field)}: ${messages.join(' ')}`,
  );
  return described(parts, fieldErrors);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (match, name: string) => {
    if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? match;
    // Number reads "0x41" as hex and "065" as decimal, so both numeric forms share one path.
    const code = Number(`0${name.slice(1)}`);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : match;
  });
}

/**
 * Plain text or an HTML error page (nginx, a CDN) reduced to one readable line: the head, scripts
 * and styles dropped, tags removed, whitespace collapsed, cut to about 200 characters.
 */
export function readableText(body: string): string {
  const withoutHidden = body.replace(/<!--[\s\S]*?-->/g, ' ').replace(/<(head|script|style|noscript)\b[\s\S]*?<\/\1\s*>/gi, ' ');
  const plain = decodeEntities(withoutHidden.replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > MAX_TEXT ? `${plain.slice(0, MAX_TEXT - 1).trimEnd()}…` : plain;
}

/** The readable description of a failed answer's body; falls back to a default per status. */
export function describeErrorBody(status: number, body: string): ErrorDescription {
  let parsed: unknown = body;
  try {
    parsed = JSON.parse(body);
  } catch {
    // Not JSON: plain text or an HTML page, read as text.
  }
  return describe(parsed) ?? { message: defaultMessage(status), fieldErrors: {} };
}
