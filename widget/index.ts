// The ES module entry for sites built with a bundler: no side effects at import time.
//   import { createParley } from 'parley';
//   const parley = createParley({ clientKey: 'bnc_cl_…', apiUrl: 'https://helpdesk.example.com' });
//   parley.on('message', (message) => …);
// The launcher comes with this module; the conversation code and each language are separate
// chunks, imported when they are wanted, so the site's bundler splits them too.

import type { ParleyApi } from './core/commands';
import type { ParleyOptions } from './core/options';
import type { Strings } from './i18n/en';
import type { Language } from './i18n/locale';
import { type Chunks, createWidget, type ParleyEnvironment } from './loader/create-parley';

export type { AuthHeader, Priority } from './api/types';
export type { IdentifyInput, NewConversationInput, ParleyApi } from './core/commands';
export type { ParleyEventName, ParleyEvents } from './core/events';
export type { Mode, ParleyOptions, Position, Theme } from './core/options';
export { ParleyConfigError, type ParleyEnvironment, VERSION } from './loader/create-parley';

const languages: Record<Exclude<Language, 'en'>, () => Promise<{ default: Strings }>> = {
  ar: () => import('./i18n/ar'),
  cs: () => import('./i18n/cs'),
  da: () => import('./i18n/da'),
  de: () => import('./i18n/de'),
  es: () => import('./i18n/es'),
  fa: () => import('./i18n/fa'),
  fi: () => import('./i18n/fi'),
  fr: () => import('./i18n/fr'),
  he: () => import('./i18n/he'),
  hi: () => import('./i18n/hi'),
  id: () => import('./i18n/id'),
  it: () => import('./i18n/it'),
  ja: () => import('./i18n/ja'),
  ko: () => import('./i18n/ko'),
  nb: () => import('./i18n/nb'),
  nl: () => import('./i18n/nl'),
  pl: () => import('./i18n/pl'),
  pt: () => import('./i18n/pt'),
  'pt-PT': () => import('./i18n/pt-PT'),
  ru: () => import('./i18n/ru'),
  sv: () => import('./i18n/sv'),
  th: () => import('./i18n/th'),
  tr: () => import('./i18n/tr'),
  uk: () => import('./i18n/uk'),
  vi: () => import('./i18n/vi'),
  'zh-Hans': () => import('./i18n/zh-Hans'),
  'zh-Hant': () => import('./i18n/zh-Hant'),
};

const chunks: Chunks = {
  app: () => import('./app/index'),
  strings: (language) => languages[language]().then((module) => module.default),
};

/** Builds one widget; throws ParleyConfigError with every problem when the options are unusable. */
export function createParley(options: ParleyOptions, env: ParleyEnvironment = { window }): ParleyApi {
  return createWidget(options, env, chunks);
}
