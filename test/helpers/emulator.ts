// startTestEmulator(): a fresh emulator on a free port with its own temp data folder, for any test
// that needs the helpdesk. Call cleanup() in afterEach/afterAll.
//
//   const helpdesk = await startTestEmulator({ switches: { etag: false } });
//   await fetch(`${helpdesk.url}/api/v1/conversations/`, { headers: { Authorization: `Bearer ${helpdesk.keys.client}` } });
//   await helpdesk.cleanup();

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Emulator, EmulatorOptions } from '../../demo/emulator/index';
import { startEmulator } from '../../demo/emulator/index';

export const TEST_KEYS = { client: 'bnc_cl_test', server: 'bnc_sv_test' } as const;

export interface TestEmulator extends Emulator {
  /** The same object, for callers who prefer `const { emulator, keys } = ...`. */
  emulator: Emulator;
  keys: { client: string; server: string };
  dataDir: string;
  /** Stops this emulator and starts another on the same port and data folder (data and switches kept). */
  restart(overrides?: Partial<EmulatorOptions>): Promise<TestEmulator>;
  /** Stops the emulator and removes the temp data folder; safe to call twice. */
  cleanup(): Promise<void>;
}

export async function startTestEmulator(options: Partial<EmulatorOptions> = {}): Promise<TestEmulator> {
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'parley-emulator-')));
  return launch(
    {
      clientKeys: [{ key: TEST_KEYS.client, allowedOrigins: ['*'] }],
      serverKeys: [TEST_KEYS.server],
      ...options,
      dataDir,
    },
    ownsDataDir,
  );
}

async function launch(options: EmulatorOptions, ownsDataDir: boolean): Promise<TestEmulator> {
  let emulator: Emulator;
  try {
    emulator = await startEmulator(options);
  } catch (error) {
    if (ownsDataDir) await rm(options.dataDir, { recursive: true, force: true });
    throw error;
  }
  let handedOver = false;
  let stopped: Promise<void> | null = null;
  const stopServer = emulator.stop;
  const stop = () => (stopped ??= stopServer());
  const testEmulator = Object.assign(emulator, {
    emulator,
    keys: {
      client: options.clientKeys?.[0]?.key ?? TEST_KEYS.client,
      server: options.serverKeys?.[0] ?? TEST_KEYS.server,
    },
    dataDir: options.dataDir,
    stop,
    async restart(overrides: Partial<EmulatorOptions> = {}) {
      await stop();
      // The data folder now belongs to the new emulator: this one's cleanup must not remove it.
      handedOver = true;
      // Switches flipped during the test carry over, as they would for a vendor that restarts.
      const next = { ...options, port: emulator.port, switches: { ...emulator.switches }, ...overrides };
      return launch({ ...next, dataDir: options.dataDir }, ownsDataDir);
    },
    async cleanup() {
      await stop();
      if (ownsDataDir && !handedOver) await rm(options.dataDir, { recursive: true, force: true });
    },
  });
  return testEmulator;
}
