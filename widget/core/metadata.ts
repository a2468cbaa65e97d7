// The metadata sent with a new conversation: page information collected from what the caller
// passes in (never from globals), the site's own keys, and the plain-JSON and size checks that
// product.md promises (not plain JSON, or over 16 KB: refused).

import { stringifyJson } from './json';
import { redactUrl } from './redact-url';

export const MAX_METADATA_BYTES = 16 * 1024;
const MAX_DEPTH = 64;
// Long URLs and titles are cut so the page info alone cannot eat the site's 16 KB.
const MAX_URL_LENGTH = 2048;
const MAX_TEXT_LENGTH = 512;

export interface PageEnvironment {
  location: { href: string };
  document: { title: string; referrer: string };
  navigator: { language?: string; userAgent?: string };
  screen?: { width: number; height: number };
  /** IANA zone, e.g. from Intl.DateTimeFormat().resolvedOptions().timeZone. */
  timeZone?: string;
  widgetVersion: string;
  /** The widget's UI locale. */
  locale: string;
}

// A type alias, not an interface, so that it is assignable to Record<string, unknown>.
export type PageInfo = {
  page_url: string;
  page_title: string;
  referrer: string;
  locale: string;
  timezone: string | null;
  user_agent: string | null;
  /** "1280x800" */
  screen: string | null;
  widget_version: string;
};

/** How the page's address and referrer leave the browser (data-page-info, data-redact-params). */
export interface AddressPolicy {
  /** `data-page-info="full"`: the addresses as they are, fragment and all. */
  full: boolean;
  /** Names added to the built-in list of secret-looking parameters. */
  redactParams: readonly string[];
}

export type MetadataResult = { ok: true; value: Record<string, unknown> } | { ok: false; reason: string };

export function collectPageInfo(env: PageEnvironment, policy: AddressPolicy): PageInfo {
  const { screen } = env;
  const address = (url: string) => (policy.full ? url.slice(0, MAX_URL_LENGTH) : redactUrl(url, { siteNames: policy.redactParams, maxLength: MAX_URL_LENGTH }));
  return {
    page_url: address(env.location.href),
    page_title: env.document.title.trim().slice(0, MAX_TEXT_LENGTH),
    referrer: address(env.document.referrer),
    locale: env.locale,
    timezone: env.timeZone || null,
    user_agent: env.navigator.userAgent?.slice(0, MAX_TEXT_LENGTH) || null,
    screen: screen ? `${screen.width}x${screen.height}` : null,
    widget_version: env.widgetVersion,
  };
}

const PLAIN_JSON = 'only plain JSON is allowed (objects, arrays, strings, finite numbers, booleans, null)';

/** Accepts plain JSON objects of at most 16 KB; the value returned is a detached copy. */
export function validateMetadata(value: unknown): MetadataResult {
  try {
    if (!isPlainObject(value)) return { ok: false, reason: `metadata must be a plain object like { plan: "pro" }, got ${describe(value)}` };
    const problem = findProblem(value, 'metadata', []);
    return problem ? { ok: false, reason: problem } : withinSize(value);
  } catch (error) {
    // Getters and proxies can throw while being read.
    return { ok: false, reason: `metadata could not be read: ${String(error)}` };
  }
}

/**
 * Page info first, then the site's keys, which win on a clash. The site's keys were checked one
 * call at a time (validateMetadata, by the loader's `metadata` command), and the page info is
 * strings and numbers: together they can only be too large.
 */
export function buildMetadata({ pageInfo, extra }: { pageInfo: Record<string, unknown> | null; extra: Record<string, unknown> }): MetadataResult {
  return withinSize({ ...pageInfo, ...extra });
}

/** Plain JSON `value` as a detached copy, or refused over 16 KB. */
function withinSize(value: Record<string, unknown>): MetadataResult {
  const json = stringifyJson(value);
  const bytes = new TextEncoder().encode(json).length;
  return bytes > MAX_METADATA_BYTES
    ? { ok: false, reason: `metadata is ${bytes} bytes as JSON; the limit is ${MAX_METADATA_BYTES} bytes (16 KB)` }
    : { ok: true, value: JSON.parse(json) as Record<string, unknown> };
}

/** The first problem met, depth first; `ancestors` are the objects that contain `value`. */
function findProblem(value: unknown, path: string, ancestors: object[]): string | undefined {
  const kind = typeof value;
  if (kind === 'number' && !Number.isFinite(value)) return `${path} is ${value}; numbers must be finite`;
  if (kind === 'undefined') return `${path} is undefined; leave the key out or use null`;
  if (kind === 'function' || kind === 'symbol' || kind === 'bigint') return `${path} is a ${kind}; ${PLAIN_JSON}`;
  if (kind !== 'object' || value === null) return;
  const object = value as object;
  // Only ancestors count: the same object twice side by side is fine for JSON.
  if (ancestors.includes(object)) return `${path} refers back to itself (a cycle)`;
  // Deeper than this is a mistake rather than metadata, and it keeps the walk off the stack limit.
  if (ancestors.length >= MAX_DEPTH) return `${path} is nested more than ${MAX_DEPTH} levels deep`;
  const isArray = Object.getPrototypeOf(object) === Array.prototype;
  if (!isArray && !isPlainObject(object)) {
    const hint = object instanceof Date ? ' (send date.toISOString() instead)' : '';
    return `${path} is ${describe(object)}${hint}; ${PLAIN_JSON}`;
  }
  if (Object.getOwnPropertySymbols(object).length > 0) return `${path} has a symbol key; ${PLAIN_JSON}`;
  const inside = [...ancestors, object];
  for (const key of isArray ? indices((object as unknown[]).length) : Object.keys(object)) {
    const childPath = isArray ? `${path}[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
    const problem = key in object ? findProblem((object as Record<string, unknown>)[key], childPath, inside) : `${childPath} is an empty slot; ${PLAIN_JSON}`;
    if (problem) return problem;
  }
}

/**
 * "0" to length - 1, holes included. Not Array.from(array, mapper): pages replace Array.from with
 * one that ignores the mapper (Prototype.js's $A, MooTools'), which gave the values as keys.
 */
function indices(length: number): string[] {
  const keys: string[] = [];
  for (let index = 0; index < length; index++) keys.push(`${index}`);
  return keys;
}

/** A plain object: from a literal, JSON.parse or Object.create(null); not an array or a class. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  const proto: unknown = typeof value === 'object' && value !== null && Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A value as the site owner would recognise it, short enough for one console line. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (typeof value === 'function') return 'a function';
  if (typeof value !== 'object' || value === null) return String(value);
  if (Array.isArray(value)) return 'an array';
  const name = (Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null)?.constructor?.name;
  return name && name !== 'Object' ? `a ${name}` : 'an object';
}
