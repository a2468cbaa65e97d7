// Reading request bodies within a size limit, and the answers the handlers build.

import type { IncomingMessage } from 'node:http';
import type { FieldErrors } from './validate';
import { isObject } from './validate';

export const MAX_BODY_BYTES = 1024 * 1024;

export interface Reply {
  status: number;
  headers: Record<string, string>;
  /** null: no body at all (204, 304). */
  body: string | null;
}

export function json(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(value) };
}

export const detail = (status: number, message: string, headers: Record<string, string> = {}): Reply => json(status, { detail: message }, headers);

export const fieldErrors = (errors: FieldErrors): Reply => json(400, errors);

export const notFound = (): Reply => detail(404, 'Not found.');

export type BodyResult = { kind: 'ok'; raw: Buffer } | { kind: 'too-large' } | { kind: 'aborted' };

/**
 * Reads the body, but never more than `limit` bytes: a declared or actual excess stops reading at
 * once, so a huge upload costs no memory. The caller answers 413 and closes the connection.
 */
export function readBody(request: IncomingMessage, limit = MAX_BODY_BYTES): Promise<BodyResult> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve({ kind: 'too-large' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: BodyResult) => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      request.off('close', onClose);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        request.pause();
        finish({ kind: 'too-large' });
      } else chunks.push(chunk);
    };
    const onEnd = () => finish({ kind: 'ok', raw: Buffer.concat(chunks) });
    const onError = () => finish({ kind: 'aborted' });
    const onClose = () => {
      if (!request.complete) finish({ kind: 'aborted' });
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
    request.on('close', onClose);
  });
}

/** What the recorder keeps of a body: JSON when it parses, the text otherwise. */
export function bodyForRecord(raw: Buffer | null): unknown {
  if (raw === null || raw.length === 0) return undefined;
  const text = raw.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export type JsonBody = { ok: true; data: Record<string, unknown> } | { ok: false; reply: Reply };

/** The body as a JSON object, or the answer DRF's JSONParser and serializers give. */
export function parseJsonObject(contentType: string | undefined, raw: Buffer): JsonBody {
  // An empty body parses to "no data" whatever its type, as in DRF: validation then reports fields.
  if (raw.length === 0) return { ok: true, data: {} };
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    return { ok: false, reply: detail(415, `Unsupported media type "${contentType ?? ''}" in request.`) };
  }
  let data: unknown;
  try {
    data = JSON.parse(raw.toString('utf8'));
  } catch (error) {
    return { ok: false, reply: detail(400, `JSON parse error - ${(error as Error).message}`) };
  }
  if (!isObject(data)) {
    const got = Array.isArray(data) ? 'list' : data === null ? 'NoneType' : typeof data;
    return { ok: false, reply: json(400, { non_field_errors: [`Invalid data. Expected a dictionary, but got ${got}.`] }) };
  }
  return { ok: true, data };
}
