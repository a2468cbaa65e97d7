// Builds the floor (floor.tsx) at bench time with Vite's build() API, in memory, as an IIFE
// minified like dist/parley.js, so the two are compared on equal terms.

import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const ENTRY = fileURLToPath(new URL('./floor.tsx', import.meta.url));

interface OutputChunk {
  type: string;
  code?: string;
}

export async function buildFloor(): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    root: fileURLToPath(new URL('.', import.meta.url)),
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: {
      write: false,
      target: 'es2020',
      minify: true,
      sourcemap: false,
      lib: { entry: ENTRY, formats: ['iife'], name: 'ParleyFloor', fileName: () => 'floor.js' },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Array<{ output: OutputChunk[] }>;
  const chunk = outputs.flatMap((item) => item.output).find((item) => item.type === 'chunk' && item.code);
  if (!chunk?.code) throw new Error('The floor build produced no code.');
  return chunk.code;
}
