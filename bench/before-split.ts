// The baseline of issue 12's ratios, "today's all-in-one": dist/parley.js as it was when the issue
// was filed (35.7 KB gzip), the whole widget started at page load: session, tabs, the Preact
// launcher and panel, seven languages. It is rebuilt at bench time from git, from that commit, with
// its own vite.config.ts and today's node_modules (package.json's dependencies are the same).
// dist/parley.standalone.js is not that file: it is today's widget in one file, which starts the
// conversation code on intent as the loader does, so it is measured beside them, not as the baseline.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/** The tree issue 12 was filed against. */
export const BEFORE_SPLIT_COMMIT = 'a94f435791ff6cb76c93ce3f09cc5fa4b3a98da5';
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FILES = ['widget', 'vite.config.ts', 'tsconfig.json', 'package.json'];

const git = (args: string[]) => execFileSync('git', args, { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });

export async function buildBeforeSplit(): Promise<string> {
  try {
    git(['cat-file', '-e', `${BEFORE_SPLIT_COMMIT}^{commit}`]);
  } catch {
    throw new Error(
      `bench: the baseline is built from commit ${BEFORE_SPLIT_COMMIT.slice(0, 7)}, which this clone lacks (a shallow clone?); run \`git fetch --unshallow\` first.`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'parley-before-split-'));
  try {
    execFileSync('tar', ['-x', '-C', dir], { input: git(['archive', BEFORE_SPLIT_COMMIT, ...FILES]) });
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
    const result = await build({ root: dir, configFile: join(dir, 'vite.config.ts'), logLevel: 'silent', build: { write: false } });
    const outputs = (Array.isArray(result) ? result : [result]) as Array<{ output: Array<{ type: string; fileName: string; code?: string }> }>;
    const chunk = outputs.flatMap((item) => item.output).find((item) => item.type === 'chunk' && item.fileName === 'parley.js');
    if (!chunk?.code) throw new Error(`bench: the build of commit ${BEFORE_SPLIT_COMMIT.slice(0, 7)} produced no parley.js.`);
    return chunk.code;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
