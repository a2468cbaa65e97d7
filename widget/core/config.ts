// Options in, configuration out: reads the script tag's data-* attributes, then validates every
// option with one readable message per problem (the site owner reads them in the console).
// One table, product.md's defaults, drives both: the kind of each default says how the option is
// read and checked, so most options are one line of it.

import { canonical } from '../i18n/locale';
import { contrastingText, parseHexColor } from './color';
import { attributeName, CLIENT_KEY, checkApiUrl, checkClientKey } from './config-endpoint';
import { describe } from './metadata';
import type { ParleyOptions, ResolvedConfig } from './options';
import { wordsOf } from './secret-params';

export type ConfigResult = { ok: true; config: ResolvedConfig; warnings: string[] } | { ok: false; errors: string[] };

type Checked = Omit<ResolvedConfig, 'clientKey' | 'apiUrl' | 'colorText' | 'offsetX' | 'offsetY'> & { offset: number };
type Choice = 'authHeader' | 'position' | 'theme' | 'priority' | 'mode';

// A boolean default makes a flag ("true"/"false" on the tag), a number a number, and null an
// optional text; CHOICES lists the values of the others. The one place product.md's defaults are
// written: the styles fall back on them too (widget/loader/styles.ts).
export const DEFAULTS: Checked = {
  authHeader: 'bearer',
  title: null,
  greeting: null,
  teamName: null,
  color: '#4f46e5',
  position: 'right',
  offset: 20,
  zIndex: 2147483000,
  theme: 'auto',
  locale: null,
  requireEmail: false,
  priority: 'normal',
  pageInfo: true,
  redactParams: [],
  launcher: true,
  sound: true,
  titleAlert: true,
  open: false,
  mode: 'floating',
  target: null,
  nonce: null,
};
const CHOICES: { [K in Choice]: readonly ResolvedConfig[K][] } = {
  authHeader: ['bearer', 'x-api-key'],
  position: ['right', 'left'],
  theme: ['light', 'dark', 'auto'],
  priority: ['low', 'normal', 'high', 'urgent'],
  mode: ['floating', 'inline'],
};
// Largest accepted values; 2147483647 is the largest z-index browsers honour (32-bit signed).
const MAX_OFFSET = 1000;
const MAX_Z_INDEX = 2147483647;
const OPTION_NAMES = ['clientKey', 'apiUrl', ...Object.keys(DEFAULTS)];
// pageInfo is a flag with a third value: "full" sends the page's address untouched.
const FULL = 'full';
const flagValues = (key: string) => (key === 'pageInfo' ? `"true", "false" or "${FULL}"` : '"true" or "false"');

/**
 * Reads the script tag's dataset. Strings pass through for resolveConfig to check; booleans
 * accept "true", "false" and "" (a bare attribute means true); numbers must parse, the offset per
 * axis (data-offset-x, data-offset-y). Other data-* attributes are ignored: they may belong to the
 * host's own tooling, and the nonce comes from the tag's own nonce attribute.
 */
export function optionsFromDataset(dataset: Record<string, string | undefined>): {
  options: Partial<ParleyOptions>;
  errors: string[];
} {
  const options: Record<string, unknown> = {};
  const offset: Record<string, number> = {};
  const errors: string[] = [];
  for (const [key, raw] of Object.entries(dataset)) {
    const axis = /^offset[XY]$/.test(key) && key.slice(-1).toLowerCase();
    const option = axis ? 'offset' : key;
    if (raw === undefined || !OPTION_NAMES.includes(option) || key === 'offset' || key === 'nonce') continue;
    const kind = typeof DEFAULTS[option as keyof Checked];
    const value = raw.trim().toLowerCase();
    const number = value ? Number(value) : Number.NaN;
    if (key === 'pageInfo' && value === FULL) options[key] = FULL;
    else if (kind === 'boolean' && (!value || value === 'true' || value === 'false')) options[key] = value !== 'false';
    else if (kind === 'boolean') errors.push(`${attributeName(key)}="${raw}" is not valid: use ${flagValues(key)}`);
    else if (kind === 'number' && !Number.isFinite(number)) errors.push(`${attributeName(key)}="${raw}" is not a number`);
    else if (axis) options.offset = Object.assign(offset, { [axis]: number });
    else options[key] = kind === 'number' ? number : raw;
  }
  return { options, errors };
}

/** Validates options from any source; every problem is reported, not only the first. */
export function resolveConfig(options: unknown): ConfigResult {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    return { ok: false, errors: [`options must be an object like { clientKey: ${CLIENT_KEY}, apiUrl: "https://…" }, got ${describe(options)}`] };
  }
  const input = options as Record<string, unknown>;
  const errors: string[] = [];
  const warnings: string[] = [];
  // Each returns undefined, so that `return invalid(…)` means "use the default".
  const mustBe = (name: string, expected: string, value: unknown): undefined => {
    errors.push(`${name} must be ${expected}, got ${describe(value)}`);
  };
  const invalid = (name: string, value: unknown, expected: string): undefined => {
    errors.push(`${name} ${describe(value)} is not valid: use ${expected}`);
  };
  const number = (name: string, value: unknown, max: number, whole = false): number | undefined =>
    // NaN and Infinity fail the range test.
    typeof value === 'number' && value >= 0 && value <= max && (!whole || Number.isInteger(value))
      ? value
      : invalid(name, value, `${whole ? 'a whole number' : 'a number'} from 0 to ${max}`);

  function check(key: keyof Checked, value: unknown): unknown {
    const choices: readonly unknown[] | undefined = CHOICES[key as Choice];
    if (choices) {
      const choice = typeof value === 'string' ? value.trim().toLowerCase() : value;
      return choices.includes(choice) ? choice : invalid(key, value, choices.map((allowed) => `"${allowed}"`).join(', '));
    }
    if (key === 'offset' && typeof value === 'object') {
      // Per axis; a missing axis keeps the default.
      const { x = DEFAULTS.offset, y = DEFAULTS.offset } = value as { x?: unknown; y?: unknown };
      return [number('offset.x', x, MAX_OFFSET), number('offset.y', y, MAX_OFFSET)];
    }
    if (key === 'offset' || key === 'zIndex') return number(key, value, key === 'offset' ? MAX_OFFSET : MAX_Z_INDEX, key === 'zIndex');
    if (key === 'pageInfo' && typeof value === 'string' && value.trim().toLowerCase() === FULL) return FULL;
    if (key === 'redactParams') return checkParamNames(value, errors);
    if (typeof DEFAULTS[key] === 'boolean')
      return typeof value === 'boolean' ? value : mustBe(key, key === 'pageInfo' ? `true, false or "${FULL}"` : 'true or false', value);
    if (key === 'color') return parseHexColor(value) ?? invalid(key, value, 'a hex colour such as "#4f46e5" or "#fff"');
    if (key === 'target') {
      const selector = typeof value === 'string' && value.trim();
      if (selector || (value as { nodeType?: unknown }).nodeType === 1) return selector || value;
      return invalid(key, value, 'a CSS selector such as "#support" or an element');
    }
    return typeof value === 'string' ? value.trim() || null : mustBe(key, 'a string', value);
  }

  const clientKey = checkClientKey(input.clientKey, errors);
  const apiUrl = checkApiUrl(input.apiUrl, errors, warnings);
  const checked: Record<string, unknown> = {};
  for (const key of Object.keys(DEFAULTS) as (keyof Checked)[]) {
    // null and undefined both mean "use the default", and so does a refused value.
    checked[key] = (input[key] == null ? null : check(key, input[key])) ?? DEFAULTS[key];
  }
  const { offset, ...config } = checked as Checked & { offset: number | [number?, number?] };
  const [offsetX = DEFAULTS.offset, offsetY = DEFAULTS.offset] = typeof offset === 'number' ? [offset, offset] : offset;
  if (config.mode !== 'inline') {
    if (config.target !== null) warnings.push('target is ignored unless mode is "inline"');
    config.target = null;
  } else if (input.target == null) {
    errors.push('mode "inline" needs a target: the CSS selector of the element to hold the panel, such as "#support"');
  }

  for (const key of Object.keys(input)) {
    if (!OPTION_NAMES.includes(key)) warnings.push(unknownOptionWarning(key));
  }
  return errors.length > 0
    ? { ok: false, errors }
    : {
        ok: true,
        config: { ...config, clientKey, apiUrl, colorText: contrastingText(config.color), offsetX, offsetY, locale: checkLocale(config.locale, warnings) },
        warnings,
      };
}

/**
 * `data-redact-params="order_ref, invite"`, or `redactParams: ['order_ref', 'invite']` (a string
 * works there too). Empty pieces of a comma-separated list are skipped (a trailing comma is
 * harmless); a name that could never be a parameter's is refused rather than silently matching
 * nothing.
 */
function checkParamNames(value: unknown, errors: string[]): string[] | undefined {
  const fromText = typeof value === 'string';
  const names: unknown[] | null = fromText ? value.split(',') : Array.isArray(value) ? value : null;
  if (!names) {
    errors.push(`redactParams must be an array of parameter names or a comma-separated string such as "order_ref, invite", got ${describe(value)}`);
    return;
  }
  const valid: string[] = [];
  names.forEach((name, index) => {
    const named = fromText ? `redactParams ${describe(name)}` : `redactParams[${index}] ${describe(name)}`;
    if (typeof name !== 'string') errors.push(`redactParams[${index}] must be a string, got ${describe(name)}`);
    else if (!name.trim()) {
      if (!fromText) errors.push(`redactParams[${index}] is empty: give a parameter name such as "order_ref"`);
    } else if (/[=&;?#]/.test(name) || wordsOf(name).length === 0) {
      errors.push(`${named} is not a parameter name: give the name alone, such as "order_ref" (without "=", "&", ";", "?" or "#")`);
    } else valid.push(name.trim());
  });
  return valid;
}

function checkLocale(value: string | null, warnings: string[]): string | null {
  const locale = value && canonical(value);
  if (value && !locale) warnings.push(`locale ${describe(value)} is not a language tag such as "fr" or "pt-BR"; using the browser's language`);
  return locale;
}

function unknownOptionWarning(key: string): string {
  // Catches the usual slips: snake_case, attribute names, wrong case, per-axis offsets.
  const squashed = key.toLowerCase().replace(/^data-|[-_]/g, '');
  const match = OPTION_NAMES.find((known) => known.toLowerCase() === squashed);
  const suggestion = /^offset[xy]$/.test(squashed) ? `offset: { ${squashed.slice(-1)}: … }` : match && `"${match}"`;
  return `unknown option "${key}" is ignored${suggestion ? `; did you mean ${suggestion}?` : ''}`;
}
