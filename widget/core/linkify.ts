// Splits a plain-text message into text and link segments for the UI to render as text nodes
// and <a> elements. Only http:, https: and mailto: ever become links; everything else, HTML
// included, stays literal text. Recognised:
// - URLs starting with http://, https:// or mailto: (any letter case);
// - bare hosts starting with `www.` (linked as https://);
// - plain email addresses such as `help@example.com` (linked as mailto:), because customers and
//   agents paste them all the time and a mailto: link can do no harm.
// A URL carrying a user name or password stays text (see toHref).

export type Segment = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

// A link never starts inside a word, another URL or another scheme (the first group: the start or
// a character that cannot come before a link): `blob:https://…` and `ftp://www.…` stay text
// instead of yielding a link to part of them. Not a lookbehind: Safari before 16.4 cannot parse
// one, and a regular expression it cannot parse stops the whole script. A URL or a www. host
// ends at whitespace, control characters, angle brackets and double quotes (so markup around it
// stays text), and at invisible or bidi-control characters, which can disguise where a link really
// points (CVE-2021-42574, "Trojan Source"). Last, a plain email address.
const CANDIDATE =
  /(^|[^\w+.:/@%-])((?:https?:\/\/|mailto:|www\.)[^\s\0-\x1f\x7f-\x9f<>"\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]+|[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?![\w@-]))/gi;

// Punctuation that ends a sentence rather than a URL ("see https://example.com.").
const TRAILING_PUNCTUATION = `.,;:!?'*_~…’”»`;
// An HTML entity such as `&gt;` stuck to the end, as in text copied out of an HTML page.
const TRAILING_ENTITY = /&[a-z0-9]{1,32};$/i;
const WWW_HOST = /^www\.(?:[a-z0-9-]+\.)+[a-z0-9-]{2,}\.?$/;

/** How many more `close` than `open` characters the text holds. */
const unbalanced = (text: string, open: string, close: string) => text.split(close).length - text.split(open).length;

/**
 * Drops sentence punctuation, trailing entities and unbalanced closing brackets from the end of
 * a candidate. Counts once and walks back, so a hostile run of `)))…` stays linear.
 */
function trimTrailing(candidate: string): string {
  let end = candidate.length;
  let unbalancedParens = unbalanced(candidate, '(', ')');
  let unbalancedBrackets = unbalanced(candidate, '[', ']');
  while (end > 0) {
    const last = candidate.charAt(end - 1);
    // Before punctuation: the entity's own `;` would otherwise go alone and leave `&gt` behind.
    const entity = last === ';' && TRAILING_ENTITY.exec(candidate.slice(Math.max(0, end - 34), end));
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
function toHref(text: string): string | null {
  const www = /^www\./i.test(text);
  let url: URL;
  // An email address is the only candidate without a colon.
  try {
    url = new URL(www ? `https://${text}` : text.includes(':') ? text : `mailto:${text}`);
  } catch {
    return null;
  }
  // Checked after parsing, on what a browser would actually follow.
  const { protocol, hostname, href } = url;
  if (protocol === 'mailto:') return /[^@]@[^@]/.test(url.pathname) ? href : null;
  // `https://bank.example@evil.example` goes to evil.example: a classic phishing disguise.
  const safe = /^https?:$/.test(protocol) && hostname && !url.username && !url.password;
  return safe && (!www || WWW_HOST.test(hostname)) ? href : null;
}

export function linkify(text: string): Segment[] {
  const segments: Segment[] = [];
  const pushText = (value: string): void => {
    const last = segments[segments.length - 1];
    if (last?.kind === 'text') last.text += value;
    else if (value) segments.push({ kind: 'text', text: value });
  };

  let cursor = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    const linkText = trimTrailing(match[2]!);
    const href = linkText && toHref(linkText);
    if (!href) continue; // stays part of the surrounding text
    const start = (match.index ?? 0) + match[1]!.length;
    pushText(text.slice(cursor, start));
    segments.push({ kind: 'link', text: linkText, href });
    cursor = start + linkText.length;
  }
  pushText(text.slice(cursor));
  return segments;
}
