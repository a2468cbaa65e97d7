// The ES module entry for sites built with a bundler: no side effects at import time.
//   import { createParley } from 'parley';
//   const parley = createParley({ clientKey: 'bnc_cl_…', apiUrl: 'https://helpdesk.example.com' });
//   parley.on('message', (message) => …);
// The launcher comes with this module; the conversation code and each language are separate
// chunks, imported when they are wanted, so the site's bundler splits them too.

import type { ParleyApi } from './core/commands';
import type { ParleyOptions } from './core/options';
import type { PanelStrings } from './i18n/en';
import type { Language } from './i18n/locale';
import { type Chunks, createWidget, type ParleyEnvironment } from './loader/create-parley';

export type { AuthHeader, Priority } from './api/types';
export type { IdentifyInput, NewConversationInput, ParleyApi } from './core/commands';
export type { ParleyEventName, ParleyEvents } from './core/events';
export type { Mode, ParleyOptions, Position, Theme } from './core/options';
export { ParleyConfigError, type ParleyEnvironment, VERSION } from './loader/create-parley';

const languages: Record<Exclude<Language, 'en'>, () => Promise<{ default: PanelStrings }>> = {
  fr: () => import('./i18n/fr'),
  es: () => import('./i18n/es'),
  pt: () => import('./i18n/pt'),
  de: () => import('./i18n/de'),
  ar: () => import('./i18n/ar'),
  ja: () => import('./i18n/ja'),
};

const chunks: Chunks = {
  app: () => import('./app/index'),
  strings: (language) => languages[language]().then((module) => module.default),
};

/** Builds one widget; throws ParleyConfigError with every problem when the options are unusable. */
export function createParley(options: ParleyOptions, env: ParleyEnvironment = { window }): ParleyApi {
  return createWidget(options, env, chunks);
}
