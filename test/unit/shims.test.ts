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
});

describe('withQuery', () => {
  it('adds the parameters, encoded, and leaves undefined ones out', () => {
    expect(withQuery('/api/v1/conversations/', { limit: 20, user_email: 'ana+1@example.com', status: undefined })).toBe(
      '/api/v1/conversations/?limit=20&user_email=ana%2B1%40example.com',
    );
    expect(withQuery('/x', { gone: undefined })).toBe('/x');
    expect(withQuery('/x', {})).toBe('/x');
  });
});

describe('destr', () => {
  it('is never called, since answers are read as text; if it were, it fails loudly', () => {
    expect(() => destr()).toThrow(/read.*as text/);
  });
});
