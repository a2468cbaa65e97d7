// Brand colour parsing and WCAG 2.1 contrast, so text on the site's colour stays readable
// whatever colour the site picks. https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio

const BLACK = '#000000';
const WHITE = '#ffffff';

/**
 * Accepts #rgb, #rgba, #rrggbb and #rrggbbaa (any case, surrounding whitespace allowed) and
 * returns '#rrggbb' in lower case, or null. Alpha is dropped: the launcher must be opaque.
 */
export function parseHexColor(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  const color = input.trim().toLowerCase();
  if (!/^#([\da-f]{3,4}|[\da-f]{6}|[\da-f]{8})$/.test(color)) return null;
  // #rgb(a) doubles each of its first three digits.
  return color.length < 6 ? color.slice(0, 4).replace(/[\da-f]/g, '$&$&') : color.slice(0, 7);
}

/** WCAG 2.1 relative luminance, 0 (black) to 1 (white). Throws on anything but a hex colour. */
export function relativeLuminance(hex: string): number {
  const color = parseHexColor(hex);
  if (!color) throw new RangeError(`not a hex colour: ${JSON.stringify(hex)}`);
  const [r, g, b] = [1, 3, 5].map((i) => linearize(parseInt(color.slice(i, i + 2), 16) / 255)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function linearize(channel: number): number {
  // 0.03928 is the threshold WCAG 2.1 states; sRGB's 0.04045 gives the same result on 8-bit values.
  return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
}

/** WCAG 2.1 contrast ratio, from 1 (none) to 21 (black on white); order does not matter. */
export function contrastRatio(a: string, b: string): number {
  const [first, second] = [relativeLuminance(a), relativeLuminance(b)];
  return (Math.max(first, second) + 0.05) / (Math.min(first, second) + 0.05);
}

/** Black or white, whichever contrasts more with `hex` (white on a tie). */
export function contrastingText(hex: string): string {
  // contrastRatio against black is (L + 0.05) / 0.05 and against white 1.05 / (L + 0.05), so black
  // wins exactly when (L + 0.05)² > 0.05 × 1.05 (checked for all 16.7 million colours).
  return (relativeLuminance(hex) + 0.05) ** 2 > 0.0525 ? BLACK : WHITE;
}
