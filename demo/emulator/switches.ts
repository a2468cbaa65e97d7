// Defaults and validation of the switches, shared by startEmulator() and PATCH /__emulator/switches.

import type { Switches } from './types';
import type { FieldErrors } from './validate';

export const DEFAULT_SWITCHES: Readonly<Switches> = {
  descriptionAsMessage: true,
  anonymousEmail: 'generated',
  etag: true,
  listEnvelope: 'paginated',
  originRefusal: 'cors',
  endedAcceptsMessages: false,
  latencyMs: 0,
  failRate: 0,
  failStatus: 503,
};

type Check = (value: unknown) => string | null;

const boolean: Check = (value) => (typeof value === 'boolean' ? null : 'Must be true or false.');

const oneOf =
  (...allowed: string[]): Check =>
  (value) =>
    typeof value === 'string' && allowed.includes(value) ? null : `Must be one of: ${allowed.join(', ')}.`;

const numberIn =
  (min: number, max: number, integer = false): Check =>
  (value) =>
    typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max && (!integer || Number.isInteger(value))
      ? null
      : `Must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}.`;

const CHECKS: Record<keyof Switches, Check> = {
  descriptionAsMessage: boolean,
  anonymousEmail: oneOf('generated', 'none'),
  etag: boolean,
  listEnvelope: oneOf('count-results', 'paginated'),
  originRefusal: oneOf('cors', '403'),
  endedAcceptsMessages: boolean,
  // A minute is far past any client timeout worth testing; more is a typo.
  latencyMs: numberIn(0, 60_000, true),
  failRate: numberIn(0, 1),
  failStatus: numberIn(400, 599, true),
};

/** Field errors for a partial switches object; an empty object means it is valid. */
export function checkSwitches(partial: Record<string, unknown>): FieldErrors {
  const errors: FieldErrors = {};
  for (const [name, value] of Object.entries(partial)) {
    const check = CHECKS[name as keyof Switches] as Check | undefined;
    const problem = check ? check(value) : 'Unknown switch.';
    if (problem) errors[name] = [problem];
  }
  return errors;
}

/** The full switches from the defaults and a partial; throws on a bad value (a programming error). */
export function buildSwitches(partial: Partial<Switches> = {}): Switches {
  const errors = checkSwitches(partial as Record<string, unknown>);
  const problems = Object.entries(errors).map(([name, messages]) => `${name}: ${messages.join(' ')}`);
  if (problems.length > 0) throw new Error(`Invalid emulator switches: ${problems.join('; ')}`);
  return { ...DEFAULT_SWITCHES, ...partial };
}
