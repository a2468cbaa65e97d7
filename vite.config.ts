import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};

/**
 * `h` and `Fragment` in scope for the classic JSX calls, in .tsx files only. Vite's `jsxInject`
 * puts the import in every module, and since preact's package does not say it is free of side
 * effects, the loader (no JSX at all) then carried the whole of Preact.
 */
const preactInScope = {
  name: 'parley-preact-in-scope',
  enforce: 'pre' as const,
  transform(code: string, id: string) {
    return id.endsWith('.tsx') ? { code: `import { h, Fragment } from 'preact';${code}`, map: null } : undefined;
  },
};

/**
 * The bundle is served by CDNs and site owners, often without `charset=utf-8`, and then read in the
 * host page's encoding: "we’ll" became "weâ€™ll". Escaping every non-ASCII UTF-16 unit as \uXXXX
 * is valid in strings, templates, regular expressions and identifiers alike.
 */
/** Every non-ASCII UTF-16 unit as \uXXXX; scripts/build.ts escapes the language files with it too. */
export const escapeNonAscii = (code: string) => code.replace(/[^\x00-\x7f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);

const asciiOnly = {
  name: 'parley-ascii-only',
  // After minification, which would turn the escapes back into UTF-8.
  generateBundle(_options: unknown, bundle: Record<string, { type: string; code?: string }>) {
    for (const chunk of Object.values(bundle)) {
      if (chunk.type === 'chunk' && chunk.code) {
        chunk.code = escapeNonAscii(chunk.code);
      }
    }
  },
};

// The builds of one config, run in order by scripts/build.ts (`npm run build`), each from an entry
// that is the only module of its build with side effects at import time:
// - `app`: the conversation code as a classic script (widget/app-chunk.ts), named after its hash;
// - `loader` (the default): dist/parley.js, the script tag's loader (widget/embed.ts), given the
//   names and hashes of the app's and the languages' files (__PARLEY_CHUNKS__);
// - `standalone`: dist/parley.standalone.js, everything in one file (widget/standalone.ts);
// - `esm`: dist/parley.mjs for bundlers (widget/index.ts), the app and languages as chunks.
const LIBS = {
  app: { entry: 'widget/app-chunk.ts', formats: ['iife'], name: 'ParleyApp', fileName: () => 'parley-app.js' },
  loader: { entry: 'widget/embed.ts', formats: ['iife'], name: 'ParleyBundle', fileName: () => 'parley.js' },
  standalone: { entry: 'widget/standalone.ts', formats: ['iife'], name: 'ParleyBundle', fileName: () => 'parley.standalone.js' },
  esm: { entry: 'widget/index.ts', formats: ['es'], fileName: () => 'parley.mjs' },
} as const;

function libOf(mode: string) {
  const lib = LIBS[mode in LIBS ? (mode as keyof typeof LIBS) : 'loader'];
  return { ...lib, formats: [...lib.formats] };
}

export default defineConfig(({ mode }) => ({
  define: { __PARLEY_VERSION__: JSON.stringify(version) },
  plugins: [preactInScope, asciiOnly],
  resolve: {
    // ofetch's two helper libraries, replaced by what the browser already has: ~4.5 KB minified
    // (~2 KB gzip) of URL parsing and JSON forgiveness that ofetch calls only for options Parley
    // uses in their simplest form. Tests resolve the same way, so they exercise what ships.
    alias: {
      ufo: fileURLToPath(new URL('./widget/shims/ufo.ts', import.meta.url)),
      destr: fileURLToPath(new URL('./widget/shims/destr.ts', import.meta.url)),
    },
  },
  // JSX as classic `h(type, props, ...children)` calls rather than the automatic runtime's
  // `jsx(type, { ...props, children: [...] })`: each element is a few bytes shorter, and preact's
  // own createElement replaces preact/jsx-runtime (~235 B gzip). Same vnodes; tsc still
  // type-checks with the automatic settings of tsconfig.json, whose JSX types are the same.
  oxc: {
    jsx: { runtime: 'classic', pragma: 'h', pragmaFrag: 'Fragment' },
  },
  build: {
    target: 'es2020',
    // The browsers the widget needs anyway (shadow DOM, BroadcastChannel, logical properties):
    // lowering CSS for older ones only spells `inset-inline-end` out as long :lang() lists. iOS is
    // named apart: without it the minifier drops the -webkit-text-size-adjust iOS Safari reads.
    cssTarget: ['chrome90', 'edge90', 'firefox88', 'safari14.1', 'ios14.5'],
    outDir: 'dist',
    // scripts/build.ts empties dist/ once, before the first build.
    emptyOutDir: false,
    minify: true,
    sourcemap: false,
    lib: libOf(mode),
    // The ES build's own chunks (the app, each language), beside it under esm/.
    rollupOptions: { output: { chunkFileNames: 'esm/[name]-[hash].mjs' } },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/unit/**/*.test.ts', 'test/emulator/**/*.test.ts', 'test/api/**/*.test.ts', 'test/core/**/*.test.ts', 'test/demo/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: { name: 'dom', environment: 'happy-dom', include: ['test/ui/**/*.test.{ts,tsx}'] },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
}));
