// Which language the widget speaks, and its texts. The customer's locale is what the site owner or
// the browser asks for; the widget speaks it once its texts are here. English is here from the
// start (its launcher's texts in the loader, its panel's with the app); another language's file
// brings both parts, fetched once. Until it arrives, or if it cannot, the widget goes on speaking
// what it spoke, so a switch never shows a mix of two languages.

import type { Logger } from '../core/commands';
import { PREFIX } from '../core/commands';
import { launcher as englishLauncher, type PanelStrings, type Strings } from '../i18n/en';
import { type Language, languageOf, textDirection } from '../i18n/locale';

export interface Spoken {
  locale: string;
  dir: 'ltr' | 'rtl';
  strings: Strings;
}

export interface Speech {
  /** What the widget speaks now. */
  spoken(): Spoken;
  /** Whether the widget speaks the customer's locale. */
  speaksWanted(): boolean;
  /** The customer's locale changed. */
  want(locale: string): void;
  /** Fetches the customer's language once; resolves when it is spoken, or given up on. */
  fetch(): Promise<void>;
  /** English's panel texts, which the app carries. */
  addEnglishPanel(panel: PanelStrings): void;
}

export function createSpeech(initial: string, fetchTexts: (language: Exclude<Language, 'en'>) => Promise<Strings>, log: Logger): Speech {
  let wanted = initial;
  let spokenLocale = languageOf(initial) === 'en' ? initial : 'en';
  /** The texts of each language fetched so far; English's panel part once the app has arrived. */
  const texts: Partial<Record<Language, Partial<Strings>>> = { en: englishLauncher };

  return {
    spoken: () => ({ locale: spokenLocale, dir: textDirection(spokenLocale), strings: texts[languageOf(spokenLocale)] as Strings }),
    speaksWanted: () => spokenLocale === wanted,
    want(locale) {
      wanted = locale;
    },
    fetch() {
      const asked = wanted;
      const language = languageOf(asked);
      const arrived = () => {
        // A later want() wins over this one.
        if (wanted === asked) spokenLocale = asked;
      };
      if (texts[language]) return Promise.resolve(arrived());
      return fetchTexts(language as Exclude<Language, 'en'>).then(
        (strings) => {
          texts[language] = strings;
          arrived();
        },
        (error: unknown) => log.error(`${PREFIX} The ${language} texts could not be loaded; the widget speaks ${spokenLocale} meanwhile.`, error),
      );
    },
    addEnglishPanel(panel) {
      texts.en = { ...englishLauncher, ...panel };
    },
  };
}
