// What each part of dist/parley.js costs: our modules by folder, Preact, ofetch (and its helpers),
// the styles, and each language's strings. Each part is minified and compressed on its own, so
// the parts add up to more than the whole (gzip shares its dictionary across parts in the real
// file); the whole-file figures are measured on dist/parley.js itself.

import { readFileSync } from 'node:fs';
import { minifySync } from 'rolldown/experimental';
import { build } from 'vite';
import { measure, type SizeRow } from './bytes';

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

/** Builds the IIFE in memory and measures each part. */
export async function measureBundle(): Promise<{ whole: SizeRow; parts: SizeRow[] }> {
  const groups = new Map<string, string[]>();
  await build({
    logLevel: 'silent',
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
  parts.sort((a, b) => b.gzip - a.gzip);
  return { whole: measure('dist/parley.js', readFileSync('dist/parley.js', 'utf8')), parts };
}
