// A page address as it may leave the browser (issue 14, product.md "Metadata sent with a new
// conversation"): no fragment (OAuth's implicit flow puts `#access_token=` there), no user name or
// password, and the values of secret-looking query parameters (secret-params.ts) replaced by
// REDACTED, names kept so that an agent sees a parameter was there. Path segments stay.
//
// Plain string work, not `new URL()`: relative and odd addresses go through too, everything not
// redacted is left byte for byte as the browser wrote it, and a page's URL polyfill cannot change
// the result.

import { type SecretVerdict, secretParamChecker } from './secret-params';

/**
 * Left unescaped on purpose: the URL standard does not escape `[` and `]` in a query, so
 * `new URL(redacted).href` gives back the same text and agents read it as it is. Inside a value
 * that holds a whole address (`?next=%2Freset%3Ftoken%3D…`) it is escaped like the rest of it.
 */
export const REDACTED = '[redacted]';

// Both, because some servers (and the HTML 4 recommendation) split a query on `;` as well as `&`:
// a `;token=` must not hide behind the value before it.
const SEPARATORS = /([&;])/;
// A value nested this deep is not an address a site writes; it is left as it is.
const MAX_NESTING = 3;

export interface RedactOptions {
  /** The site's own names, added to the built-in list (data-redact-params). */
  siteNames: readonly string[];
  /** Longest result; a longer one is cut after redaction, at a parameter's end where it can be. */
  maxLength: number;
}

export function redactUrl(address: string, { siteNames, maxLength }: RedactOptions): string {
  const check = secretParamChecker(siteNames);
  const withoutFragment = address.split('#')[0] ?? '';
  // A crafted link of megabytes must not hold up the page: past a few times the cap, the address
  // is cut before redacting too. That exposes no part of a secret (a value comes after its name,
  // so a cut name has no value left), but the secret beside an OAuth state may be past the cut,
  // so the state then goes in any case.
  const bound = maxLength * 4;
  const bounded = withoutFragment.slice(0, bound);
  const queryAt = bounded.indexOf('?');
  const base = redactMatrixParams(withoutUserinfo(queryAt < 0 ? bounded : bounded.slice(0, queryAt)), check);
  const query = queryAt < 0 ? '' : `?${redactQuery(bounded.slice(queryAt + 1), check, 0, withoutFragment.length > bound)}`;
  return cut(base + query, maxLength);
}

/** `https://user:pass@host/` → `https://host/`; also scheme-relative `//user@host/`. */
function withoutUserinfo(base: string): string {
  const authority = /^((?:[a-z][a-z0-9+.-]*:)?[/\\]{2})([^/\\]*)/i.exec(base);
  const at = authority ? authority[2]!.lastIndexOf('@') : -1;
  return authority && at >= 0 ? authority[1]! + base.slice(authority[1]!.length + at + 1) : base;
}

/**
 * Java servlets put the session id in the path, `/cart;jsessionid=1A2B?item=3` (the Servlet
 * spec's URL rewriting): a `;name=value` of a path segment is redacted like a query parameter.
 * The rest of the path stays.
 */
function redactMatrixParams(base: string, check: (rawName: string) => SecretVerdict): string {
  return base.replace(/;([^;/=\\]*)=([^;/\\]*)/g, (whole, name: string, value: string) => (value && check(name) === 'secret' ? `;${name}=${REDACTED}` : whole));
}

/** The query with secret values replaced; separators, order and every other byte kept. */
function redactQuery(query: string, check: (rawName: string) => SecretVerdict, depth: number, truncated = false): string {
  const parts = query.split(SEPARATORS);
  const pairs: { name: string; value: string | null; verdict: SecretVerdict }[] = [];
  for (let index = 0; index < parts.length; index += 2) {
    const part = parts[index]!;
    const equals = part.indexOf('=');
    const name = equals < 0 ? part : part.slice(0, equals);
    pairs.push({ name, value: equals < 0 ? null : part.slice(equals + 1), verdict: check(name) });
  }
  const anySecret = truncated || pairs.some((pair) => pair.verdict === 'secret' && pair.value);
  let result = '';
  pairs.forEach(({ name, value, verdict }, index) => {
    const hidden = verdict === 'secret' || (verdict === 'contextual' && anySecret);
    // A parameter without a value (`?token`, `?token=`) hides nothing: it stays as it is.
    const safeValue = value === null ? null : hidden && value ? REDACTED : redactNested(value, check, depth);
    result += `${index > 0 ? parts[index * 2 - 1] : ''}${name}${safeValue === null ? '' : `=${safeValue}`}`;
  });
  return result;
}

/**
 * A value that is itself an address or a query (`?next=%2Freset%3Ftoken%3Dabc`, `?state=…` with
 * `redirect=https%3A…%23access_token%3D…`) is redacted inside, and escaped again only when that
 * changed something. Its fragment is kept (it is a value, not this page's fragment) but its
 * parameters are redacted too.
 */
function redactNested(value: string, check: (rawName: string) => SecretVerdict, depth: number): string {
  if (depth >= MAX_NESTING || !/%3[DF]|%23|[=?#]/i.test(value)) return value;
  let decoded: string;
  try {
    decoded = decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value; // Not valid UTF-8 once decoded: not an address either.
  }
  const redacted = redactAddressLike(decoded, check, depth + 1);
  return redacted === decoded ? value : encodeURIComponent(redacted);
}

/** An address (`/a?b=c#d=e`), or a bare query (`b=c&d=e`), found inside a value. */
function redactAddressLike(text: string, check: (rawName: string) => SecretVerdict, depth: number): string {
  const hashAt = text.indexOf('#');
  const main = hashAt < 0 ? text : text.slice(0, hashAt);
  const fragment = hashAt < 0 ? null : text.slice(hashAt + 1);
  const queryAt = main.indexOf('?');
  const safeMain =
    queryAt >= 0
      ? `${main.slice(0, queryAt)}?${redactQuery(main.slice(queryAt + 1), check, depth)}`
      : main.includes('=')
        ? redactQuery(main, check, depth)
        : main;
  return fragment === null ? safeMain : `${safeMain}#${redactAddressLike(fragment, check, depth)}`;
}

/** Cut at the last parameter that fits whole, so no marker or escape is cut in half. */
function cut(address: string, maxLength: number): string {
  if (address.length <= maxLength) return address;
  const head = address.slice(0, maxLength + 1);
  const boundary = Math.max(head.lastIndexOf('&'), head.lastIndexOf(';'));
  const queryAt = head.indexOf('?');
  return queryAt >= 0 && boundary > queryAt ? head.slice(0, boundary) : address.slice(0, maxLength);
}
