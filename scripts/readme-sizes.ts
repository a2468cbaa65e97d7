// The README's "Sizes" paragraph, written from the build so that it cannot go stale: the size
// check (scripts/check-size.ts) compares it with dist/ on every `npm test`, and
// `npm run size -- --readme` rewrites it. The paragraph sits between two HTML comments.

import { kb } from '../bench/bytes';
import { wrap } from '../bench/report';

/** gzip -9 bytes of each file of dist/ the paragraph names. */
export interface BuildSizes {
  loader: number;
  app: number;
  languagesIndex: number;
  /** Each language's own file (not English, which the loader and the app carry). */
  languages: number[];
  standalone: number;
}

export const START = '<!-- sizes: written from the build by `npm run size -- --readme`; `npm test` checks it -->';
export const END = '<!-- /sizes -->';

export function sizesParagraph(sizes: BuildSizes): string {
  const each = [...sizes.languages].sort((a, b) => a - b);
  if (each.length === 0) throw new Error('sizesParagraph: the build has no language files.');
  const median = each[Math.floor(each.length / 2)]!;
  return wrap(
    `**Sizes** (gzip -9, from \`npm run build\`'s size check): the loader ${kb(sizes.loader)} KB, the conversation code ` +
      `${kb(sizes.app)} KB, the languages' index ${kb(sizes.languagesIndex)} KB, each language ${kb(each[0]!)}–${kb(each.at(-1)!)} KB, ` +
      `the standalone file ${kb(sizes.standalone)} KB (every language inside). A first visit in English pays the loader only; ` +
      `a customer who chats in English pays ${kb(sizes.loader + sizes.app)} KB in two files, in another language about ` +
      `${kb(sizes.languagesIndex + median)} KB more.`,
  );
}

/** The paragraph between the markers of `readme`, or an error naming what is missing. */
function bounds(readme: string): { from: number; to: number } {
  const from = readme.indexOf(START);
  const to = readme.indexOf(END);
  if (from < 0 || to < from) throw new Error(`README.md has no sizes paragraph between the lines "${START}" and "${END}".`);
  return { from: from + START.length, to };
}

export function readmeSizes(readme: string): string {
  const { from, to } = bounds(readme);
  return readme.slice(from, to).trim();
}

export function withSizes(readme: string, paragraph: string): string {
  const { from, to } = bounds(readme);
  return `${readme.slice(0, from)}\n${paragraph}\n${readme.slice(to)}`;
}
