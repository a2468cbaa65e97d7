// Build-time stand-in for `ufo`, the URL toolkit ofetch imports for exactly two calls (see
// vite.config.ts): joining `baseURL` and adding `query`. ufo is ~3.4 KB minified of parsing and
// encoding helpers that the bundler cannot drop, since ofetch calls them conditionally. This does
// the same for what Parley passes (widget/api/http.ts): an absolute base URL without a trailing
// slash (normalised by the client), a path, and a flat query of strings and numbers. If a future
// ofetch imports anything else from ufo, the build fails on the missing export instead of
// misbehaving.

/** `withBase('/api/x', 'https://h/base')` → `https://h/base/api/x`. */
export function withBase(input: string, base: string): string {
  return `${base.replace(/\/+$/, '')}/${input.replace(/^\/+/, '')}`;
}

/** Adds `query` to the input; an undefined value leaves its key out, as in ufo. */
export function withQuery(input: string, query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const search = params.toString();
  return search ? `${input}?${search}` : input;
}
