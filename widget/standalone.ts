// dist/parley.standalone.js: the whole widget in one file, every language included, for sites
// that cannot host a folder. The same tag, options and commands as dist/parley.js; nothing else is
// fetched. The only module with side effects at import time.

import * as app from './app/index';
import { TEXTS } from './i18n/index';
import type { Language } from './i18n/locale';
import { createWidget } from './loader/create-parley';
import { installSnippet } from './loader/snippet';

const chunks = {
  app: () => Promise.resolve(app),
  strings: (language: Exclude<Language, 'en'>) => Promise.resolve(TEXTS[language]),
};
installSnippet(window, document.currentScript as HTMLScriptElement | null, (options) => createWidget(options, { window }, chunks));
