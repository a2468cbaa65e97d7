// Build-time stand-in for `ufo`, the URL toolkit ofetch imports for exactly two calls (see
// vite.config.ts): joining `baseURL` and adding `query`. ufo is ~3.4 KB minified of parsing and
// encoding helpers that the bundler cannot drop, since ofetch calls them conditionally; the browser's
// own URLSearchParams does the same job here. Same contract as ufo for what ofetch passes: a string
// request, an optional base, a flat query object. If a future ofetch imports anything else from
// ufo, the build fails on the missing export instead of misbehaving.

const hasProtocol = (input: string) => /^[a-z][a-z\d+.-]*:/i.test(input);

/** `withBase('/api/x', 'https://h/base/')` → `https://h/base/api/x`; absolute inputs are kept. */
export function withBase(input: string, base: string | undefined): string {
  if (!base || base === '/' || hasProtocol(input)) return input;
  const root = base.replace(/\/+$/, '');
  // Already under the base: `/base`, `/base/…`, `/base?…`.
  if (input.startsWith(root) && /^($|[/?])/.test(input.slice(root.length))) return input;
  return `${root}/${input.replace(/^\/+/, '')}`;
}

/**
 * Merges `query` into the input's search part. As in ufo: undefined drops a key, arrays repeat it,
 * objects are sent as JSON, everything else as its string form.
 */
export function withQuery(input: string, query: Record<string, unknown>): string {
  const hashAt = input.indexOf('#');
  const hash = hashAt === -1 ? '' : input.slice(hashAt);
  const rest = hashAt === -1 ? input : input.slice(0, hashAt);
  const searchAt = rest.indexOf('?');
  const path = searchAt === -1 ? rest : rest.slice(0, searchAt);
  const params = new URLSearchParams(searchAt === -1 ? '' : rest.slice(searchAt + 1));
  const text = (item: unknown) => (typeof item === 'object' && item !== null ? JSON.stringify(item) : String(item));
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) params.delete(key);
    else if (!Array.isArray(value)) params.set(key, text(value)); // in place, as ufo keeps the order
    else {
      params.delete(key);
      for (const item of value) params.append(key, text(item));
    }
  }
  const search = params.toString();
  return `${path}${search ? `?${search}` : ''}${hash}`;
}
