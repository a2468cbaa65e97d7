// Runs the emulator in its own process for benchmarks, so that its memory (request log, data)
// is not counted as the widget's. Prints one line: the URL.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../demo/emulator/index';

const emulator = await startEmulator({
  dataDir: mkdtempSync(join(tmpdir(), 'parley-bench-')),
  rateLimitPerMinute: 10_000_000,
  clientKeys: [{ key: 'bnc_cl_bench', allowedOrigins: ['*'] }],
  serverKeys: ['bnc_sv_bench'],
});
console.log(emulator.url);
process.on('SIGTERM', () => void emulator.stop().then(() => process.exit(0)));
