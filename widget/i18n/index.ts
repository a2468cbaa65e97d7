// Locale resolution and string lookup. Pure: the browser's languages come in as an argument.

// Not alphabetical: the bundle keeps this order, and with English first, then the Latin-script
// languages, then Arabic and Japanese, it gzips about 45 bytes smaller.
import en, { type Strings } from './en';
import fr from './fr';
import es from './es';
import pt from './pt';
import de from './de';
import ar from './ar';
import ja from './ja';

export type { Strings, StringKey } from './en';

const keys = Object.keys(en) as (keyof Strings)[];

// Own keys only: a tag like 'valueOf' must not find Object.prototype's members.
const has = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

// The other languages are lists of texts in en.ts's key order, not objects: the key names are
// then in the bundle once rather than seven times (about 400 bytes of gzip). A page uses one or
// two languages, so a list becomes its keyed object on first use, not at start-up.
const translations: Record<string, readonly string[]> = { es, fr, de, pt, ja, ar };
const catalogs: Record<string, Strings> = { en };

function catalog(language: string): Strings {
  if (!has(catalogs, language)) {
    const texts = translations[language]!;
    catalogs[language] = Object.fromEntries(keys.map((key, index) => [key, texts[index]])) as Strings;
  }
  return catalogs[language]!;
}

export const supportedLanguages: readonly string[] = ['en', ...Object.keys(translations)];

const RTL_LANGUAGES = new Set(['ar', 'fa', 'he', 'ur']);

/** The canonical form of a BCP 47 tag ('pt-br' → 'pt-BR'), or null when it is not one. */
export function canonical(tag: string): string | null {
  try {
    return Intl.getCanonicalLocales(tag.trim())[0] ?? null;
  } catch {
    // RangeError: not a well-formed BCP 47 tag.
    return null;
  }
}

function baseLanguage(tag: string): string {
  return tag.split('-')[0]!.toLowerCase();
}

/** A canonical tag whose language we have strings for, keeping the region for Intl ('pt-BR'). */
function supported(tag: string): string | null {
  const tagCanonical = canonical(tag);
  return tagCanonical && supportedLanguages.includes(baseLanguage(tagCanonical)) ? tagCanonical : null;
}

/**
 * The UI locale: the site owner's choice when given (an unknown one falls back to English, as
 * product.md promises), else the first browser language we support, else English.
 * The result keeps its region ('fr-CA') so dates and times follow it; strings use the base.
 */
export function resolveLocale(requested: string | null | undefined, browserLanguages: readonly string[]): string {
  if (requested && requested.trim()) return supported(requested) ?? 'en';
  for (const language of browserLanguages) {
    const match = supported(language);
    if (match) return match;
  }
  return 'en';
}

export function getStrings(locale: string): Strings {
  const language = baseLanguage(locale);
  return supportedLanguages.includes(language) ? catalog(language) : en;
}

export function textDirection(locale: string): 'ltr' | 'rtl' {
  return RTL_LANGUAGES.has(baseLanguage(locale)) ? 'rtl' : 'ltr';
}

/** Fills `{name}` placeholders; an unknown placeholder is left as written so it shows in review. */
export function format(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) =>
    has(params, key) ? String(params[key]) : match,
  );
}
