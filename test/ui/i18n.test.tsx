import { describe, expect, it } from 'vitest';
import { english, format, getStrings, plural, resolveLocale, supportedLanguages, TEXTS, textDirection } from '../../widget/i18n';
import { launcher, panel } from '../../widget/i18n/en';
import { languageOf } from '../../widget/i18n/locale';
import type { Plural, PluralCategory } from '../../widget/i18n/plural';
import { renderWidget } from '../helpers/render-widget';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
const others = Object.keys(TEXTS) as Array<keyof typeof TEXTS>;

/**
 * The texts a language may share with English, and why; any other equal text is an untranslated
 * one. Keyed by text key, each with the languages allowed.
 */
const SAME_AS_ENGLISH: Record<string, { languages: string[]; why: string }> = {
  title: { languages: ['da', 'de', 'nl', 'sv'], why: 'support widgets in these languages call the team "Support"' },
  send: { languages: ['da', 'nb'], why: 'the imperative of "sende" is "send"' },
  name: { languages: ['de'], why: 'the German word for a name is "Name"' },
  optional: { languages: ['de'], why: 'the German word is "optional"' },
  message: { languages: ['fr'], why: 'the French word is "message"' },
  conversation: { languages: ['fr'], why: 'the French word is "conversation"' },
  email: { languages: ['id', 'it', 'vi'], why: 'the everyday word and form label in these languages is "Email"' },
  statusOpen: { languages: ['nl'], why: 'the Dutch word is "open"' },
};

describe('languages', () => {
  it('are at least the 25 the product promises, each with a file of its own', () => {
    for (const language of 'en es fr de pt ja ar it nl pl ru uk tr sv da nb fi cs ko zh-Hans zh-Hant he fa hi id vi th'.split(' ')) {
      expect(supportedLanguages).toContain(language);
    }
    expect(supportedLanguages.length).toBeGreaterThanOrEqual(25);
    expect(Object.keys(TEXTS).sort()).toEqual(supportedLanguages.filter((language) => language !== 'en').sort());
  });

  it.each(others)('%s has every key, none empty, every placeholder kept, nothing left in English', (language) => {
    const texts = TEXTS[language] as unknown as Record<string, string | Plural>;
    const reference = english as unknown as Record<string, string | Plural>;
    expect(Object.keys(texts).sort()).toEqual(Object.keys(reference).sort());
    for (const [key, value] of Object.entries(texts)) {
      const englishText = reference[key]!;
      if (typeof englishText === 'string') {
        expect(typeof value, `${language}.${key}`).toBe('string');
        expect((value as string).trim(), `${language}.${key}`).not.toBe('');
        expect(placeholders(value as string), `${language}.${key}`).toEqual(placeholders(englishText));
        if (value === englishText) expect(SAME_AS_ENGLISH[key]?.languages ?? [], `${language}.${key} is English: "${value}"`).toContain(language);
      } else {
        // A text with a count has exactly the forms the language's grammar has, each with the count.
        const forms = Object.keys(value).sort();
        expect(forms, `${language}.${key}`).toEqual([...new Intl.PluralRules(language).resolvedOptions().pluralCategories].sort());
        for (const [form, text] of Object.entries(value)) expect(text, `${language}.${key}.${form}`).toContain('{count}');
      }
    }
  });

  it('hold product.md’s accessible names in English, exactly', () => {
    const en = english;
    expect([
      en.openChat,
      en.closeChat,
      en.title,
      en.close,
      en.name,
      en.email,
      en.message,
      en.startConversation,
      en.conversation,
      en.writeReply,
      en.send,
      en.retry,
      en.startNew,
      en.yourConversations,
    ]).toEqual([
      'Open support chat',
      'Close support chat',
      'Support',
      'Close',
      'Name',
      'Email',
      'Message',
      'Start conversation',
      'Conversation',
      'Write a reply',
      'Send',
      'Retry',
      'Start a new conversation',
      'Your conversations',
    ]);
  });

  it('English is the launcher’s part (the loader’s) and the panel’s (the app’s)', () => {
    expect(Object.keys(launcher).sort()).toEqual(['closeChat', 'loadFailed', 'loadRetry', 'openChat', 'unread']);
    expect(english).toEqual({ ...launcher, ...panel });
  });
});

describe('plural', () => {
  const COUNTS = [0, 1, 2, 3, 5, 11, 21, 100];
  // The form CLDR gives each count, by language: what plural() must pick.
  const FORMS: Record<string, PluralCategory[]> = {
    en: ['other', 'one', 'other', 'other', 'other', 'other', 'other', 'other'],
    ja: ['other', 'other', 'other', 'other', 'other', 'other', 'other', 'other'],
    pl: ['many', 'one', 'few', 'few', 'many', 'many', 'many', 'many'],
    ru: ['many', 'one', 'few', 'few', 'many', 'many', 'one', 'many'],
    ar: ['zero', 'one', 'two', 'few', 'few', 'many', 'many', 'other'],
  };

  it.each(Object.keys(FORMS))('%s picks the grammar’s form for 0, 1, 2, 3, 5, 11, 21 and 100', (language) => {
    const forms = getStrings(language).unread;
    COUNTS.forEach((count, i) => {
      const form = forms[FORMS[language]![i]!];
      expect(form, `${language} ${count}`).toBeDefined();
      expect(plural(language, forms, count), `${language} ${count}`).toBe(format(form!, { count: new Intl.NumberFormat(language).format(count) }));
    });
  });

  it('reads as English expects, and the title’s count too', () => {
    expect(COUNTS.map((count) => plural('en', english.unread, count))).toEqual([
      '0 unread replies',
      '1 unread reply',
      '2 unread replies',
      '3 unread replies',
      '5 unread replies',
      '11 unread replies',
      '21 unread replies',
      '100 unread replies',
    ]);
    expect(plural('en', english.newReplies, 1)).toBe('(1) New reply');
    expect(plural('en', english.newReplies, 1200)).toBe('(1,200) New replies');
  });

  it('writes the number as the locale does', () => {
    expect(plural('de', getStrings('de').unread, 1200)).toContain('1.200');
    expect(plural('fr', getStrings('fr').unread, 1200)).toContain('1\u202f200');
  });

  it('falls back to the language’s “other” text when a form is missing', () => {
    expect(plural('ru', { other: '{count} x' }, 1)).toBe('1 x');
  });
});

describe('resolveLocale', () => {
  it('takes the requested tag, keeping its region for dates', () => {
    expect(resolveLocale('fr', ['de'])).toBe('fr');
    expect(resolveLocale('pt-br', ['de'])).toBe('pt-BR');
  });

  it('falls back to English for an unknown or malformed request, whatever the browser says', () => {
    expect(resolveLocale('xx', ['de'])).toBe('en');
    expect(resolveLocale('not a locale!', ['de'])).toBe('en');
    expect(resolveLocale('valueOf', ['de'])).toBe('en');
    expect(resolveLocale('ur', ['de'])).toBe('en');
  });

  it('uses the first browser language it supports when nothing is requested', () => {
    expect(resolveLocale(undefined, ['gd', 'ja-JP', 'fr'])).toBe('ja-JP');
    expect(resolveLocale(null, ['ar'])).toBe('ar');
    expect(resolveLocale('', ['gd', 'xx'])).toBe('en');
    expect(resolveLocale(undefined, [])).toBe('en');
  });
});

describe('languageOf: which texts a region’s tag reads', () => {
  it.each([
    ['pt', 'pt'],
    ['pt-BR', 'pt'],
    ['pt-PT', 'pt-PT'],
    ['pt-AO', 'pt-PT'],
    ['pt-MZ', 'pt-PT'],
    ['zh', 'zh-Hans'],
    ['zh-CN', 'zh-Hans'],
    ['zh-SG', 'zh-Hans'],
    ['zh-Hans-HK', 'zh-Hans'],
    ['zh-TW', 'zh-Hant'],
    ['zh-HK', 'zh-Hant'],
    ['zh-MO', 'zh-Hant'],
    ['zh-Hant', 'zh-Hant'],
    ['nb', 'nb'],
    ['no', 'nb'],
    ['nn-NO', 'nb'],
    ['iw', 'he'],
    ['iw-IL', 'he'],
    ['in', 'id'],
    ['es-419', 'es'],
    ['fr-CA', 'fr'],
    ['de-CH', 'de'],
    ['ur', 'en'],
    ['xx', 'en'],
  ])('%s → %s', (tag, language) => {
    expect(languageOf(tag)).toBe(language);
  });

  it('gives a regional tag its language’s texts', () => {
    expect(getStrings('pt-BR')).toBe(getStrings('pt'));
    expect(getStrings('zh-TW')).toBe(TEXTS['zh-Hant']);
    expect(getStrings('zz')).toEqual(english);
  });
});

describe('textDirection', () => {
  it('is right-to-left for Arabic, Hebrew and Persian, whatever the region', () => {
    for (const tag of ['ar', 'ar-EG', 'he', 'iw', 'he-IL', 'fa', 'fa-IR', 'fa-AF']) expect(textDirection(tag), tag).toBe('rtl');
    for (const language of supportedLanguages.filter((language) => !['ar', 'he', 'fa'].includes(language)))
      expect(textDirection(language), language).toBe('ltr');
    // Urdu is right to left, but without texts of its own the widget speaks English.
    expect(textDirection('ur')).toBe('ltr');
  });
});

describe('format', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(format('{count} unread', { count: 3 })).toBe('3 unread');
    expect(format('{team} and {other}', { team: 'Acme' })).toBe('Acme and {other}');
    expect(format('{toString}', {})).toBe('{toString}');
  });
});

describe('the widget right to left', () => {
  it.each([
    ['ar', 'إغلاق'],
    ['he', TEXTS.he?.close],
    ['fa', TEXTS.fa?.close],
  ])('%s lays out right to left with its own names', (locale, close) => {
    const texts = getStrings(locale);
    const widget = renderWidget({ locale, open: true });
    const dialog = widget.getByRole('dialog', { name: texts.title });
    expect(dialog.getAttribute('dir')).toBe('rtl');
    expect(widget.getByRole('button', { name: texts.closeChat }).getAttribute('aria-expanded')).toBe('true');
    expect(widget.getAllByRole('button', { name: close })).toBeTruthy();
    expect(widget.getByRole('textbox', { name: texts.name })).toBeTruthy();
    expect(widget.getByRole('textbox', { name: texts.email })).toBeTruthy();
    expect(widget.getByRole('button', { name: texts.startConversation })).toBeTruthy();
    expect(widget.shadowRoot.querySelector('.parley')?.getAttribute('lang')).toBe(locale);
  });

  it('keeps English left to right', () => {
    const widget = renderWidget({ open: true });
    expect(widget.getByRole('dialog', { name: 'Support' }).getAttribute('dir')).toBe('ltr');
  });
});
