// What a site owner installs: the built files (npm test builds before running the tests).

import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const pkg = JSON.parse(read('package.json')) as { exports: Record<string, Record<string, string> | string>; types: string };

describe('the package', () => {
  it('ships dist/parley.js as one self-contained IIFE with no global but Parley', () => {
    const code = read('dist/parley.js');
    expect(code.startsWith('(function(')).toBe(true);
    expect(code).not.toMatch(/\bimport\s*\(|\brequire\(|sourceMappingURL/);
    // The styles are inside: the shadow-root reset travels with the script.
    expect(code).toContain(':host');
    // ASCII only, so a CDN serving it without charset=utf-8 cannot garble the strings.
    expect(/[^\x00-\x7f]/.test(code)).toBe(false);
  });

  it('parses in the oldest browsers it targets: no regular-expression lookbehind, which Safari before 16.4 cannot parse', () => {
    // One regular expression a browser cannot parse is a syntax error that stops the whole script.
    for (const file of ['dist/parley.js', 'dist/parley.mjs']) expect(read(file)).not.toMatch(/\(\?<[=!]/);
  });

  it('exports createParley as an ES module with TypeScript types, and importing it has no side effects', async () => {
    const entry = pkg.exports['.'] as Record<string, string>;
    expect(existsSync(new URL(entry.import!, root))).toBe(true);
    expect(existsSync(new URL(entry.types!, root))).toBe(true);
    expect(read(entry.types!)).toMatch(/createParley/);
    // Node has no window: importing must not touch it.
    const module = (await import(new URL(entry.import!, root).href)) as { createParley: unknown; VERSION: string };
    expect(typeof module.createParley).toBe('function');
    expect(module.VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });
});
