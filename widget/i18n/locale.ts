// Which language the customer gets, and what follows from it. Pure: the browser's languages come
// in as an argument, and no texts are here (they are in the languages' own files).

/** The languages with texts, English first. Each other one is a file of its own (fr.ts, zh-Hans.ts). */
const LANGUAGE_LIST = [
  'en',
  'ar',
  'cs',
  'da',
  'de',
  'es',
  'fa',
  'fi',
  'fr',
  'he',
  'hi',
  'id',
  'it',
  'ja',
  'ko',
  'nb',
  'nl',
  'pl',
  'pt',
  'pt-PT',
  'ru',
  'sv',
  'th',
  'tr',
  'uk',
  'vi',
  'zh-Hans',
  'zh-Hant',
] as const;
/** A language with texts. The tables keyed by it (index.ts, the ES entry's imports) must list each one. */
export type Language = (typeof LANGUAGE_LIST)[number];
export const LANGUAGES: readonly string[] = LANGUAGE_LIST;

const RTL_LANGUAGES = ['ar', 'fa', 'he'];
/** Languages whose speakers read another's texts: Norwegian Nynorsk and the macrolanguage read Bokmål. */
const READS: Record<string, string> = { no: 'nb', nn: 'nb' };
/** Languages whose texts depend on the script or region a tag implies (textsFor). */
const MAXIMIZED = ['zh', 'pt', 'und'];

// Own keys only: a tag like 'valueOf' must not find Object.prototype's members.
// biome-ignore lint/suspicious/noPrototypeBuiltins: Object.hasOwn is ES2022, which Safari before 15.4 lacks
export const has = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

/** The canonical form of a BCP 47 tag ('pt-br' → 'pt-BR', 'iw' → 'he'), or null when it is not one. */
export function canonical(tag: string): string | null {
  try {
    return Intl.getCanonicalLocales(tag.trim())[0] ?? null;
  } catch {
    // RangeError: not a well-formed BCP 47 tag.
    return null;
  }
}

/**
 * The language whose texts a canonical locale reads, or null when we have none for it. Chinese goes
 * by script, the region deciding when none is written (zh-TW → Traditional, zh-SG → Simplified);
 * Portuguese by region (Brazil's, unless the tag names another country: pt-PT, pt-AO …).
 */
function textsFor(locale: string): Language | null {
  let language = locale.split('-')[0]!.toLowerCase();
  let script = '';
  let region = '';
  // Only Chinese and Portuguese (and a tag of no language, 'und-TW') need the likely script and
  // region: zh-TW → zh-Hant-TW, pt → pt-Latn-BR. Asked of no other tag, because the first use of
  // Intl's likely-subtags data costs a page load about 10 ms of script.
  if (MAXIMIZED.includes(language)) {
    try {
      const likely = new Intl.Locale(locale).maximize();
      language = likely.language;
      script = likely.script ?? '';
      region = likely.region ?? '';
    } catch {
      // No Intl.Locale (Safari before 14): the language alone.
    }
  }
  language = READS[language] ?? language;
  const key = language === 'zh' ? `zh-${script || 'Hans'}` : language === 'pt' && region && region !== 'BR' ? 'pt-PT' : language;
  return LANGUAGES.includes(key) ? (key as Language) : null;
}

/** 'pt-BR' → 'pt', 'zh-TW' → 'zh-Hant': the language whose texts a locale uses ('en' when we have none for it). */
export function languageOf(locale: string): Language {
  const tag = canonical(locale);
  return (tag && textsFor(tag)) || 'en';
}

/** A canonical tag whose language we have texts for, keeping the region for Intl ('pt-BR'). */
function supported(tag: string): string | null {
  const tagCanonical = canonical(tag);
  return tagCanonical && textsFor(tagCanonical) ? tagCanonical : null;
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
  return RTL_LANGUAGES.includes(languageOf(locale)) ? 'rtl' : 'ltr';
}

/** Fills `{name}` placeholders; an unknown placeholder is left as written so it shows in review. */
export function format(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => (has(params, key) ? String(params[key]) : match));
}
