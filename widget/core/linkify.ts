// Splits a plain-text message into text and link segments for the UI to render as text nodes
// and <a> elements. Only http:, https: and mailto: ever become links; everything else, HTML
// included, stays literal text. Recognised:
// - URLs starting with http://, https:// or mailto: (any letter case);
// - bare hosts starting with `www.` (linked as https://);
// - plain email addresses such as `help@example.com` (linked as mailto:), because customers and
//   agents paste them all the time and a mailto: link can do no harm.
// A URL carrying a user name or password stays text (see toHref).

export type Segment = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

// A link ends at whitespace, control characters, angle brackets and double quotes (so markup
// around a URL stays text), and at invisible or bidi-control characters, which can disguise
// where a link really points (CVE-2021-42574, "Trojan Source").
const STOP = String.raw`\s\u0000-\u001f\u007f-\u009f<>"\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff`;
// A link never starts inside a word, another URL or another scheme: `blob:https://…` and
// `ftp://www.…` stay text instead of yielding a link to part of them.
const NOT_AFTER = String.raw`(?<![\w+.:/@%-])`;
const CANDIDATE = new RegExp(
  [
    `${NOT_AFTER}(?<scheme>(?:https?:\\/\\/|mailto:)[^${STOP}]+)`,
    `${NOT_AFTER}(?<www>www\\.[^${STOP}]+)`,
    `${NOT_AFTER}(?<email>[a-z0-9._%+-]+@[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.[a-z]{2,}(?![\\w@-]))`,
  ].join('|'),
  'gi',
);

// Punctuation that ends a sentence rather than a URL ("see https://example.com.").
const TRAILING_PUNCTUATION = `.,;:!?'*_~…’”»`;
// An HTML entity such as `&gt;` stuck to the end, as in text copied out of an HTML page.
const TRAILING_ENTITY = /&[a-z0-9]{1,32};$/i;
const WWW_HOST = /^www\.(?:[a-z0-9-]+\.)+[a-z0-9-]{2,}\.?$/;

function count(text: string, char: string): number {
  let found = 0;
  for (const c of text) if (c === char) found++;
  return found;
}

/**
 * Drops sentence punctuation, trailing entities and unbalanced closing brackets from the end of
 * a candidate. Counts once and walks back, so a hostile run of `)))…` stays linear.
 */
function trimTrailing(candidate: string): string {
  let end = candidate.length;
  let unbalancedParens = count(candidate, ')') - count(candidate, '(');
  let unbalancedBrackets = count(candidate, ']') - count(candidate, '[');
  while (end > 0) {
    const last = candidate.charAt(end - 1);
    // Before punctuation: the entity's own `;` would otherwise go alone and leave `&gt` behind.
    const entity = last === ';' ? TRAILING_ENTITY.exec(candidate.slice(Math.max(0, end - 34), end)) : null;
    if (entity) {
      end -= entity[0].length;
    } else if (TRAILING_PUNCTUATION.includes(last)) {
      end--;
    } else if (last === ')' && unbalancedParens > 0) {
      end--;
      unbalancedParens--;
    } else if (last === ']' && unbalancedBrackets > 0) {
      end--;
      unbalancedBrackets--;
    } else {
      break;
    }
  }
  return candidate.slice(0, end);
}

/** The href for a candidate, or null when the URL parser disagrees that it is a safe link. */
function toHref(text: string, kind: 'scheme' | 'www' | 'email'): string | null {
  const raw = kind === 'www' ? `https://${text}` : kind === 'email' ? `mailto:${text}` : text;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  // Checked after parsing, on what a browser would actually follow.
  if (!SAFE_PROTOCOLS.has(url.protocol)) return null;
  if (url.protocol === 'mailto:') return /[^@]@[^@]/.test(url.pathname) ? url.href : null;
  if (!url.hostname) return null;
  // `https://bank.example@evil.example` goes to evil.example: a classic phishing disguise.
  if (url.username || url.password) return null;
  if (kind === 'www' && !WWW_HOST.test(url.hostname)) return null;
  return url.href;
}

export function linkify(text: string): Segment[] {
  const segments: Segment[] = [];
  const pushText = (value: string): void => {
    if (!value) return;
    const last = segments[segments.length - 1];
    if (last?.kind === 'text') last.text += value;
    else segments.push({ kind: 'text', text: value });
  };

  let cursor = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    const groups = match.groups ?? {};
    const kind = groups.scheme ? 'scheme' : groups.www ? 'www' : 'email';
    const linkText = trimTrailing(match[0]);
    const href = linkText ? toHref(linkText, kind) : null;
    if (href === null) continue; // stays part of the surrounding text
    const start = match.index ?? 0;
    pushText(text.slice(cursor, start));
    segments.push({ kind: 'link', text: linkText, href });
    cursor = start + linkText.length;
  }
  pushText(text.slice(cursor));
  return segments;
}
