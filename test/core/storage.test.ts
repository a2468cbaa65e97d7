import { describe, expect, it } from 'vitest';
import { createStorage, shortHash } from '../../widget/core/storage';

type Failure = 'read' | 'write' | 'remove' | 'list';

/** A real Storage implementation whose operations can be made to throw, like a browser's can. */
class FakeStorage implements Storage {
  [name: string]: unknown;
  readonly items = new Map<string, string>();
  readonly failing = new Set<Failure>();
  /** Keys whose removal throws, as a browser extension or a locked entry might make it. */
  readonly stuck = new Set<string>();
  writes = 0;

  get length(): number {
    this.fail('list');
    return this.items.size;
  }
  key(index: number): string | null {
    this.fail('list');
    return [...this.items.keys()][index] ?? null;
  }
  getItem(key: string): string | null {
    this.fail('read');
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.writes++;
    if (this.failing.has('write')) throw new DOMException('quota exceeded', 'QuotaExceededError');
    this.items.set(key, String(value));
  }
  removeItem(key: string): void {
    this.writes++;
    this.fail('remove');
    if (this.stuck.has(key)) throw new DOMException('locked', 'InvalidStateError');
    this.items.delete(key);
  }
  clear(): void {
    this.items.clear();
  }
  private fail(operation: Failure): void {
    if (this.failing.has(operation)) throw new DOMException(`${operation} blocked`, 'SecurityError');
  }
}

const site = { apiUrl: 'https://helpdesk.example.com', clientKey: 'bnc_cl_abc' };

function setup(fake: FakeStorage | null = new FakeStorage()) {
  return { fake, storage: createStorage({ ...site, backend: () => fake }) };
}

describe('createStorage', () => {
  it('round-trips JSON values through the backend', () => {
    const { storage } = setup();
    storage.set('conversation', { id: 'c1', unread: 2, tags: ['a'] });
    expect(storage.get('conversation')).toEqual({ id: 'c1', unread: 2, tags: ['a'] });
    expect(storage.get('missing')).toBeNull();
  });

  it('writes versioned keys namespaced by API URL and client key', () => {
    const { fake, storage } = setup();
    storage.set('draft', 'hello');
    const [key] = [...fake!.items.keys()];
    expect(key).toMatch(/^parley:v1:[0-9a-z]{1,8}:draft$/);
    expect(key).toBe(`parley:v1:${shortHash(`${site.apiUrl}\n${site.clientKey}`)}:draft`);
    expect(fake!.items.get(key!)).toBe('"hello"');
  });

  it('keeps two sites on one origin apart', () => {
    const fake = new FakeStorage();
    const a = createStorage({ ...site, backend: () => fake });
    const b = createStorage({ ...site, clientKey: 'bnc_cl_other', backend: () => fake });
    a.set('draft', 'from a');
    expect(b.get('draft')).toBeNull();
    expect(createStorage({ ...site, backend: () => fake }).get('draft')).toBe('from a');
  });

  it('gives the same hash for the same input every time', () => {
    expect(shortHash('x')).toBe(shortHash('x'));
    expect(shortHash('https://a.example\nbnc_cl_1')).not.toBe(shortHash('https://a.example\nbnc_cl_2'));
  });

  it('writes nothing until set() is called', () => {
    const { fake, storage } = setup();
    storage.get('conversation');
    expect(fake!.writes).toBe(0);
    expect(fake!.items.size).toBe(0);
  });

  it('removes one key when set to undefined', () => {
    const { fake, storage } = setup();
    storage.set('draft', 'x');
    storage.set('identity', { email: 'a@b.c' });
    storage.set('draft', undefined);
    expect(storage.get('draft')).toBeNull();
    expect(storage.get('identity')).toEqual({ email: 'a@b.c' });
    expect(fake!.items.size).toBe(1);
  });

  it('treats a value JSON cannot hold as a removal', () => {
    const { storage } = setup();
    storage.set('draft', 'x');
    storage.set('draft', undefined);
    expect(storage.get('draft')).toBeNull();
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    storage.set('cycle', 'x');
    expect(() => storage.set('cycle', cycle)).not.toThrow();
    expect(storage.get('cycle')).toBeNull();
  });

  it('clearAll removes every parley key of any site or version, and nothing else', () => {
    const fake = new FakeStorage();
    fake.items.set('parley:v0:old:conversation', '"legacy"');
    fake.items.set('parley:v1:zzzz:draft', '"other site"');
    fake.items.set('host-app:session', 'keep me');
    fake.items.set('parleyish', 'keep me too');
    const storage = createStorage({ ...site, backend: () => fake });
    storage.set('draft', 'mine');
    storage.clearAll();
    expect([...fake.items.keys()].sort()).toEqual(['host-app:session', 'parleyish']);
    expect(storage.get('draft')).toBeNull();
  });

  it('clearAll keeps removing when one key refuses, and forgets the memory copy', () => {
    const fake = new FakeStorage();
    const storage = createStorage({ ...site, backend: () => fake });
    fake.items.set('parley:v1:a:stuck', '1');
    fake.items.set('parley:v1:a:other', '2');
    fake.stuck.add('parley:v1:a:stuck');
    fake.failing.add('write');
    storage.set('draft', 'only in memory');
    expect(() => storage.clearAll()).not.toThrow();
    expect([...fake.items.keys()]).toEqual(['parley:v1:a:stuck']);
    expect(storage.get('draft')).toBeNull();
  });

  describe('when the browser gets in the way', () => {
    it('works from memory when reading localStorage throws', () => {
      const storage = createStorage({
        ...site,
        backend: () => {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      });
      expect(storage.get('draft')).toBeNull();
      storage.set('draft', { text: 'kept' });
      expect(storage.get('draft')).toEqual({ text: 'kept' });
      expect(() => storage.set('draft', undefined)).not.toThrow();
      expect(storage.get('draft')).toBeNull();
      expect(() => storage.clearAll()).not.toThrow();
    });

    it('works from memory when there is no localStorage at all', () => {
      const { storage } = setup(null);
      storage.set('draft', 'kept');
      expect(storage.get('draft')).toBe('kept');
    });

    it('keeps a value the quota refused, and it wins over the older stored copy', () => {
      const { fake, storage } = setup();
      storage.set('draft', 'old');
      fake!.failing.add('write');
      expect(() => storage.set('draft', 'new')).not.toThrow();
      expect(storage.get('draft')).toBe('new');
    });

    it('writes through again once the quota frees up, dropping the memory copy', () => {
      const { fake, storage } = setup();
      fake!.failing.add('write');
      storage.set('draft', 'first');
      fake!.failing.delete('write');
      storage.set('draft', 'second');
      fake!.failing.add('read');
      expect(storage.get('draft')).toBeNull();
      fake!.failing.delete('read');
      expect(storage.get('draft')).toBe('second');
    });

    it('answers null instead of throwing when getItem throws', () => {
      const { fake, storage } = setup();
      storage.set('draft', 'x');
      fake!.failing.add('read');
      expect(storage.get('draft')).toBeNull();
    });

    it('answers null for corrupt data and leaves it alone until set() replaces it', () => {
      const { fake, storage } = setup();
      storage.set('conversation', { id: 'c1' });
      const [key] = [...fake!.items.keys()];
      fake!.items.set(key!, '{"id": "c1"');
      const writesBefore = fake!.writes;
      expect(storage.get('conversation')).toBeNull();
      expect(fake!.writes).toBe(writesBefore);
      storage.set('conversation', { id: 'c2' });
      expect(storage.get('conversation')).toEqual({ id: 'c2' });
    });

    it('survives removeItem throwing', () => {
      const { fake, storage } = setup();
      storage.set('draft', 'x');
      fake!.failing.add('remove');
      expect(() => storage.set('draft', undefined)).not.toThrow();
    });

    it('survives a backend that cannot even be listed on clearAll', () => {
      const { fake, storage } = setup();
      storage.set('draft', 'x');
      fake!.failing.add('list');
      expect(() => storage.clearAll()).not.toThrow();
    });
  });
});
