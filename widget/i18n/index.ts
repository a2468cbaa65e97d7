// Every language's texts at once, for the build that carries them all (the standalone file) and
// for tests. The loader and the app never import this: the loader has the launcher's texts
// (launcher.ts) and fetches a language's panel texts from its own file (widget/loader/chunks.ts).

import ar from './ar';
import de from './de';
import en, { type PanelStrings, type Strings } from './en';
import es from './es';
import fr from './fr';
import ja from './ja';
import { launcherStrings } from './launcher';
import { type Language, languageOf } from './locale';
import pt from './pt';

export type { LauncherStrings, PanelStrings, StringKey, Strings } from './en';
export { canonical, format, LANGUAGES as supportedLanguages, resolveLocale, textDirection } from './locale';

/** Each language's panel texts, by language. */
export const PANEL_STRINGS: Record<Language, PanelStrings> = { en, fr, es, pt, de, ar, ja };

/** A locale's texts, launcher and panel. */
export const getStrings = (locale: string): Strings => ({ ...launcherStrings(locale), ...PANEL_STRINGS[languageOf(locale)] });
