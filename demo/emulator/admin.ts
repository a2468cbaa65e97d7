// The emulator's own admin endpoints, for the demo's agent console: read and flip switches, plan
// faults. Server key only; not part of the vendor's API.

import type { Faults } from './faults';
import type { Reply } from './http-io';
import { fieldErrors, json, parseJsonObject } from './http-io';
import type { ApiRequest, Route } from './routes';
import { checkSwitches } from './switches';
import type { FailOptions, FaultMatch, Switches } from './types';
import type { FieldErrors } from './validate';

export interface AdminContext {
  switches: Switches;
  faults: Faults;
}

export const SWITCHES_PATH = '/__emulator/switches';
export const FAULTS_PATH = '/__emulator/faults';

function patchSwitches(request: ApiRequest, switches: Switches): Reply {
  const body = parseJsonObject(request.headers['content-type'], request.raw);
  if (!body.ok) return body.reply;
  const errors = checkSwitches(body.data);
  if (Object.keys(errors).length > 0) return fieldErrors(errors);
  Object.assign(switches, body.data);
  return json(200, switches);
}

/** '/messages\/create\/$/' style strings become a RegExp; anything else is an exact pathname. */
const isRegExpSource = (path: string) => path.length > 2 && path.startsWith('/') && path.endsWith('/');

function planFault(request: ApiRequest, faults: Faults): Reply {
  const body = parseJsonObject(request.headers['content-type'], request.raw);
  if (!body.ok) return body.reply;
  const { kind, method, path, count = 1, status, retryAfter, body: failBody, contentType } = body.data;
  const errors: FieldErrors = {};
  const fail = (field: string, message: string) => (errors[field] = [message]);
  if (kind !== 'fail-next' && kind !== 'lose-next') fail('kind', 'Must be "fail-next" or "lose-next".');
  if (method !== undefined && (typeof method !== 'string' || !/^[A-Za-z]+$/.test(method))) fail('method', 'Must be an HTTP method.');
  let matcher: string | RegExp = '';
  if (typeof path !== 'string' || path === '') fail('path', 'A pathname, or a regular expression between slashes.');
  else if (isRegExpSource(path)) {
    try {
      matcher = new RegExp(path.slice(1, -1));
    } catch (error) {
      fail('path', `Invalid regular expression: ${(error as Error).message}`);
    }
  } else matcher = path;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) fail('count', 'Must be a positive integer.');
  if (kind === 'fail-next' && (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599)) {
    fail('status', 'Must be an HTTP status from 100 to 599.');
  }
  if (retryAfter !== undefined && typeof retryAfter !== 'string' && typeof retryAfter !== 'number') fail('retryAfter', 'Must be a string.');
  if (failBody !== undefined && typeof failBody !== 'string') fail('body', 'Must be a string.');
  if (contentType !== undefined && typeof contentType !== 'string') fail('contentType', 'Must be a string.');
  if (Object.keys(errors).length > 0) return fieldErrors(errors);

  const match: FaultMatch = typeof method === 'string' ? { method: method.toUpperCase(), path: matcher } : { path: matcher };
  if (kind === 'lose-next') faults.loseNext(match, count as number);
  else {
    const options: FailOptions = {};
    if (retryAfter !== undefined) options.retryAfter = String(retryAfter);
    if (typeof failBody === 'string') options.body = failBody;
    if (typeof contentType === 'string') options.contentType = contentType;
    faults.failNext(match, count as number, status as number, options);
  }
  return json(201, { kind, method: match.method ?? null, path, count, status: status ?? null, retryAfter: retryAfter ?? null });
}

export function adminRoutes({ switches, faults }: AdminContext): Route[] {
  return [
    {
      pattern: /^\/__emulator\/switches$/,
      methods: ['GET', 'PATCH'],
      serverKeyOnly: true,
      handle: (request) => (request.method === 'GET' ? json(200, switches) : patchSwitches(request, switches)),
    },
    { pattern: /^\/__emulator\/faults$/, methods: ['POST'], serverKeyOnly: true, handle: (request) => planFault(request, faults) },
  ];
}
