// The ES module entry for sites built with a bundler: no side effects at import time.
//   import { createParley } from 'parley';
//   const parley = createParley({ clientKey: 'bnc_cl_…', apiUrl: 'https://helpdesk.example.com' });
//   parley.on('message', (message) => …);

export { createParley, ParleyConfigError, VERSION, type ParleyEnvironment } from './parley';
export type { ParleyApi, IdentifyInput, NewConversationInput } from './core/commands';
export type { ParleyEvents, ParleyEventName } from './core/events';
export type { ParleyOptions, Position, Theme, Mode } from './core/options';
export type { Priority, AuthHeader } from './api/types';
