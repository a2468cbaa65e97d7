// The README's "Sizes" paragraph is written from the build (scripts/readme-sizes.ts), and the size
// check that `npm test` runs fails when it says anything else.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { END, readmeSizes, START, sizesParagraph, withSizes } from '../../scripts/readme-sizes';

const SIZES = { loader: 12_537, app: 33_159, languagesIndex: 1_364, languages: [1_100, 820, 1_240, 950], standalone: 62_880 };

describe("the README's sizes paragraph", () => {
  it('says what each file weighs in KB of gzip -9, and what a customer who chats downloads', () => {
    const text = sizesParagraph(SIZES).replace(/\n/g, ' ');
    expect(text).toContain('the loader 12.2 KB, the conversation code 32.4 KB');
    expect(text).toContain("the languages' index 1.3 KB, each language 0.8–1.2 KB, the standalone file 61.4 KB");
    // 12,537 + 33,159 B; another language adds the index and a typical language file.
    expect(text).toContain('pays 44.6 KB in two files');
    expect(text).toContain('about 2.4 KB more');
    for (const line of sizesParagraph(SIZES).split('\n')) expect(line.length).toBeLessThanOrEqual(104);
  });

  it('is replaced between its markers and nowhere else, and read back the same', () => {
    const readme = `# Parley\n\nBefore.\n\n${START}\nold figures\n${END}\n\nAfter.\n`;
    const paragraph = sizesParagraph(SIZES);
    const next = withSizes(readme, paragraph);
    expect(readmeSizes(next)).toBe(paragraph);
    expect(next.startsWith('# Parley\n\nBefore.\n\n')).toBe(true);
    expect(next.endsWith(`${END}\n\nAfter.\n`)).toBe(true);
    expect(withSizes(next, paragraph)).toBe(next);
  });

  it('names the markers when a README has lost them', () => {
    expect(() => readmeSizes('# Parley\n')).toThrow(START);
    expect(() => withSizes(`${END}\n${START}\n`, 'text')).toThrow(END);
  });

  it("is in the project's README", () => {
    expect(readmeSizes(readFileSync(new URL('../../README.md', import.meta.url), 'utf8'))).toMatch(/^\*\*Sizes\*\* \(gzip -9/);
  });
});
