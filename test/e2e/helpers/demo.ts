// The demo (host pages + emulator) on free ports with a throwaway data folder, one per test file.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { DEFAULT_SWITCHES, type Emulator, type RecordedRequest, type Switches, type WireConversation } from '../../../demo/emulator/index';
import { DEMO_AGENT_EMAIL, DEMO_CLIENT_KEY, type Demo, startDemo } from '../../../demo/serve';

export { DEMO_AGENT_EMAIL, DEMO_CLIENT_KEY };

/** What the shop page's snippet says (demo/site/index.html). */
export const SHOP = { title: 'Kestrel Support', teamName: 'Kestrel Coffee', color: '#b4502a' } as const;

export interface DemoSuite {
  readonly siteUrl: string;
  readonly apiUrl: string;
  readonly emulator: Emulator;
  /** A page of the demo site, e.g. url('/strict-csp.html'). */
  url(path?: string): string;
}

/**
 * Starts the demo before the file's tests and stops it after. Before each test the request log is
 * emptied and the switches go back to `switches` (tests flip them live).
 */
export function demoSuite(switches: Partial<Switches> = {}): DemoSuite {
  let demo: Demo | null = null;
  let dataDir = '';
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'parley-e2e-'));
    demo = await startDemo({ apiPort: 0, sitePort: 0, dataDir, switches });
  });
  beforeEach(() => {
    if (!demo) return;
    Object.assign(demo.emulator.switches, DEFAULT_SWITCHES, switches);
    demo.emulator.clearRequests();
  });
  afterAll(async () => {
    await demo?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });
  const started = () => {
    if (!demo) throw new Error('The demo is not started yet (use it inside a test).');
    return demo;
  };
  return {
    get siteUrl() {
      return started().siteUrl;
    },
    get apiUrl() {
      return started().apiUrl;
    },
    get emulator() {
      return started().emulator;
    },
    url: (path = '/') => `${started().siteUrl}${path}`,
  };
}

/** API requests (not preflights) whose path matches, optionally of one method. */
export function apiRequests(emulator: Emulator, path: RegExp = /^\/api\//, method?: string): RecordedRequest[] {
  return emulator.requests.filter((request) => request.method !== 'OPTIONS' && path.test(request.path) && (!method || request.method === method));
}

export const CREATE_PATH = /^\/api\/v1\/conversations\/create\/$/;
export const SEND_PATH = /^\/api\/v1\/conversations\/[^/]+\/messages\/create\/$/;
export const LIST_MESSAGES_PATH = /^\/api\/v1\/conversations\/[^/]+\/messages\/$/;

export function createRequests(emulator: Emulator): RecordedRequest[] {
  return apiRequests(emulator, CREATE_PATH, 'POST');
}

export function sendRequests(emulator: Emulator): RecordedRequest[] {
  return apiRequests(emulator, SEND_PATH, 'POST');
}

/** A conversation of `email`'s, created as the helpdesk's own server would, with its key. */
export async function seedConversation(emulator: { url: string; keys: { server: string } }, email: string, subject: string): Promise<WireConversation> {
  const response = await fetch(`${emulator.url}/api/v1/conversations/create/`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${emulator.keys.server}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ subject, description: `${subject}: details`, user_email: email, user_first_name: 'Ada', channel: 'web' }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as WireConversation;
}
