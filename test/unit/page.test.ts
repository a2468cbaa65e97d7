// The page adapters the core is given: ids for tabs, replies and create requests.

import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { randomId } from '../../widget/dom/page';

const windowWith = (crypto: Partial<Crypto>) => ({ crypto }) as unknown as Window;

describe('randomId', () => {
  it('uses randomUUID where the page is a secure context', () => {
    expect(randomId(windowWith({ randomUUID: () => '0e5f6b1c-0000-4000-8000-000000000000' }))).toBe('0e5f6b1c-0000-4000-8000-000000000000');
  });

  it('falls back to 128 random bits on a plain http page, never repeating', () => {
    const win = windowWith({ getRandomValues: webcrypto.getRandomValues.bind(webcrypto) as Crypto['getRandomValues'] });
    const ids = new Set(Array.from({ length: 1000 }, () => randomId(win)));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^\d+-\d+-\d+-\d+$/);
  });
});
