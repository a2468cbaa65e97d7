// The bundle-size check `npm test` runs after the build (issue 6): dist/parley.js, every feature and
// language included, measured raw, gzip -9 and brotli. Size is the one performance figure that is
// deterministic, so it is the one CI holds.
//
// The product budget is 20 KB gzip (16 KB stretch). Until the bundle is under it, CI holds the
// ceiling below instead, a ratchet set just above the current size: the bundle can only shrink,
// and every commit that shrinks it lowers the ceiling. Once the budget is met, CEILING goes and
// BUDGET is what fails CI. (KB = 1024 bytes, as in `npm run bench`.)
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const BUDGET = 20 * 1024;
const STRETCH = 16 * 1024;
const CEILING = 36_700;

const file = new URL('../dist/parley.js', import.meta.url);
let code;
try {
  code = readFileSync(file);
} catch {
  console.error('check-size: dist/parley.js is missing; run `npm run build` first.');
  process.exit(1);
}
const gzip = gzipSync(code, { level: 9 }).length;
const brotli = brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

console.log(`dist/parley.js: ${kb(code.length)} raw, ${kb(gzip)} gzip -9 (${gzip} B), ${kb(brotli)} brotli`);
const limit = Math.max(BUDGET, CEILING);
if (gzip > limit) {
  console.error(
    `check-size: dist/parley.js is ${gzip} B gzip -9, over the ${limit === BUDGET ? 'budget' : 'ceiling'} of ${limit} B. ` +
      'See `npm run bench` for what each part costs.',
  );
  process.exit(1);
}
if (gzip > BUDGET) {
  console.log(`  over the ${kb(BUDGET)} budget by ${kb(gzip - BUDGET)}; held at the current ceiling (${CEILING} B) until it is met`);
} else {
  console.log(`  within the ${kb(BUDGET)} budget${gzip <= STRETCH ? ` and the ${kb(STRETCH)} stretch goal` : ` (stretch goal ${kb(STRETCH)})`}`);
}
