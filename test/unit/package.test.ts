// What a site owner installs: the built files (npm test builds before running the tests).

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { escapeNonAscii } from '../../vite.config';
import type { BuildManifest } from '../../widget/loader/chunks';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const pkg = JSON.parse(read('package.json')) as { exports: Record<string, Record<string, string> | string>; types: string };

describe('the package', () => {
  const manifest = JSON.parse(read('dist/manifest.json')) as BuildManifest;
  const scripts = [
    'dist/parley.js',
    `dist/${manifest.app.file}`,
    ...Object.values(manifest.strings).map((chunk) => `dist/${chunk.file}`),
    'dist/parley.standalone.js',
  ];
  const allJs = [...scripts, 'dist/parley.mjs', ...readdirSync(new URL('dist/esm/', root)).map((file) => `dist/esm/${file}`)];

  it('ships the loader, its files and the standalone file as classic scripts: no module syntax, styles inside', () => {
    for (const file of scripts) {
      const code = read(file);
      expect(code, file).not.toMatch(/\bimport\s*\(|\bimport\s*\{|\brequire\(|sourceMappingURL/);
    }
    for (const file of ['dist/parley.js', `dist/${manifest.app.file}`, 'dist/parley.standalone.js']) expect(read(file).startsWith('(function(')).toBe(true);
    // The shadow-root reset travels with the loader; the panel's styles with the conversation code.
    expect(read('dist/parley.js')).toContain(':host');
    expect(read(`dist/${manifest.app.file}`)).toContain('.panel');
    // The files beside the loader register under window.ParleyChunks, and nowhere else.
    expect(read(`dist/${manifest.strings.fr!.file}`)).toMatch(/^\(window\.ParleyChunks=window\.ParleyChunks\|\|\{\}\)\["strings:fr"\]=\{/);
    expect(read(`dist/${manifest.app.file}`)).toContain('ParleyChunks');
  });

  it('is ASCII only, so a CDN serving it without charset=utf-8 cannot garble the strings', () => {
    for (const file of allJs) expect(/[^\x00-\x7f]/.test(read(file)), file).toBe(false);
  });

  it('keeps the ES build as lazy as the script tag: the panel and each language are chunks of their own', () => {
    const entry = read('dist/parley.mjs');
    expect(entry).not.toContain('Start conversation');
    expect(entry).not.toContain('D\\u00e9marrer');
    const chunks = readdirSync(new URL('dist/esm/', root)).map((file) => read(`dist/esm/${file}`));
    expect(chunks.filter((code) => code.includes('Start conversation'))).toHaveLength(1);
    expect(chunks.filter((code) => code.includes('D\\u00e9marrer la conversation'))).toHaveLength(1);
    expect(entry).toMatch(/import\("\.\/esm\//);
  });

  it('names each file beside the loader after its content, so an old loader never meets a new file', () => {
    for (const file of [manifest.app.file, manifest.languages.file, ...Object.values(manifest.strings).map((chunk) => chunk.file)]) {
      expect(file).toMatch(/^parley-[a-zA-Z-]+\.[\w-]{10}\.js$/);
    }
  });

  it('makes no visitor pay for a language they do not read: the loader holds English alone, each language file its own texts', () => {
    const loader = read('dist/parley.js');
    expect(loader).toContain('Open support chat');
    const others = Object.entries(manifest.strings);
    expect(others.length).toBeGreaterThanOrEqual(24);
    for (const [language, chunk] of others) {
      const code = read(`dist/${chunk.file}`);
      const texts = JSON.parse(code.slice(code.indexOf('=', code.indexOf(']')) + 1, code.lastIndexOf(';'))) as Record<string, string>;
      expect(loader, language).not.toContain(escapeNonAscii(JSON.stringify(texts.openChat)));
      expect(loader, language).not.toContain(chunk.file);
      expect(code.match(/"strings:[\w-]+"/g), language).toEqual([`"strings:${language}"`]);
    }
  });

  it('parses in the oldest browsers it targets: no regular-expression lookbehind, which Safari before 16.4 cannot parse', () => {
    // One regular expression a browser cannot parse is a syntax error that stops the whole script.
    for (const file of allJs) expect(read(file), file).not.toMatch(/\(\?<[=!]/);
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
