// What the files of dist/ weigh, and what each part of the loader and of the app costs.
// - Files: every script of dist/ as a visitor downloads it (the loader, the conversation code with
//   English, each language, the all-in-one file), and what a customer who chats downloads: the
//   loader and the conversation code, each compressed on its own as a server sends them.
// - Parts: the loader and the app are built again in memory in their own Vite modes (vite.config.ts
//   LIBS, as scripts/build.ts builds them; the loader given dist/manifest.json's names), and their
//   modules grouped: our modules by folder, Preact, ofetch (and its helpers), the styles, each
//   language's strings. Each part is minified and compressed on its own, so the parts add up to
//   more than the whole (gzip shares its dictionary across parts in the real file).

import { readFileSync } from 'node:fs';
import { minifySync } from 'rolldown/experimental';
import { build } from 'vite';
import type { BuildManifest } from '../widget/loader/chunks';
import { measure, type SizeRow } from './bytes';

export interface FileSize extends SizeRow {
  /** What the file is, for the tables. */
  role: string;
}

export interface BundleSizes {
  files: FileSize[];
  /** The loader and the conversation code, each compressed alone, summed. */
  chat: SizeRow;
  loaderParts: SizeRow[];
  appParts: SizeRow[];
}

function partOf(id: string): string {
  const path = id.replace(/\\/g, '/');
  const language = path.match(/widget\/i18n\/([a-z]{2})\.ts$/);
  if (language) return `strings: ${language[1]}`;
  if (path.includes('/node_modules/preact/')) return 'preact (+hooks)';
  if (path.includes('/node_modules/')) return `${path.split('/node_modules/')[1]!.split('/')[0]} (dependency)`;
  if (path.endsWith('.css?inline') || path.endsWith('.css')) return 'styles';
  const folder = path.match(/\/widget\/([a-z-]+)\//);
  return folder ? `widget/${folder[1]}` : 'widget (entry)';
}

/** Builds one mode of vite.config.ts in memory and measures each part of what it bundles. */
async function measureParts(mode: 'loader' | 'app', manifest: BuildManifest): Promise<SizeRow[]> {
  const groups = new Map<string, string[]>();
  await build({
    mode,
    logLevel: 'silent',
    define: { __PARLEY_CHUNKS__: JSON.stringify({ app: manifest.app, languages: manifest.languages }) },
    build: { write: false },
    plugins: [
      {
        name: 'parley-size-parts',
        generateBundle(_options: unknown, bundle: Record<string, { type: string; modules?: Record<string, { code: string | null }> }>) {
          for (const chunk of Object.values(bundle)) {
            for (const [id, module] of Object.entries(chunk.modules ?? {})) {
              const part = partOf(id);
              groups.set(part, [...(groups.get(part) ?? []), module.code ?? '']);
            }
          }
        },
      },
    ],
  });
  const parts = [...groups].map(([part, codes]) => {
    const code = codes.join('\n');
    // Minified alone, names shortened, nothing dropped (compressing a part alone would remove
    // everything as unused, since its users are in other parts).
    const minified = minifySync(`${part}.js`, `(function(){${code}\n})()`, { compress: false, mangle: true }).code;
    return measure(part, minified);
  });
  return parts.sort((a, b) => b.gzip - a.gzip);
}

const sum = (part: string, rows: SizeRow[]): SizeRow => ({
  part,
  raw: rows.reduce((total, row) => total + row.raw, 0),
  gzip: rows.reduce((total, row) => total + row.gzip, 0),
  brotli: rows.reduce((total, row) => total + row.brotli, 0),
});

/** Measures dist/ as the build left it (dist/manifest.json names the hashed files). */
export async function measureBundle(dist = 'dist'): Promise<BundleSizes> {
  const manifest = JSON.parse(readFileSync(`${dist}/manifest.json`, 'utf8')) as BuildManifest;
  const file = (name: string, role: string): FileSize => ({ ...measure(`dist/${name}`, readFileSync(`${dist}/${name}`)), role });
  const loader = file('parley.js', 'loader: every page view');
  const app = file(manifest.app.file, 'conversation code, English inside');
  const files = [
    loader,
    app,
    file(manifest.languages.file, "languages' index: another language than English"),
    ...Object.entries(manifest.strings).map(([language, chunk]) => file(chunk.file, `${language} texts`)),
    file('parley.standalone.js', 'all in one (every language)'),
  ];
  return {
    files,
    chat: sum('loader + app', [loader, app]),
    loaderParts: await measureParts('loader', manifest),
    appParts: await measureParts('app', manifest),
  };
}
