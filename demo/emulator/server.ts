// The HTTP plumbing around the pipeline: record, read the body within its limit, apply faults and
// latency, add CORS headers, and close the connection after every answer.

import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { Socket } from 'node:net';
import { corsHeaders, mayRead, preflightHeaders } from './cors';
import type { Faults } from './faults';
import type { Reply } from './http-io';
import { bodyForRecord, detail, MAX_BODY_BYTES, readBody } from './http-io';
import type { KeyRing } from './keys';
import { keyFromHeaders } from './keys';
import type { Incoming } from './pipeline';
import { decide, failureReply, serverErrorReply } from './pipeline';
import type { RateLimiter } from './rate-limit';
import type { RequestLog } from './recorder';
import type { Route } from './routes';
import type { RecordedRequest, Switches } from './types';

export interface ServerParts {
  switches: Switches;
  faults: Faults;
  keys: KeyRing;
  limiter: RateLimiter;
  log: RequestLog;
  apiRoutes: readonly Route[];
  adminRoutes: readonly Route[];
  /** Used for absolute links when a request carries no Host header. */
  fallbackHost: () => string;
}

const ADMIN_PREFIX = '/__emulator/';
const API_PREFLIGHT_METHODS = ['GET', 'POST', 'OPTIONS'];
const ADMIN_PREFLIGHT_METHODS = ['GET', 'POST', 'PATCH', 'OPTIONS'];

function flatHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function parseTarget(target: string | undefined): URL | null {
  try {
    // Concatenated, not resolved: a pathname like //x must stay a pathname, not become a host.
    return new URL(`http://emulator.invalid${target?.startsWith('/') ? target : `/${target ?? ''}`}`);
  } catch {
    return null;
  }
}

export class EmulatorServer {
  readonly http: Server;
  private stopped = false;
  private readonly sleepers = new Set<() => void>();

  constructor(private readonly parts: ServerParts) {
    this.http = createServer((request, response) => {
      this.handle(request, response).catch(() => response.destroy());
    });
    // A malformed request line or header: answer 400 if the socket still takes it, never crash.
    this.http.on('clientError', (_error, socket: Socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      else socket.destroy();
    });
  }

  private sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const { switches, faults, keys, log } = this.parts;
    const headers = flatHeaders(request);
    const url = parseTarget(request.url);
    const method = (request.method ?? 'GET').toUpperCase();
    const path = url?.pathname ?? request.url ?? '';
    const origin = headers.origin ?? null;
    const record = log.add({
      method,
      path,
      query: url ? Object.fromEntries(url.searchParams) : {},
      headers,
      origin,
      at: Date.now(),
    });
    const identity = keys.identify(keyFromHeaders(headers));
    const readable = mayRead(origin, identity, keys, switches);
    const isAdmin = path.startsWith(ADMIN_PREFIX);
    const send = (reply: Reply, extraHeaders: Record<string, string> = corsHeaders(origin, readable)) => this.write(response, record, reply, extraHeaders);

    if (!url) return send(detail(400, 'Bad request target.'));
    if (method === 'OPTIONS') {
      const failure = faults.takeFailure(method, path);
      if (failure) return send(failureReply(failure));
      if (faults.takeLoss(method, path)) return void response.socket?.destroy();
      const methods = isAdmin ? ADMIN_PREFLIGHT_METHODS : API_PREFLIGHT_METHODS;
      return send({ status: 204, headers: { Allow: methods.join(', ') }, body: null }, preflightHeaders(origin, readable, methods));
    }

    const body = await readBody(request, MAX_BODY_BYTES);
    if (body.kind === 'aborted') return void response.destroy();
    if (body.kind === 'too-large') {
      // Answered at once with the rest unread; Connection: close then cuts the upload short.
      return send(detail(413, `Request body is larger than ${MAX_BODY_BYTES} bytes.`));
    }
    record.body = bodyForRecord(body.raw);

    // Latency and random failures stand for the vendor's network and servers, not the admin API:
    // the console must stay able to turn them off.
    if (!isAdmin) await this.sleep(switches.latencyMs);
    if (this.stopped) return void response.destroy();
    const failure = faults.takeFailure(method, path) ?? (isAdmin ? null : faults.randomFailure(switches));
    if (failure) return send(failureReply(failure));
    const loseAnswer = faults.takeLoss(method, path);

    const incoming: Incoming = {
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      headers,
      raw: body.raw,
      identity,
      origin,
      baseUrl: `http://${headers.host ?? this.parts.fallbackHost()}`,
    };
    let reply: Reply;
    try {
      reply = decide(incoming, isAdmin ? this.parts.adminRoutes : this.parts.apiRoutes, isAdmin ? null : this.parts.limiter);
    } catch (error) {
      reply = serverErrorReply(error);
    }
    if (loseAnswer) {
      // The write is committed; the client gets a dead socket and no byte of the answer.
      response.socket?.destroy();
      return;
    }
    send(reply);
  }

  private write(response: ServerResponse, record: RecordedRequest, reply: Reply, extraHeaders: Record<string, string>): void {
    if (this.stopped || response.destroyed || response.headersSent) return;
    const headers: Record<string, string> = {
      ...reply.headers,
      ...extraHeaders,
      // Never keep-alive: Chromium silently re-sends a request (a POST too) on a reused connection
      // that closed without an answer, which would hide a lost answer from the widget.
      Connection: 'close',
    };
    if (reply.body !== null) headers['Content-Length'] = String(Buffer.byteLength(reply.body));
    response.writeHead(reply.status, headers);
    response.end(reply.body ?? undefined);
    record.status = reply.status;
  }

  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(port, host, () => {
        this.http.off('error', reject);
        const address = this.http.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  }

  stop(): Promise<void> {
    this.stopped = true;
    for (const wake of [...this.sleepers]) wake();
    return new Promise((resolve) => {
      this.http.close(() => resolve());
      this.http.closeAllConnections();
    });
  }
}
