// Build-time stand-in for `destr`, ofetch's forgiving JSON.parse (see vite.config.ts). ofetch calls
// it only for a response read as JSON, and Parley asks for text and parses it itself
// (widget/api/http.ts), so it is never called. Should that change, the request fails loudly here
// rather than parsing with fewer guarantees than destr (which drops `__proto__` keys).

export default function destr(): never {
  throw new Error('Parley reads answers as text (widget/api/http.ts); ofetch JSON parsing is not bundled.');
}
