// The launcher's texts in every language, for the loader: the launcher is named in the customer's
// language, and a failed load explained in it, before any other file has arrived. Only the
// `launcher` export of each language file is taken; the panel's texts stay in their own files.

import { launcher as ar } from './ar';
import { launcher as de } from './de';
import { launcher as en, type LauncherStrings } from './en';
import { launcher as es } from './es';
import { launcher as fr } from './fr';
import { launcher as ja } from './ja';
import { launcher as pt } from './pt';
import { languageOf } from './locale';

const LAUNCHER: Record<string, LauncherStrings> = { en, fr, es, pt, de, ar, ja };

export const launcherStrings = (locale: string): LauncherStrings => LAUNCHER[languageOf(locale)]!;
