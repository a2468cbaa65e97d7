import { build } from 'vite';
import { minifySync } from 'rolldown/experimental';
import { gzipSync } from 'node:zlib';
const mods: [string, string][] = [];
await build({ root: '/work/main', mode: process.argv[2] ?? 'loader', logLevel: 'silent', define: { __PARLEY_CHUNKS__: '{"app":{"file":"a","integrity":"x"},"strings":{}}' }, build: { write: false },
  plugins: [{ name: 'p', generateBundle(_o: unknown, bundle: any) { for (const c of Object.values(bundle) as any[]) for (const [id, m] of Object.entries(c.modules ?? {}) as any) mods.push([id, m.code ?? '']); } }] });
const rows = mods.map(([id, code]) => { const min = minifySync('x.js', `(function(){${code}\n})()`, { compress: false, mangle: true }).code; return [gzipSync(min, { level: 9 }).length, min.length, id.replace('/work/main/', '')] as const; });
rows.sort((a, b) => b[0] - a[0]);
for (const r of rows) console.log(r.join('\t'));
