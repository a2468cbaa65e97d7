import { describe, expect, it } from 'vitest';
import panel from '../../widget/i18n/en';
import { launcherStrings } from '../../widget/i18n/launcher';

const launcher = launcherStrings('en');

const en = { ...launcher, ...panel };

import { format, getStrings, resolveLocale, supportedLanguages, textDirection } from '../../widget/i18n';
import { renderWidget } from '../helpers/render-widget';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('strings', () => {
  it('come in English, Spanish, French, German, Portuguese, Japanese and Arabic', () => {
    expect([...supportedLanguages].sort()).toEqual(['ar', 'de', 'en', 'es', 'fr', 'ja', 'pt']);
  });

  it.each(supportedLanguages.filter((language) => language !== 'en'))('%s has every key, none empty, placeholders kept', (language) => {
    const strings = getStrings(language);
    expect(strings).not.toBe(en);
    expect(Object.keys(strings).sort()).toEqual(Object.keys(en).sort());
    for (const [key, value] of Object.entries(strings)) {
      expect(value.trim(), `${language}.${key}`).not.toBe('');
      expect(placeholders(value), `${language}.${key}`).toEqual(placeholders(en[key as keyof typeof en]));
    }
  });

  // The launcher's texts (carried by the loader for every language) and the panel's (the file the
  // loader fetches for that language) are apart, ordinary keyed objects.
  it.each(supportedLanguages.filter((language) => language !== 'en'))('%s has the launcher’s and the panel’s texts apart, as English has', async (language) => {
    const file = (await import(`../../widget/i18n/${language}.ts`)) as { default: object };
    expect(Object.keys(launcherStrings(language))).toEqual(Object.keys(launcher));
    expect(Object.keys(file.default).sort()).toEqual(Object.keys(panel).sort());
  });

  it('hold product.md’s accessible names in English, exactly', () => {
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
  });

  it('uses the first browser language it supports when nothing is requested', () => {
    expect(resolveLocale(undefined, ['zh-CN', 'ja-JP', 'fr'])).toBe('ja-JP');
    expect(resolveLocale(null, ['ar'])).toBe('ar');
    expect(resolveLocale('', ['zh', 'ko'])).toBe('en');
    expect(resolveLocale(undefined, [])).toBe('en');
  });

  it('gives the base language’s strings to a regional tag', () => {
    expect(getStrings('pt-BR')).toEqual(getStrings('pt'));
    expect(getStrings('es-419').send).toBe('Enviar');
    expect(getStrings('zz')).toEqual(en);
  });
});

describe('textDirection', () => {
  it('is right-to-left for Arabic only among ours', () => {
    expect(textDirection('ar')).toBe('rtl');
    expect(textDirection('ar-EG')).toBe('rtl');
    for (const language of ['en', 'es', 'fr', 'de', 'pt', 'ja']) expect(textDirection(language)).toBe('ltr');
  });
});

describe('format', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(format('{count} unread', { count: 3 })).toBe('3 unread');
    expect(format('{team} and {other}', { team: 'Acme' })).toBe('Acme and {other}');
    expect(format('{toString}', {})).toBe('{toString}');
  });
});

describe('the widget in Arabic', () => {
  it('lays out right to left with Arabic names', () => {
    const widget = renderWidget({ locale: 'ar', open: true });
    const dialog = widget.getByRole('dialog', { name: 'الدعم' });
    expect(dialog.getAttribute('dir')).toBe('rtl');
    expect(widget.getByRole('button', { name: 'إغلاق دردشة الدعم' }).getAttribute('aria-expanded')).toBe('true');
    expect(widget.getByRole('textbox', { name: 'الاسم' })).toBeTruthy();
    expect(widget.getByRole('textbox', { name: 'البريد الإلكتروني' })).toBeTruthy();
    expect(widget.getByRole('button', { name: 'بدء المحادثة' })).toBeTruthy();
    expect(widget.shadowRoot.querySelector('.parley')?.getAttribute('lang')).toBe('ar');
  });

  it('keeps English left to right', () => {
    const widget = renderWidget({ open: true });
    expect(widget.getByRole('dialog', { name: 'Support' }).getAttribute('dir')).toBe('ltr');
  });
});
