// The metadata sent with a new conversation: page information collected from what the caller
// passes in (never from globals), the site's own keys, and the plain-JSON and size checks that
// product.md promises (not plain JSON, or over 16 KB: refused).

export const MAX_METADATA_BYTES = 16 * 1024;
// Deeper than this is a mistake rather than metadata, and it keeps the walk off the stack limit.
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

export type MetadataResult = { ok: true; value: Record<string, unknown> } | { ok: false; reason: string };

export function collectPageInfo(env: PageEnvironment): PageInfo {
  const { screen } = env;
  return {
    page_url: env.location.href.slice(0, MAX_URL_LENGTH),
    page_title: env.document.title.trim().slice(0, MAX_TEXT_LENGTH),
    referrer: env.document.referrer.slice(0, MAX_URL_LENGTH),
    locale: env.locale,
    timezone: env.timeZone || null,
    user_agent: env.navigator.userAgent ? env.navigator.userAgent.slice(0, MAX_TEXT_LENGTH) : null,
    screen: screen ? `${screen.width}x${screen.height}` : null,
    widget_version: env.widgetVersion,
  };
}

const PLAIN_JSON = 'only plain JSON is allowed (objects, arrays, strings, finite numbers, booleans, null)';

/** Accepts plain JSON objects of at most 16 KB; the value returned is a detached copy. */
export function validateMetadata(value: unknown): MetadataResult {
  try {
    if (!isPlainObject(value)) {
      return { ok: false, reason: `metadata must be a plain object like { plan: "pro" }, got ${describe(value)}` };
    }
    const problem = findProblem(value, 'metadata', new Set(), 0);
    if (problem) return { ok: false, reason: problem };
    const json = JSON.stringify(value);
    const bytes = new TextEncoder().encode(json).length;
    if (bytes > MAX_METADATA_BYTES) {
      return {
        ok: false,
        reason: `metadata is ${bytes} bytes as JSON; the limit is ${MAX_METADATA_BYTES} bytes (16 KB)`,
      };
    }
    return { ok: true, value: JSON.parse(json) as Record<string, unknown> };
  } catch (error) {
    // Getters and proxies can throw while being read.
    return { ok: false, reason: `metadata could not be read: ${String(error)}` };
  }
}

/** Page info first, then the site's keys, which win on a clash; the whole must pass the checks. */
export function buildMetadata({
  pageInfo,
  extra,
}: {
  pageInfo: Record<string, unknown> | null;
  extra: Record<string, unknown>;
}): MetadataResult {
  // Spreading a Date or a Map would silently give {}: refuse them by name instead.
  if (!isPlainObject(extra)) return validateMetadata(extra);
  return validateMetadata({ ...pageInfo, ...extra });
}

function findProblem(value: unknown, path: string, ancestors: Set<object>, depth: number): string | null {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return null;
    case 'number':
      return Number.isFinite(value) ? null : `${path} is ${value}; numbers must be finite`;
    case 'undefined':
      return `${path} is undefined; leave the key out or use null`;
    case 'object':
      break;
    default:
      return `${path} is a ${typeof value}; ${PLAIN_JSON}`;
  }
  if (value === null) return null;
  if (ancestors.has(value)) return `${path} refers back to itself (a cycle)`;
  if (depth >= MAX_DEPTH) return `${path} is nested more than ${MAX_DEPTH} levels deep`;
  ancestors.add(value);
  const problem = Array.isArray(value)
    ? findArrayProblem(value, path, ancestors, depth)
    : findObjectProblem(value, path, ancestors, depth);
  // Only ancestors count: the same object twice side by side is fine for JSON.
  ancestors.delete(value);
  return problem;
}

function findArrayProblem(value: unknown[], path: string, ancestors: Set<object>, depth: number): string | null {
  if (Object.getPrototypeOf(value) !== Array.prototype) return `${path} is ${describe(value)}; ${PLAIN_JSON}`;
  for (let i = 0; i < value.length; i++) {
    if (!(i in value)) return `${path}[${i}] is an empty slot; ${PLAIN_JSON}`;
    const problem = findProblem(value[i], `${path}[${i}]`, ancestors, depth + 1);
    if (problem) return problem;
  }
  return null;
}

function findObjectProblem(value: object, path: string, ancestors: Set<object>, depth: number): string | null {
  if (!isPlainObject(value)) {
    const hint = value instanceof Date ? ' (send date.toISOString() instead)' : '';
    return `${path} is ${describe(value)}${hint}; ${PLAIN_JSON}`;
  }
  if (Object.getOwnPropertySymbols(value).length > 0) return `${path} has a symbol key; ${PLAIN_JSON}`;
  for (const [key, child] of Object.entries(value)) {
    const childPath = /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
    const problem = findProblem(child, childPath, ancestors, depth + 1);
    if (problem) return problem;
  }
  return null;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.slice(0, 40))}`;
  if (typeof value === 'function') return 'a function';
  if (typeof value !== 'object') return `the ${typeof value} ${String(value)}`;
  const name = (Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null)?.constructor?.name;
  return name ? `a ${name}` : 'an object of unknown kind';
}
