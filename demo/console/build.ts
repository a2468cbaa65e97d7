// Builds the agent console in memory with Vite's build() API, so that `npm run demo` and the tests
// serve a console that matches its sources without a build step of its own, and without two
// processes racing to write the same dist/ folder (the root build empties dist/ anyway).

import { fileURLToPath } from 'node:url';
import { build, type InlineConfig } from 'vite';

/** File name relative to the console's base (e.g. `index.html`, `assets/index-1a2b.js`) → content. */
export type ConsoleFiles = Map<string, string | Uint8Array>;

export const CONSOLE_BASE = '/console/';

function consoleViteConfig(): InlineConfig {
  return {
    // The repo's vite.config.ts builds the widget library; the console is a separate app.
    configFile: false,
    root: fileURLToPath(new URL('.', import.meta.url)),
    base: CONSOLE_BASE,
    mode: 'production',
    publicDir: false,
    logLevel: 'warn',
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: { target: 'es2020', write: false, minify: true, sourcemap: false, reportCompressedSize: false },
  };
}

export async function buildConsole(): Promise<ConsoleFiles> {
  const result = await build(consoleViteConfig());
  const outputs = Array.isArray(result) ? result : [result];
  const files: ConsoleFiles = new Map();
  for (const output of outputs) {
    if (!('output' in output)) throw new Error('The console build unexpectedly started a watcher.');
    for (const item of output.output) {
      files.set(item.fileName, item.type === 'chunk' ? item.code : item.source);
    }
  }
  if (!files.has('index.html')) throw new Error('The console build produced no index.html.');
  return files;
}
