// The shape of widget/'s imports (issue 13): no module reaches itself again through what it
// imports, the framework-free layers (core/, api/) never import the page (dom/) or the skin
// (ui/), and the loader, which every visitor downloads, never imports the conversation code.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const WIDGET = fileURLToPath(new URL('../../widget/', import.meta.url));

function sources(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The widget modules a file imports at run time (type-only imports are erased and left out). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(/^(?:import|export)\s+(?!type\b)[^'"]*?from\s+'(\.[^']+)'|import\('(\.[^']+)'\)/gm)) {
    const specifier = match[1] ?? match[2]!;
    const base = resolve(dirname(file), specifier);
    const target = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((candidate) => {
      try {
        return statSync(candidate).isFile();
      } catch {
        return false;
      }
    });
    if (target) found.push(target);
  }
  return found;
}

const files = sources(WIDGET);
const graph = new Map(files.map((file) => [file, importsOf(file)]));
const name = (file: string) => relative(WIDGET, file);

/** Every module reachable from `start` through run-time imports. */
function reachable(start: string): Set<string> {
  const seen = new Set<string>();
  const stack = [...(graph.get(start) ?? [])];
  while (stack.length) {
    const next = stack.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(graph.get(next) ?? []));
  }
  return seen;
}

describe('the import graph of widget/', () => {
  it('reads every module and finds their imports', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(graph.get(join(WIDGET, 'embed.ts'))!.map(name)).toContain('loader/create-parley.ts');
  });

  it('has no cycle', () => {
    const cycles = files.filter((file) => reachable(file).has(file)).map(name);
    expect(cycles).toEqual([]);
  });

  it('keeps core/ and api/ free of the page and the skin', () => {
    const crossing = files
      .filter((file) => /^(core|api)\//.test(name(file)))
      .flatMap((file) =>
        graph
          .get(file)!
          .filter((target) => /^(dom|ui|loader|app)\//.test(name(target)))
          .map((target) => `${name(file)} → ${name(target)}`),
      );
    expect(crossing).toEqual([]);
  });

  it('keeps the conversation code and the languages out of the loader (English is its launcher’s part of en.ts)', () => {
    const loader = [...reachable(join(WIDGET, 'embed.ts'))].map(name);
    expect(loader.filter((file) => /^(app|ui|api)\/|^core\/(session|outbox|poller)\.ts$|^i18n\/(?!en|locale|plural)/.test(file))).toEqual([]);
  });
});
