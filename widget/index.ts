// The ES module entry for sites built with a bundler: no side effects at import time.
//   import { createParley } from 'parley';
//   const parley = createParley({ clientKey: 'bnc_cl_…', apiUrl: 'https://helpdesk.example.com' });
//   parley.on('message', (message) => …);
// The launcher comes with this module; the conversation code and each language are separate
// chunks, imported when they are wanted, so the site's bundler splits them too.

import type { ParleyApi } from './core/commands';
import type { ParleyOptions } from './core/options';
import type { PanelStrings } from './i18n/en';
import { type Chunks, type ParleyEnvironment, createWidget } from './loader/create-parley';

export { ParleyConfigError, VERSION, type ParleyEnvironment } from './loader/create-parley';
export type { ParleyApi, IdentifyInput, NewConversationInput } from './core/commands';
export type { ParleyEvents, ParleyEventName } from './core/events';
export type { ParleyOptions, Position, Theme, Mode } from './core/options';
export type { Priority, AuthHeader } from './api/types';

const languages: Record<string, () => Promise<{ default: PanelStrings }>> = {
  fr: () => import('./i18n/fr'),
  es: () => import('./i18n/es'),
  pt: () => import('./i18n/pt'),
  de: () => import('./i18n/de'),
  ar: () => import('./i18n/ar'),
  ja: () => import('./i18n/ja'),
};

const chunks: Chunks = {
  app: () => import('./app/index'),
  strings: (language) => languages[language]!().then((module) => module.default),
};

/** Builds one widget; throws ParleyConfigError with every problem when the options are unusable. */
export function createParley(options: ParleyOptions, env: ParleyEnvironment = { window }): ParleyApi {
  return createWidget(options, env, chunks);
}
