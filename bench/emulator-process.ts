// Runs the emulator in its own process for benchmarks, so that its memory (request log, data)
// and its CPU (it serialises the whole database on every write) are not counted as the widget's.
// Prints one line: the URL.
//
//   --no-etag   starts with the ETag switch off (for bytes per hour with and without ETag)
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../demo/emulator/index';

// The emulator fsyncs its whole db.json after every write; on a RAM disk seeding 5,000 messages
// takes half the time, and the widget never waits on those writes anyway.
const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
const dataDir = mkdtempSync(join(base, 'parley-bench-'));
const emulator = await startEmulator({
  dataDir,
  rateLimitPerMinute: 10_000_000,
  clientKeys: [{ key: 'bnc_cl_bench', allowedOrigins: ['*'] }],
  serverKeys: ['bnc_sv_bench'],
  switches: { etag: !process.argv.includes('--no-etag') },
});
console.log(emulator.url);
const shutdown = () =>
  void emulator.stop().then(() => {
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  });
process.on('SIGTERM', shutdown);
// Our stdin is a pipe from the bench: it ends when the bench exits, even when it crashes.
process.stdin.on('end', shutdown).resume();
