// `npm run bench`: builds (the npm script does), then measures and prints tables; the figures also
// go to bench/results/latest.json (git-ignored). Nothing here is asserted: budgets that are
// deterministic (bundle bytes) are held by the test suite instead.

import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { measureBundle, type SizeRow } from './size';
import { soak } from './soak';

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

function printSizes(whole: SizeRow, parts: SizeRow[]) {
  console.log('\nBundle size (KB; each part minified and compressed alone)');
  console.table(
    [whole, ...parts].map((row) => ({ part: row.part, raw: kb(row.raw), 'gzip -9': kb(row.gzip), brotli: kb(row.brotli) })),
  );
}

const machine = `${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`;
console.log(`Parley benchmarks on ${machine}`);
const sizes = await measureBundle();
printSizes(sizes.whole, sizes.parts);

console.log('\nSoak: 10,000 poll cycles against the emulator, then shutdown');
if (!(globalThis as { gc?: unknown }).gc) console.log('(run with node --expose-gc for a settled heap figure)');
const soaked = await soak(10_000);
console.table([soaked]);

mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.json', JSON.stringify({ date: new Date().toISOString(), machine, sizes, soak: soaked }, null, 2));
console.log('\nWritten to bench/results/latest.json');
