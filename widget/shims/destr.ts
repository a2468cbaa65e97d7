// Build-time stand-in for `destr`, ofetch's forgiving JSON.parse (see vite.config.ts). Parley asks
// ofetch for text and parses it itself (widget/api/http.ts), so ofetch only reaches this for a
// caller that asks for JSON. Same contract: JSON when it parses, the text itself when it does not,
// and no `__proto__` / `constructor.prototype` keys, which could otherwise reach an object's
// prototype through a later Object.assign.

const unsafeKey = (key: string, value: unknown) =>
  key === '__proto__' || (key === 'constructor' && typeof value === 'object' && value !== null && 'prototype' in value);

export default function destr<T = unknown>(value: unknown): T {
  if (typeof value !== 'string') return value as T;
  try {
    return JSON.parse(value, (key, item: unknown) => (unsafeKey(key, item) ? undefined : item)) as T;
  } catch {
    return value as T;
  }
}
