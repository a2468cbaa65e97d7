// Turns the body of a failed answer into one readable message (and field errors). The contract
// leaves the validation shape open: `{"detail": "…"}`, field lists such as `{"subject": ["…"]}`,
// or a plain text / HTML page from a proxy in front of the helpdesk.

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

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Keys whose errors are about the request as a whole (Django REST framework's convention). */
const GENERAL_KEYS = new Set(['non_field_errors', '__all__']);

function messagesOf(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() ? [value.trim()] : [];
  if (Array.isArray(value)) return value.flatMap(messagesOf);
  return [];
}

/** `{"subject": ["…"], "metadata": {"key": ["…"]}}` → flat field → messages, nested keys dotted. */
function collectFieldErrors(body: Record<string, unknown>, prefix = '', out: Record<string, string[]> = {}) {
  for (const [key, value] of Object.entries(body)) {
    const field = prefix ? `${prefix}.${key}` : key;
    if (isObject(value)) {
      collectFieldErrors(value, field, out);
      continue;
    }
    const messages = messagesOf(value);
    if (messages.length) out[field] = messages;
  }
  return out;
}

const humanField = (field: string) => {
  const words = field.replace(/[_.]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

function describeJson(body: unknown): ErrorDescription | null {
  if (typeof body === 'string') return body.trim() ? { message: readableText(body), fieldErrors: {} } : null;
  if (Array.isArray(body)) {
    const messages = messagesOf(body);
    return messages.length ? { message: messages.join(' '), fieldErrors: {} } : null;
  }
  if (!isObject(body)) return null;
  for (const key of ['detail', 'message', 'error']) {
    const messages = messagesOf(body[key]);
    if (messages.length) return { message: messages.join(' '), fieldErrors: {} };
  }
  const fieldErrors = collectFieldErrors(body);
  const parts = Object.entries(fieldErrors).map(([field, messages]) =>
    GENERAL_KEYS.has(field) ? messages.join(' ') : `${humanField(field)}: ${messages.join(' ')}`,
  );
  return parts.length ? { message: parts.join(' '), fieldErrors } : null;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (match, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : match;
    }
    return ENTITIES[name.toLowerCase()] ?? match;
  });
}

/**
 * Plain text or an HTML error page (nginx, a CDN) reduced to one readable line: the head, scripts
 * and styles dropped, tags removed, whitespace collapsed, cut to about 200 characters.
 */
export function readableText(body: string): string {
  const withoutHidden = body
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(head|script|style|noscript)\b[\s\S]*?<\/\1\s*>/gi, ' ');
  const plain = decodeEntities(withoutHidden.replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > MAX_TEXT ? `${plain.slice(0, MAX_TEXT - 1).trimEnd()}…` : plain;
}

/** The readable description of a failed answer's body; falls back to a default per status. */
export function describeErrorBody(status: number, body: string): ErrorDescription {
  const trimmed = body.trim();
  let described: ErrorDescription | null = null;
  if (trimmed) {
    try {
      described = describeJson(JSON.parse(trimmed));
    } catch {
      const message = readableText(trimmed);
      described = message ? { message, fieldErrors: {} } : null;
    }
  }
  return described ?? { message: defaultMessage(status), fieldErrors: {} };
}
