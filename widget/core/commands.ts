// `Parley(command, …args)`: checks each command and its arguments, runs it, and reports a bad one
// in the console with the reason. Nothing here ever throws into the host page.

import { EVENT_NAMES, type ParleyEventName, type ParleyEvents } from './events';
import type { ParleyOptions } from './options';
import { isValidEmail } from './people';

export interface IdentifyInput {
  email: string;
  firstName?: string;
  lastName?: string;
}

export interface NewConversationInput {
  subject?: string;
  message?: string;
}

/** The command API: what `Parley(…)` calls and what `createParley()` returns. */
export interface ParleyApi {
  open(): void;
  close(): void;
  toggle(): void;
  identify(identity: IdentifyInput): void;
  metadata(data: Record<string, unknown>): void;
  locale(tag: string): void;
  newConversation(input?: NewConversationInput): void;
  on<K extends ParleyEventName>(event: K, handler: (payload: ParleyEvents[K]) => void): () => void;
  off<K extends ParleyEventName>(event: K, handler: (payload: ParleyEvents[K]) => void): void;
  reset(): void;
  shutdown(): void;
}

export type CommandName = 'init' | keyof ParleyApi;

export interface Logger {
  error(...args: unknown[]): void;
  warn(...args: unknown[]): void;
}

export const PREFIX = '[Parley]';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
const isOptionalString = (value: unknown) => value === undefined || typeof value === 'string';

/** Returns why the arguments are wrong, or null. */
export function checkArguments(command: string, args: unknown[]): string | null {
  const [first, second] = args;
  switch (command) {
    case 'init':
      return isPlainObject(first) ? null : 'expects an options object, e.g. Parley("init", { clientKey, apiUrl }).';
    case 'open':
    case 'close':
    case 'toggle':
    case 'reset':
    case 'shutdown':
      return null;
    case 'identify':
      if (!isPlainObject(first)) return 'expects { email, firstName?, lastName? }.';
      if (typeof first.email !== 'string' || !isValidEmail(first.email)) return `needs a valid "email" (got ${JSON.stringify(first.email)}).`;
      if (!isOptionalString(first.firstName) || !isOptionalString(first.lastName)) return '"firstName" and "lastName" must be strings.';
      return null;
    case 'metadata':
      return isPlainObject(first) ? null : 'expects a plain object of JSON values.';
    case 'locale':
      return typeof first === 'string' && first.trim() ? null : 'expects a language tag such as "fr" or "pt-BR".';
    case 'newConversation':
      if (first === undefined) return null;
      if (!isPlainObject(first)) return 'expects { subject?, message? }.';
      return isOptionalString(first.subject) && isOptionalString(first.message) ? null : '"subject" and "message" must be strings.';
    case 'on':
    case 'off':
      if (!EVENT_NAMES.includes(first as ParleyEventName)) return `unknown event ${JSON.stringify(first)}; events are ${EVENT_NAMES.join(', ')}.`;
      return typeof second === 'function' ? null : 'expects a handler function as the second argument.';
    default:
      return `unknown command ${JSON.stringify(command)}.`;
  }
}

export const COMMANDS: readonly CommandName[] = [
  'init', 'open', 'close', 'toggle', 'identify', 'metadata', 'locale', 'newConversation', 'on', 'off', 'reset', 'shutdown',
];

/** Runs one command against the API; returns its result (the unsubscribe for 'on'). */
export function runCommand(api: ParleyApi, command: unknown, args: unknown[], log: Logger): unknown {
  if (typeof command !== 'string' || !COMMANDS.includes(command as CommandName)) {
    log.error(`${PREFIX} Unknown command ${JSON.stringify(command)}. Commands: ${COMMANDS.join(', ')}.`);
    return undefined;
  }
  const problem = checkArguments(command, args);
  if (problem) {
    log.error(`${PREFIX} Parley("${command}") ${problem}`);
    return undefined;
  }
  try {
    const method = (api as unknown as Record<string, (...values: unknown[]) => unknown>)[command];
    return method?.(...args);
  } catch (error) {
    log.error(`${PREFIX} Parley("${command}") failed:`, error);
    return undefined;
  }
}

export type InitOptions = ParleyOptions;
