// `Parley(command, …args)`: checks each command and its arguments, runs it, and reports a bad one
// in the console with the reason. Nothing here ever throws into the host page.

import { EVENT_NAMES, type ParleyEventName, type ParleyEvents } from './events';
import { describe, isPlainObject } from './metadata';
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
  /** Turns the reply sound off (false) or back on (true), on this page. */
  sound(on: boolean): void;
  /** The current conversation as plain text, as the customer sees it ('' when there is none). */
  transcript(): Promise<string>;
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

/** A reason when some of `keys` are given but are not strings. */
const strings = (input: Record<string, unknown>, ...keys: string[]): string | null =>
  keys.every((key) => input[key] === undefined || typeof input[key] === 'string') ? null : `${keys.map((key) => `"${key}"`).join(' and ')} must be strings.`;
const noArguments = () => null;

// Each command's check: why its arguments are wrong, or null.
const ARGUMENT_CHECKS: Record<CommandName, (first: unknown, second: unknown) => string | null> = {
  init: (options) => (isPlainObject(options) ? null : 'expects an options object, e.g. Parley("init", { clientKey, apiUrl }).'),
  open: noArguments,
  close: noArguments,
  toggle: noArguments,
  identify: (identity) =>
    !isPlainObject(identity)
      ? 'expects { email, firstName?, lastName? }.'
      : typeof identity.email !== 'string' || !isValidEmail(identity.email)
        ? `needs a valid "email" (got ${describe(identity.email)}).`
        : strings(identity, 'firstName', 'lastName'),
  metadata: (data) => (isPlainObject(data) ? null : 'expects a plain object of JSON values.'),
  locale: (tag) => (typeof tag === 'string' && tag.trim() ? null : 'expects a language tag such as "fr" or "pt-BR".'),
  sound: (on) => (typeof on === 'boolean' ? null : `expects true or false, e.g. Parley("sound", false) (got ${describe(on)}).`),
  transcript: noArguments,
  newConversation: (input) => (input === undefined ? null : isPlainObject(input) ? strings(input, 'subject', 'message') : 'expects { subject?, message? }.'),
  on: checkSubscription,
  off: checkSubscription,
  reset: noArguments,
  shutdown: noArguments,
};

function checkSubscription(event: unknown, handler: unknown): string | null {
  if (!EVENT_NAMES.includes(event as ParleyEventName)) return `unknown event ${describe(event)}; events are ${EVENT_NAMES.join(', ')}.`;
  return typeof handler === 'function' ? null : 'expects a handler function as the second argument.';
}

export const COMMANDS = Object.keys(ARGUMENT_CHECKS) as CommandName[];

/** Why the command or its arguments are wrong (the whole console message, without the prefix), or null. */
export function checkArguments(command: unknown, args: unknown[]): string | null {
  if (!COMMANDS.includes(command as CommandName)) return `Unknown command ${describe(command)}. Commands: ${COMMANDS.join(', ')}.`;
  const problem = ARGUMENT_CHECKS[command as CommandName](args[0], args[1]);
  return problem && `Parley("${command as string}") ${problem}`;
}

/** Whether the call is well formed; a bad one is reported in the console with the reason. */
export function checkCall(command: unknown, args: unknown[], log: Logger): boolean {
  return (
    attempt(command, log, () => {
      const problem = checkArguments(command, args);
      if (problem) log.error(`${PREFIX} ${problem}`);
      return !problem;
    }) === true
  );
}

/** Runs one command against the API; returns its result (the unsubscribe for 'on'). */
export function runCommand(api: ParleyApi, command: unknown, args: unknown[], log: Logger): unknown {
  return checkCall(command, args, log)
    ? attempt(command, log, () => (api as unknown as Record<string, (...values: unknown[]) => unknown>)[command as CommandName]?.(...args))
    : undefined;
}

// The checks too: a getter on the host's argument object may throw.
function attempt(command: unknown, log: Logger, run: () => unknown): unknown {
  try {
    return run();
  } catch (error) {
    log.error(`${PREFIX} Parley("${String(command)}") failed:`, error);
    return undefined;
  }
}

export type InitOptions = ParleyOptions;
