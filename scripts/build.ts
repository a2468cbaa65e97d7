// `npm run build`: every file of dist/, in the order they depend on each other.
// 1. The app (widget/app-chunk.ts) as a classic script, named after its content's hash.
// 2. Each language but English as a tiny classic script of its texts, named the same way, and the
//    languages' index that lists those names with their integrity hashes.
// 3. The loader, dist/parley.js, with the app's and the index's names and hashes written in.
// 4. dist/parley.standalone.js, and dist/parley.mjs with its chunks under dist/esm/.
// 5. The type declarations (tsc), for the ES build.
// A file's name changes exactly when its content does, so a CDN can cache them for ever and an
// old loader never meets a new chunk. dist/manifest.json lists them for the size check and bench.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { escapeNonAscii } from '../vite.config';
import { TEXTS } from '../widget/i18n/index';
import type { BuildManifest, ChunkFile, ChunkManifest, LanguageIndex } from '../widget/loader/chunks';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = `${ROOT}dist/`;

/** Writes `code` to dist/ as `<stem>.<hash>.js` and returns its name and integrity. */
function emitHashed(stem: string, code: string): ChunkFile {
  const hash = createHash('sha256').update(code).digest('base64url').slice(0, 10);
  const file = `${stem}.${hash}.js`;
  writeFileSync(`${DIST}${file}`, code);
  // SHA-256, which every browser with Subresource Integrity accepts: each hash travels in the
  // loader, and is random data that no compression shrinks.
  return { file, integrity: `sha256-${createHash('sha256').update(code).digest('base64')}` };
}

async function viteBuild(mode: string, extra: Record<string, unknown> = {}) {
  const result = await build({ root: ROOT, mode, logLevel: 'warn', ...extra });
  return (Array.isArray(result) ? result : [result]) as Array<{ output: Array<{ type: string; fileName: string; code?: string }> }>;
}

/**
 * The declarations as Node's own ES module resolution reads them (`"moduleResolution": "node16"`
 * in a site's tsconfig): relative imports name their file, `./core/commands.js`, or a folder's
 * `index.js`. tsc writes them as the sources do, without extensions, which only bundler
 * resolution follows.
 */
function withExtensions(folder: string) {
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) withExtensions(path);
    else if (name.endsWith('.d.ts')) {
      const text = readFileSync(path, 'utf8').replace(/(from |import\()'(\.{1,2}\/[^']*)'/g, (_match, prefix: string, specifier: string) => {
        const target = join(dirname(path), specifier);
        const resolved = existsSync(`${target}.d.ts`) ? `${specifier}.js` : existsSync(join(target, 'index.d.ts')) ? `${specifier}/index.js` : specifier;
        return `${prefix}'${resolved}'`;
      });
      writeFileSync(path, text);
    }
  }
}

rmSync(DIST, { recursive: true, force: true });
mkdirSync(DIST, { recursive: true });

const [appBuild] = await viteBuild('app', { build: { write: false } });
const appCode = appBuild!.output.find((chunk) => chunk.type === 'chunk')!.code!;
/** A classic script that puts `value` in window.ParleyChunks under `name` (widget/loader/chunks.ts). */
const registering = (name: string, value: unknown) => `(window.ParleyChunks=window.ParleyChunks||{})["${name}"]=${escapeNonAscii(JSON.stringify(value))};\n`;

const languages: LanguageIndex = {};
for (const [language, texts] of Object.entries(TEXTS)) languages[language] = emitHashed(`parley-${language}`, registering(`strings:${language}`, texts));
const manifest: ChunkManifest = { app: emitHashed('parley-app', appCode), languages: emitHashed('parley-languages', registering('languages', languages)) };

await viteBuild('loader', { define: { __PARLEY_CHUNKS__: JSON.stringify(manifest) } });
await viteBuild('standalone');
await viteBuild('esm');
const buildManifest: BuildManifest = { ...manifest, strings: languages };
writeFileSync(`${DIST}manifest.json`, `${JSON.stringify(buildManifest, null, 2)}\n`);
execFileSync(process.execPath, [`${ROOT}node_modules/typescript/bin/tsc`, '-p', `${ROOT}tsconfig.build.json`], { stdio: 'inherit' });
withExtensions(`${DIST}types/`);
console.log(
  `dist/: parley.js, ${manifest.app.file}, ${manifest.languages.file} and ${Object.keys(languages).length} language files, parley.standalone.js, parley.mjs`,
);
