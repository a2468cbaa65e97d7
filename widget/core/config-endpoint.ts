// The two options every install needs, checked: the client key and the helpdesk's URL, where the
// widget talks to. config.ts reads them with the others and is their one caller; the API client
// takes them as checked (api/client.ts). The messages are the site owner's, in the console.

import { describe } from './metadata';

/** The shape of a client key, for messages. */
export const CLIENT_KEY = '"bnc_cl_…"';

/** `teamName` → `data-team-name`, for messages about the tag. */
export const attributeName = (key: string) => `data-${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;

const missing = (key: string, what: string) => `${key} is missing: set ${attributeName(key)} (or ${key} in Parley('init', …)) to ${what}`;

/** The client key, trimmed, or '' with the reason in `errors`. */
export function checkClientKey(value: unknown, errors: string[]): string {
  if (typeof value !== 'string' || !value.trim()) {
    // null, like undefined, means "not given".
    errors.push(
      value == null || typeof value === 'string'
        ? missing('clientKey', `your client key, ${CLIENT_KEY}`)
        : `clientKey must be a string starting with "bnc_cl_", got ${describe(value)}`,
    );
    return '';
  }
  const key = value.trim();
  // Only a prefix is ever echoed: whatever was pasted here may be a secret.
  const masked = `clientKey "${key.slice(0, 7)}…"`;
  const problem = /^bnc_sv_/i.test(key)
    ? `${masked} is a server key, which is secret and must never be in a web page: ` +
      `rotate it now in the helpdesk (anyone who loaded this page may have it) and use a client key (${CLIENT_KEY}) instead`
    : !key.startsWith('bnc_cl_')
      ? `${masked} is not a client key: expected a key starting with "bnc_cl_"`
      : // It travels in an HTTP header, where spaces and control characters make fetch throw.
        !/^bnc_cl_[\x21-\x7e]+$/.test(key)
        ? `${masked} is incomplete or contains spaces or characters that cannot be sent: copy it again`
        : '';
  if (problem) errors.push(problem);
  return problem ? '' : key;
}

/** The helpdesk's base URL without a trailing slash, or '' with the reason in `errors`. */
export function checkApiUrl(value: unknown, errors: string[], warnings: string[]): string {
  const example = 'such as "https://helpdesk.example.com"';
  const text = typeof value === 'string' ? value.trim() : value;
  const named = `apiUrl ${describe(value)}`;
  let url: URL | undefined;
  try {
    // A non-string is never handed to the parser: its toString belongs to the host page.
    if (typeof text === 'string') url = new URL(text);
  } catch {
    // Left undefined: not a URL.
  }
  const problem =
    text == null || text === ''
      ? missing('apiUrl', `your helpdesk's address, ${example}`)
      : !url
        ? `${named} is not valid: use an absolute URL ${example}`
        : !/^https?:$/.test(url.protocol)
          ? `${named} must start with https:// (or http:// for local testing)`
          : url.username || url.password
            ? `${named} must not contain a user name or password`
            : url.search || url.hash
              ? `${named} must not contain a query (?…) or fragment (#…): give the base address only`
              : '';
  if (problem || !url) {
    errors.push(problem);
    return '';
  }
  if (url.protocol === 'http:' && !['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) {
    warnings.push(`${named} uses http://: messages and the client key travel unencrypted; use https://`);
  }
  return (url.origin + url.pathname).replace(/\/+$/, '');
}
