// The size check `npm test` runs after the build (issues 6 and 12). Size is the one performance
// figure that is deterministic, so it is the one CI holds, on the files of dist/ as a visitor
// downloads them, measured raw, gzip -9 and brotli (as `npm run bench` counts them, bench/bytes.ts):
// - the loader, dist/parley.js: what every visitor of every page pays;
// - what a customer who chats downloads: the loader and the conversation code (English inside);
// - each other language's file, and the standalone file, printed;
// - the README's "Sizes" paragraph, which must say what the build weighs (scripts/readme-sizes.ts):
//   `npm run size -- --readme` rewrites it.
//
// Issue 12's budget for the loader is 6 KB (stretch 4 KB). It is not met yet: the loader carries
// the whole option and command checking with its console messages (config.ts, commands.ts and the
// snippet's queue, about 4.5 KB of gzip on their own), which the issue wants at once, with no other
// file. Until it is, CI holds the ceiling below, 1 KB above today's loader, as a guard against
// growth. Languages no longer weigh on it (issue 16): the loader speaks English, and the others are
// listed in the languages' index, which only customers who read them fetch.
import { readFileSync, writeFileSync } from 'node:fs';
import { kb, measure } from '../bench/bytes';
import type { BuildManifest } from '../widget/loader/chunks';
import { readmeSizes, sizesParagraph, withSizes } from './readme-sizes';

const DIST = new URL('../dist/', import.meta.url);
const LOADER_BUDGET = 6 * 1024;
const LOADER_CEILING = 13 * 1024;
// Everything a customer who chats downloads, held with at least 1 KB of headroom.
const CHAT_CEILING = 47 * 1024;

function read(file: string): Buffer {
  try {
    return readFileSync(new URL(file, DIST));
  } catch {
    console.error(`check-size: dist/${file} is missing; run \`npm run build\` first.`);
    process.exit(1);
  }
}

const manifest = JSON.parse(read('manifest.json').toString('utf8')) as BuildManifest;
const loader = measure('dist/parley.js (loader)', read('parley.js'));
const app = measure(`dist/${manifest.app.file} (conversation code, English)`, read(manifest.app.file));
const languagesIndex = measure(`dist/${manifest.languages.file} (languages' index)`, read(manifest.languages.file));
const languages = Object.entries(manifest.strings).map(([language, chunk]) => measure(`dist/${chunk.file} (${language})`, read(chunk.file)));
const standalone = measure('dist/parley.standalone.js (all in one)', read('parley.standalone.js'));
const rows = [loader, app, languagesIndex, ...languages, standalone];
for (const row of rows) console.log(`${row.part}: ${kb(row.raw)} KB raw, ${kb(row.gzip)} KB gzip -9 (${row.gzip} B), ${kb(row.brotli)} KB brotli`);
const chat = loader.gzip + app.gzip;
console.log(`a customer who chats (loader + conversation code): ${kb(chat)} KB gzip -9 (${chat} B)`);

const WHAT_COSTS = 'See `npm run bench` for what each part costs.';
const problems: string[] = [];
if (loader.gzip > LOADER_CEILING) problems.push(`dist/parley.js is ${loader.gzip} B gzip -9, over its ceiling of ${LOADER_CEILING} B. ${WHAT_COSTS}`);
if (chat > CHAT_CEILING)
  problems.push(`the loader and the conversation code are ${chat} B gzip -9 together, over their ceiling of ${CHAT_CEILING} B. ${WHAT_COSTS}`);
const README = new URL('../README.md', import.meta.url);
const readme = readFileSync(README, 'utf8');
const paragraph = sizesParagraph({
  loader: loader.gzip,
  app: app.gzip,
  languagesIndex: languagesIndex.gzip,
  languages: languages.map((row) => row.gzip),
  standalone: standalone.gzip,
});
if (process.argv.includes('--readme')) {
  writeFileSync(README, withSizes(readme, paragraph));
  console.log('README.md: the sizes paragraph is written from this build');
} else if (readmeSizes(readme) !== paragraph) {
  problems.push(`README.md's sizes paragraph does not say what this build weighs; \`npm run size -- --readme\` rewrites it. It should read:\n${paragraph}\n`);
}
for (const problem of problems) console.error(`check-size: ${problem}`);
if (problems.length) process.exit(1);
console.log(
  loader.gzip <= LOADER_BUDGET
    ? `  the loader is within its ${kb(LOADER_BUDGET)} KB budget`
    : `  the loader is over its ${kb(LOADER_BUDGET)} KB budget by ${kb(loader.gzip - LOADER_BUDGET)} KB; held at ${kb(LOADER_CEILING)} KB until it is met`,
);
