import { describe, expect, it } from 'vitest';
import { missingBuiltins } from '../../widget/dom/required-builtins';

/** A window with the built-ins the widget needs, as Node has them, and `overrides` on top. */
const windowWith = (overrides: Record<string, unknown> = {}) =>
  ({ fetch: globalThis.fetch, Promise, AbortController, Headers, ...overrides }) as unknown as Window;

describe('missingBuiltins', () => {
  it('finds nothing missing where the browser’s own are there', () => {
    expect(missingBuiltins(windowWith())).toEqual([]);
  });

  it('names each global a page removed', () => {
    const problems = missingBuiltins(windowWith({ fetch: undefined, AbortController: undefined }));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^window\.fetch is undefined: a script on this page removed or replaced it/);
    expect(problems[1]).toMatch(/^window\.AbortController is undefined/);
  });

  it('refuses a replacement that is not a working one (a Promise without then)', () => {
    // biome-ignore lint/suspicious/noShadowRestrictedNames: a page's own replacement, named as pages name it
    expect(missingBuiltins(windowWith({ Promise: function Promise() {} }))).toEqual([
      expect.stringMatching(/^window\.Promise is a function without prototype\.then/),
    ]);
  });

  it('accepts the fetch given by the caller instead of the window’s', () => {
    expect(missingBuiltins(windowWith({ fetch: undefined }), { fetch: globalThis.fetch })).toEqual([]);
  });
});
