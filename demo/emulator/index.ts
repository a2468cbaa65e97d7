// The local stand-in of the vendor's Conversations API, for the demo and every test.
// See README.md beside this file for the switches, faults and admin endpoints.

import { adminRoutes } from './admin';
import { Faults } from './faults';
import { KeyRing } from './keys';
import { RateLimiter } from './rate-limit';
import { RequestLog } from './recorder';
import { apiRoutes } from './routes';
import { EmulatorServer } from './server';
import { Store } from './store';
import { buildSwitches } from './switches';
import type { ClientKeyConfig, Emulator, EmulatorOptions, Switches } from './types';
import { STATUSES } from './types';

export { DEFAULT_SWITCHES } from './switches';
export type {
  Channel,
  ClientKeyConfig,
  ConversationStatus,
  Emulator,
  EmulatorOptions,
  FailOptions,
  FaultMatch,
  Priority,
  RecordedRequest,
  Switches,
  WireConversation,
  WireMessage,
  WireRequester,
} from './types';

export const DEFAULT_CLIENT_KEYS: readonly ClientKeyConfig[] = [{ key: 'bnc_cl_demo', allowedOrigins: ['*'] }];
export const DEFAULT_SERVER_KEYS: readonly string[] = ['bnc_sv_demo'];
export const DEFAULT_AGENT_EMAIL = 'agent@parley.test';
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 600;

/** A URL a client can dial: a wildcard listen address is reachable on loopback. */
function dialableHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const host = options.host ?? '127.0.0.1';
  const rateLimit = options.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT_PER_MINUTE;
  if (!Number.isInteger(rateLimit) || rateLimit < 1) throw new Error(`rateLimitPerMinute must be a positive integer, got ${rateLimit}`);
  const agentEmail = options.agentEmail ?? DEFAULT_AGENT_EMAIL;
  const switches = buildSwitches(options.switches);
  const store = new Store(options.dataDir);
  const faults = new Faults();
  const log = new RequestLog();
  let address = `${dialableHost(host)}:${options.port ?? 0}`;

  const server = new EmulatorServer({
    switches,
    faults,
    keys: new KeyRing(options.clientKeys ?? DEFAULT_CLIENT_KEYS, options.serverKeys ?? DEFAULT_SERVER_KEYS),
    limiter: new RateLimiter(rateLimit),
    log,
    apiRoutes: apiRoutes({ store, switches }),
    adminRoutes: adminRoutes({ switches, faults }),
    fallbackHost: () => address,
  });
  const port = await server.listen(options.port ?? 0, host);
  address = `${dialableHost(host)}:${port}`;

  // Copies out, so that a test holding a result cannot change the emulator's data behind its back.
  const copy = structuredClone;
  return {
    url: `http://${address}`,
    port,
    // One live object shared with the server and the admin endpoint: assigning a new object
    // copies its fields in, so no holder of the old reference is left behind.
    get switches() {
      return switches;
    },
    set switches(next: Switches) {
      Object.assign(switches, buildSwitches({ ...switches, ...next }));
    },
    failNext: (match, count, status, failOptions) => faults.failNext(match, count, status, failOptions),
    loseNextAnswer: (match, count) => faults.loseNext(match, count),
    requests: log.entries,
    clearRequests: () => log.clear(),
    listConversations: () => copy(store.allConversations()),
    listMessages: (conversationId) => copy(store.listMessages(conversationId)),
    agentReply: (conversationId, body, replyOptions = {}) =>
      copy(store.addMessage(conversationId, { senderEmail: replyOptions.email ?? agentEmail, body, type: replyOptions.type ?? 'reply' })),
    setStatus: (conversationId, status) => {
      if (!STATUSES.includes(status)) throw new Error(`Unknown status ${String(status)}`);
      store.setStatus(conversationId, status);
    },
    deleteConversation: (conversationId) => store.deleteConversation(conversationId),
    stop: () => server.stop(),
  };
}
