// Which language the customer gets, and what follows from it. Pure: the browser's languages come
// in as an argument, and no texts are here (they are in the languages' own files).

/** The languages with texts, English first. Each other one is a file of its own (en.ts). */
const LANGUAGE_LIST = ['en', 'fr', 'es', 'pt', 'de', 'ar', 'ja'] as const;
/** A language with texts. The tables keyed by it (launcher.ts, index.ts, the ES entry's imports) must list each one. */
export type Language = (typeof LANGUAGE_LIST)[number];
export const LANGUAGES: readonly string[] = LANGUAGE_LIST;

const RTL_LANGUAGES = ['ar', 'fa', 'he', 'ur'];

// Own keys only: a tag like 'valueOf' must not find Object.prototype's members.
// biome-ignore lint/suspicious/noPrototypeBuiltins: Object.hasOwn is ES2022, which Safari before 15.4 lacks
export const has = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

/** The canonical form of a BCP 47 tag ('pt-br' → 'pt-BR'), or null when it is not one. */
export function canonical(tag: string): string | null {
  try {
    return Intl.getCanonicalLocales(tag.trim())[0] ?? null;
  } catch {
    // RangeError: not a well-formed BCP 47 tag.
    return null;
  }
}

/** 'pt-BR' → 'pt': the language whose texts a locale uses ('en' when we have none for it). */
export function languageOf(locale: string): Language {
  const base = locale.split('-')[0]!.toLowerCase();
  return LANGUAGES.includes(base) ? (base as Language) : 'en';
}

/** A canonical tag whose language we have texts for, keeping the region for Intl ('pt-BR'). */
function supported(tag: string): string | null {
  const tagCanonical = canonical(tag);
  return tagCanonical && LANGUAGES.includes(tagCanonical.split('-')[0]!.toLowerCase()) ? tagCanonical : null;
}

/**
 * The UI locale: the site owner's choice when given (an unknown one falls back to English, as
 * product.md promises), else the first browser language we support, else English.
 * The result keeps its region ('fr-CA') so dates and times follow it; texts use the language.
 */
export function resolveLocale(requested: string | null | undefined, browserLanguages: readonly string[]): string {
  if (requested?.trim()) return supported(requested) ?? 'en';
  for (const language of browserLanguages) {
    const match = supported(language);
    if (match) return match;
  }
  return 'en';
}

export function textDirection(locale: string): 'ltr' | 'rtl' {
  return RTL_LANGUAGES.includes(locale.split('-')[0]!.toLowerCase()) ? 'rtl' : 'ltr';
}

/** Fills `{name}` placeholders; an unknown placeholder is left as written so it shows in review. */
export function format(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => (has(params, key) ? String(params[key]) : match));
}
