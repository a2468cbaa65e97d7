// The subject of a new conversation, taken from the customer's first message. The API refuses
// subjects over 500 characters (api-contract.md), and agents triage on the first line.

const ELLIPSIS = '…';
const DEFAULT_FALLBACK = 'Support request';

/**
 * The first non-blank line, trimmed, with runs of whitespace collapsed; cut at a word boundary
 * with '…' when longer than `maxLength`, so it never exceeds it. Never empty: a blank message
 * gives `fallback` (pass the localised "Support request").
 */
export function subjectFromMessage(text: string, maxLength = 500, fallback = DEFAULT_FALLBACK): string {
  const limit = Math.max(1, Math.floor(maxLength));
  const firstLine = firstNonBlankLine(text) ?? firstNonBlankLine(fallback) ?? DEFAULT_FALLBACK;
  return truncateAtWord(firstLine, limit);
}

function firstNonBlankLine(text: string): string | null {
  for (const line of text.split(/\r\n|[\n\r\u2028\u2029]/)) {
    const collapsed = line.replace(/\s+/g, ' ').trim();
    if (collapsed) return collapsed;
  }
  return null;
}

function truncateAtWord(text: string, limit: number): string {
  if (text.length <= limit) return text;
  if (limit === 1) return ELLIPSIS;
  let head = text.slice(0, limit - 1);
  // The next character is a space: the cut already falls between two words.
  const endsOnWord = text.charAt(limit - 1) === ' ';
  const lastSpace = head.lastIndexOf(' ');
  if (!endsOnWord && lastSpace > 0) head = head.slice(0, lastSpace);
  // A hard cut may split a surrogate pair (an emoji); drop the orphaned half.
  if (/[\ud800-\udbff]$/.test(head)) head = head.slice(0, -1);
  return head.trimEnd() + ELLIPSIS;
}
