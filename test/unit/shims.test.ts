// The stand-ins for ofetch's helper libraries (widget/shims, aliased in vite.config.ts) must give
// ofetch what ufo and destr gave it for every request Parley makes.
import { describe, expect, it } from 'vitest';
import destr from '../../widget/shims/destr';
import { withBase, withQuery } from '../../widget/shims/ufo';

describe('withBase', () => {
  it('puts a path under the base, whatever the slashes', () => {
    expect(withBase('/api/v1/conversations/', 'https://help.example.com')).toBe('https://help.example.com/api/v1/conversations/');
    expect(withBase('api/v1/', 'https://help.example.com/desk/')).toBe('https://help.example.com/desk/api/v1/');
    expect(withBase('/api/v1/', 'https://help.example.com/desk//')).toBe('https://help.example.com/desk/api/v1/');
  });

  it('leaves absolute URLs, paths already under the base, and empty bases alone', () => {
    expect(withBase('https://other.example/x', 'https://help.example.com')).toBe('https://other.example/x');
    expect(withBase('/desk/api?x=1', '/desk')).toBe('/desk/api?x=1');
    expect(withBase('/desktop', '/desk')).toBe('/desk/desktop');
    expect(withBase('/api', '')).toBe('/api');
    expect(withBase('/api', '/')).toBe('/api');
  });
});

describe('withQuery', () => {
  it('adds, replaces and drops parameters, keeping the path and fragment', () => {
    expect(withQuery('/api/v1/conversations/', { page: 2, email: 'ana+1@example.com' })).toBe('/api/v1/conversations/?page=2&email=ana%2B1%40example.com');
    expect(withQuery('/x?page=1&keep=yes#top', { page: 3, gone: undefined })).toBe('/x?page=3&keep=yes#top');
    expect(withQuery('/x?drop=1', { drop: undefined })).toBe('/x');
    expect(withQuery('/x', {})).toBe('/x');
  });

  it('repeats a key for arrays and sends objects as JSON', () => {
    expect(withQuery('/x', { tag: ['a', 'b c'] })).toBe('/x?tag=a&tag=b+c');
    expect(new URL(withQuery('https://h/x', { filter: { a: 1 } })).searchParams.get('filter')).toBe('{"a":1}');
  });
});

describe('destr', () => {
  it('parses JSON and gives back text that is not JSON', () => {
    expect(destr('{"a":[1,true,null]}')).toEqual({ a: [1, true, null] });
    expect(destr('42')).toBe(42);
    expect(destr('<html>login</html>')).toBe('<html>login</html>');
    expect(destr(undefined)).toBe(undefined);
  });

  it('drops keys that could reach a prototype', () => {
    const parsed = destr<Record<string, unknown>>('{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}},"ok":1}');
    expect(parsed).toEqual({ ok: 1 });
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
