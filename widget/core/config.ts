// Options in, configuration out: reads the script tag's data-* attributes, then validates every
// option with one readable message per problem (the site owner reads them in the console).
// Defaults are product.md's table.

import type { AuthHeader, Priority } from '../api/types';
import { contrastingText, parseHexColor } from './color';
import type { Mode, ParleyOptions, Position, ResolvedConfig, Theme } from './options';

export type ConfigResult = { ok: true; config: ResolvedConfig; warnings: string[] } | { ok: false; errors: string[] };

const POSITIONS: readonly Position[] = ['right', 'left'];
const THEMES: readonly Theme[] = ['light', 'dark', 'auto'];
const MODES: readonly Mode[] = ['floating', 'inline'];
const AUTH_HEADERS: readonly AuthHeader[] = ['bearer', 'x-api-key'];
const PRIORITIES: readonly Priority[] = ['low', 'normal', 'high', 'urgent'];
const DEFAULT_COLOR = '#4f46e5';
const DEFAULT_OFFSET = 20;
const MAX_OFFSET = 1000;
const DEFAULT_Z_INDEX = 2147483000;
const MAX_Z_INDEX = 2147483647; // the largest value browsers honour (32-bit signed)
const CLIENT_KEY_PREFIX = 'bnc_cl_';
const SERVER_KEY_PREFIX = 'bnc_sv_';

const STRING_ATTRIBUTES = [
  'clientKey', 'apiUrl', 'authHeader', 'title', 'greeting', 'teamName', 'color', 'position',
  'theme', 'locale', 'priority', 'mode', 'target',
] as const;
const BOOLEAN_ATTRIBUTES = ['requireEmail', 'pageInfo', 'launcher', 'open'] as const;
const KNOWN_OPTIONS = new Set<string>([...STRING_ATTRIBUTES, ...BOOLEAN_ATTRIBUTES, 'offset', 'zIndex', 'nonce']);

/** `teamName` → `data-team-name`, for messages about the tag. */
function attributeName(datasetKey: string): string {
  return `data-${datasetKey.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/**
 * Reads the script tag's dataset. Strings pass through for resolveConfig to check; booleans
 * accept "true", "false" and "" (a bare attribute means true); numbers must parse. Other data-*
 * attributes are ignored: they may belong to the host's own tooling.
 */
export function optionsFromDataset(dataset: Record<string, string | undefined>): {
  options: Partial<ParleyOptions>;
  errors: string[];
} {
  const options: Record<string, unknown> = {};
  const errors: string[] = [];
  for (const key of STRING_ATTRIBUTES) {
    if (dataset[key] !== undefined) options[key] = dataset[key];
  }
  for (const key of BOOLEAN_ATTRIBUTES) {
    const raw = dataset[key];
    if (raw === undefined) continue;
    const value = raw.trim().toLowerCase();
    if (value === '' || value === 'true') options[key] = true;
    else if (value === 'false') options[key] = false;
    else errors.push(`${attributeName(key)}="${raw}" is not valid: use "true" or "false"`);
  }
  const number = (key: 'offsetX' | 'offsetY' | 'zIndex'): number | undefined => {
    const raw = dataset[key];
    if (raw === undefined) return undefined;
    const value = raw.trim() === '' ? Number.NaN : Number(raw);
    if (Number.isFinite(value)) return value;
    errors.push(`${attributeName(key)}="${raw}" is not a number`);
    return undefined;
  };
  const x = number('offsetX');
  const y = number('offsetY');
  if (x !== undefined || y !== undefined) options.offset = { ...(x !== undefined && { x }), ...(y !== undefined && { y }) };
  const zIndex = number('zIndex');
  if (zIndex !== undefined) options.zIndex = zIndex;
  return { options: options as Partial<ParleyOptions>, errors };
}

/** Validates options from any source; every problem is reported, not only the first. */
export function resolveConfig(options: unknown): ConfigResult {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    return {
      ok: false,
      errors: [`options must be an object like { clientKey: "bnc_cl_…", apiUrl: "https://…" }, got ${show(options)}`],
    };
  }
  const input = options as Record<string, unknown>;
  const errors: string[] = [];
  const warnings: string[] = [];
  // null and undefined both mean "use the default".
  const given = (key: string): unknown => input[key] ?? undefined;

  function oneOf<T extends string>(key: string, allowed: readonly T[], fallback: T): T {
    const value = given(key);
    if (value === undefined) return fallback;
    const normalised = typeof value === 'string' ? value.trim().toLowerCase() : value;
    if (allowed.includes(normalised as T)) return normalised as T;
    errors.push(`${key} ${show(value)} is not valid: use ${allowed.map((a) => `"${a}"`).join(', ')}`);
    return fallback;
  }

  function flag(key: string, fallback: boolean): boolean {
    const value = given(key);
    if (value === undefined) return fallback;
    if (typeof value === 'boolean') return value;
    errors.push(`${key} must be true or false, got ${show(value)}`);
    return fallback;
  }

  function text(key: string): string | null {
    const value = given(key);
    if (value === undefined) return null;
    if (typeof value === 'string') return value.trim() || null;
    errors.push(`${key} must be a string, got ${show(value)}`);
    return null;
  }

  function numberIn(key: string, value: unknown, min: number, max: number, integer = false): number | null {
    const valid = typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;
    if (valid && (!integer || Number.isInteger(value))) return value;
    errors.push(`${key} ${show(value)} is not valid: use ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}`);
    return null;
  }

  const clientKey = checkClientKey(given('clientKey'), errors);
  const apiUrl = checkApiUrl(given('apiUrl'), errors, warnings);

  const rawColor = given('color');
  const color = rawColor === undefined ? DEFAULT_COLOR : parseHexColor(rawColor);
  if (color === null) errors.push(`color ${show(rawColor)} is not valid: use a hex colour such as "#4f46e5" or "#fff"`);

  let offsetX = DEFAULT_OFFSET;
  let offsetY = DEFAULT_OFFSET;
  const offset = given('offset');
  if (typeof offset === 'object' && offset !== null) {
    const { x, y } = offset as { x?: unknown; y?: unknown };
    if (x !== undefined) offsetX = numberIn('offset.x', x, 0, MAX_OFFSET) ?? DEFAULT_OFFSET;
    if (y !== undefined) offsetY = numberIn('offset.y', y, 0, MAX_OFFSET) ?? DEFAULT_OFFSET;
  } else if (offset !== undefined) {
    offsetX = offsetY = numberIn('offset', offset, 0, MAX_OFFSET) ?? DEFAULT_OFFSET;
  }
  const rawZIndex = given('zIndex');
  const zIndex = rawZIndex === undefined ? DEFAULT_Z_INDEX : (numberIn('zIndex', rawZIndex, 0, MAX_Z_INDEX, true) ?? DEFAULT_Z_INDEX);

  const mode = oneOf('mode', MODES, 'floating');
  const target = checkTarget(given('target'), mode, errors, warnings);

  const config: ResolvedConfig = {
    clientKey: clientKey ?? '',
    apiUrl: apiUrl ?? '',
    authHeader: oneOf('authHeader', AUTH_HEADERS, 'bearer'),
    title: text('title'),
    greeting: text('greeting'),
    teamName: text('teamName'),
    color: color ?? DEFAULT_COLOR,
    colorText: contrastingText(color ?? DEFAULT_COLOR),
    position: oneOf('position', POSITIONS, 'right'),
    offsetX,
    offsetY,
    zIndex,
    theme: oneOf('theme', THEMES, 'auto'),
    locale: checkLocale(text('locale'), warnings),
    requireEmail: flag('requireEmail', false),
    priority: oneOf('priority', PRIORITIES, 'normal'),
    pageInfo: flag('pageInfo', true),
    launcher: flag('launcher', true),
    open: flag('open', false),
    mode,
    target,
    nonce: text('nonce'),
  };

  for (const key of Object.keys(input)) {
    if (!KNOWN_OPTIONS.has(key)) warnings.push(unknownOptionWarning(key));
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, config, warnings };
}

function checkClientKey(value: unknown, errors: string[]): string | null {
  if (value === undefined || (typeof value === 'string' && !value.trim())) {
    errors.push(`clientKey is missing: set data-client-key (or clientKey in Parley('init', …)) to your client key, "${CLIENT_KEY_PREFIX}…"`);
    return null;
  }
  if (typeof value !== 'string') {
    errors.push(`clientKey must be a string starting with "${CLIENT_KEY_PREFIX}", got ${show(value)}`);
    return null;
  }
  const key = value.trim();
  // Only a prefix is ever echoed: whatever was pasted here may be a secret.
  const masked = `"${key.slice(0, 7)}…"`;
  if (key.toLowerCase().startsWith(SERVER_KEY_PREFIX)) {
    errors.push(
      `clientKey ${masked} is a server key. Server keys are secret and must never be put in a web page: ` +
        `rotate this one now in the helpdesk, since anyone who loaded the page may have it, ` +
        `and use a client key ("${CLIENT_KEY_PREFIX}…") instead`,
    );
    return null;
  }
  if (!key.startsWith(CLIENT_KEY_PREFIX)) {
    errors.push(`clientKey ${masked} is not a client key: expected a key starting with "${CLIENT_KEY_PREFIX}"`);
    return null;
  }
  // It travels in an HTTP header, where spaces and control characters make fetch throw.
  if (!/^bnc_cl_[\x21-\x7e]+$/.test(key)) {
    errors.push(`clientKey ${masked} is incomplete or contains spaces or characters that cannot be sent: copy it again`);
    return null;
  }
  return key;
}

function checkApiUrl(value: unknown, errors: string[], warnings: string[]): string | null {
  const example = 'such as "https://helpdesk.example.com"';
  if (value === undefined || (typeof value === 'string' && !value.trim())) {
    errors.push(`apiUrl is missing: set data-api-url (or apiUrl in Parley('init', …)) to your helpdesk's address, ${example}`);
    return null;
  }
  let url: URL;
  try {
    if (typeof value !== 'string') throw new TypeError('not a string');
    url = new URL(value.trim());
  } catch {
    errors.push(`apiUrl ${show(value)} is not valid: use an absolute URL ${example}`);
    return null;
  }
  const problem =
    url.protocol !== 'https:' && url.protocol !== 'http:'
      ? 'must start with https:// (or http:// for local testing)'
      : url.username || url.password
        ? 'must not contain a user name or password'
        : url.search || url.hash
          ? 'must not contain a query (?…) or fragment (#…): give the base address only'
          : null;
  if (problem) {
    errors.push(`apiUrl ${show(value)} ${problem}`);
    return null;
  }
  if (url.protocol === 'http:' && !['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) {
    warnings.push(`apiUrl ${show(value)} uses http://: messages and the client key travel unencrypted; use https://`);
  }
  return (url.origin + url.pathname).replace(/\/+$/, '');
}

function checkTarget(value: unknown, mode: Mode, errors: string[], warnings: string[]): string | Element | null {
  const isElement = typeof value === 'object' && value !== null && (value as { nodeType?: unknown }).nodeType === 1;
  const target = isElement ? (value as Element) : typeof value === 'string' && value.trim() ? value.trim() : null;
  if (value !== undefined && target === null) {
    errors.push(`target ${show(value)} is not valid: use a CSS selector such as "#support" or an element`);
    return null;
  }
  if (mode === 'inline' && target === null && value === undefined) {
    errors.push('mode "inline" needs a target: the CSS selector of the element to hold the panel, such as "#support"');
  }
  if (mode !== 'inline' && target !== null) {
    warnings.push(`target is ignored unless mode is "inline"`);
    return null;
  }
  return target;
}

function checkLocale(value: string | null, warnings: string[]): string | null {
  if (value === null) return null;
  try {
    return Intl.getCanonicalLocales(value)[0] ?? null;
  } catch {
    warnings.push(`locale ${show(value)} is not a language tag such as "fr" or "pt-BR"; using the browser's language`);
    return null;
  }
}

function unknownOptionWarning(key: string): string {
  // Catches the usual slips: snake_case, attribute names, wrong case, per-axis offsets.
  const squashed = key.toLowerCase().replace(/^data-/, '').replace(/[-_]/g, '');
  if (squashed === 'offsetx' || squashed === 'offsety') {
    return `unknown option "${key}" is ignored; did you mean offset: { ${squashed.slice(-1)}: … }?`;
  }
  const match = [...KNOWN_OPTIONS].find((known) => known.toLowerCase() === squashed);
  return `unknown option "${key}" is ignored${match ? `; did you mean "${match}"?` : ''}`;
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (typeof value === 'function') return 'a function';
  if (value === null || typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return 'an array';
  return 'an object';
}
