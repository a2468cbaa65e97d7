// Every language's texts at once, for the build that carries them all (the standalone file), for
// the build script that writes each into a file of its own, and for tests. The loader and the app
// never import this: the loader carries English's launcher texts and fetches another language's
// file (widget/loader/chunks.ts); the app carries English's panel texts.

import ar from './ar';
import cs from './cs';
import da from './da';
import de from './de';
import { launcher, panel, type Strings } from './en';
import es from './es';
import fa from './fa';
import fi from './fi';
import fr from './fr';
import he from './he';
import hi from './hi';
import id from './id';
import it from './it';
import ja from './ja';
import ko from './ko';
import { type Language, languageOf } from './locale';
import nb from './nb';
import nl from './nl';
import pl from './pl';
import pt from './pt';
import ptPT from './pt-PT';
import ru from './ru';
import sv from './sv';
import th from './th';
import tr from './tr';
import uk from './uk';
import vi from './vi';
import zhHans from './zh-Hans';
import zhHant from './zh-Hant';

export type { LauncherStrings, PanelStrings, StringKey, Strings } from './en';
export { canonical, format, LANGUAGES as supportedLanguages, resolveLocale, textDirection } from './locale';
export { plural } from './plural';

export const english: Strings = { ...launcher, ...panel };

/** Each other language's texts, by language. */
export const TEXTS: Record<Exclude<Language, 'en'>, Strings> = {
  ar,
  cs,
  da,
  de,
  es,
  fa,
  fi,
  fr,
  he,
  hi,
  id,
  it,
  ja,
  ko,
  nb,
  nl,
  pl,
  pt,
  'pt-PT': ptPT,
  ru,
  sv,
  th,
  tr,
  uk,
  vi,
  'zh-Hans': zhHans,
  'zh-Hant': zhHant,
};

/** A locale's texts. */
export function getStrings(locale: string): Strings {
  const language = languageOf(locale);
  return language === 'en' ? english : TEXTS[language];
}
