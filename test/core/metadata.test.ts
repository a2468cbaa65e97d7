import { describe, expect, it } from 'vitest';
import { type AddressPolicy, buildMetadata, collectPageInfo, MAX_METADATA_BYTES, type PageEnvironment, validateMetadata } from '../../widget/core/metadata';

const REDACTED_POLICY: AddressPolicy = { full: false, redactParams: [] };

function environment(overrides: Partial<PageEnvironment> = {}): PageEnvironment {
  return {
    location: { href: 'https://shop.example.com/orders/42?tab=items' },
    document: { title: 'Your order', referrer: 'https://www.google.com/' },
    navigator: { language: 'en-GB', userAgent: 'Mozilla/5.0 (X11; Linux x86_64)' },
    screen: { width: 1280, height: 800 },
    timeZone: 'Europe/Paris',
    widgetVersion: '0.1.0',
    locale: 'en',
    ...overrides,
  };
}

function reasonOf(value: unknown): string {
  const result = validateMetadata(value);
  if (result.ok) throw new Error(`expected a refusal for ${String(value)}`);
  return result.reason;
}

describe('collectPageInfo', () => {
  it('describes the page with the keys the helpdesk expects', () => {
    expect(collectPageInfo(environment(), REDACTED_POLICY)).toEqual({
      page_url: 'https://shop.example.com/orders/42?tab=items',
      page_title: 'Your order',
      referrer: 'https://www.google.com/',
      locale: 'en',
      timezone: 'Europe/Paris',
      user_agent: 'Mozilla/5.0 (X11; Linux x86_64)',
      screen: '1280x800',
      widget_version: '0.1.0',
    });
  });

  it('uses null for what the browser does not tell', () => {
    const info = collectPageInfo(environment({ navigator: {}, screen: undefined, timeZone: undefined }), REDACTED_POLICY);
    expect(info.user_agent).toBeNull();
    expect(info.screen).toBeNull();
    expect(info.timezone).toBeNull();
  });

  it('keeps an empty referrer as an empty string', () => {
    expect(collectPageInfo(environment({ document: { title: 'x', referrer: '' } }), REDACTED_POLICY).referrer).toBe('');
  });

  it('cuts huge URLs and titles so the page info never fills the 16 KB alone', () => {
    const huge = `https://shop.example.com/?q=${'x'.repeat(30_000)}`;
    const info = collectPageInfo(environment({ location: { href: huge }, document: { title: 't'.repeat(30_000), referrer: huge } }), REDACTED_POLICY);
    expect(validateMetadata(info).ok).toBe(true);
    expect(info.page_url.startsWith('https://shop.example.com/?q=')).toBe(true);
  });

  it('sends the page address and the referrer without fragments or secrets', () => {
    const info = collectPageInfo(
      environment({
        location: { href: 'https://shop.example.com/reset?reset_token=abc&utm_source=news#access_token=xyz' },
        document: { title: 'Reset', referrer: 'https://shop.example.com/login?session_id=s3cr3t&from=nav' },
      }),
      REDACTED_POLICY,
    );
    expect(info.page_url).toBe('https://shop.example.com/reset?reset_token=[redacted]&utm_source=news');
    expect(info.referrer).toBe('https://shop.example.com/login?session_id=[redacted]&from=nav');
    // Referrers that are not addresses of a page go as they are.
    const blank = environment({ document: { title: 'x', referrer: 'about:blank' } });
    expect(collectPageInfo(blank, REDACTED_POLICY).referrer).toBe('about:blank');
  });

  it("redacts the site's own names too", () => {
    const info = collectPageInfo(environment({ location: { href: 'https://shop.example.com/track?order_ref=A12&lang=en' } }), {
      full: false,
      redactParams: ['order_ref'],
    });
    expect(info.page_url).toBe('https://shop.example.com/track?order_ref=[redacted]&lang=en');
  });

  it('sends the addresses untouched only when the site asks for them in full, still within the length cap', () => {
    const href = 'https://shop.example.com/reset?reset_token=abc&utm_source=news#access_token=xyz';
    const referrer = `https://shop.example.com/login?session_id=s3cr3t&q=${'x'.repeat(3000)}`;
    const page = environment({ location: { href }, document: { title: 'Reset', referrer } });
    const full = collectPageInfo(page, { full: true, redactParams: ['utm_source'] });
    expect(full.page_url).toBe(href);
    expect(full.referrer).toBe(referrer.slice(0, 2048));
    const redacted = collectPageInfo(page, REDACTED_POLICY);
    expect(redacted.page_url).not.toBe(href);
    expect(redacted.referrer).toBe('https://shop.example.com/login?session_id=[redacted]');
  });

  it('passes its own validation', () => {
    expect(validateMetadata(collectPageInfo(environment(), REDACTED_POLICY))).toEqual({
      ok: true,
      value: collectPageInfo(environment(), REDACTED_POLICY),
    });
  });
});

describe('validateMetadata', () => {
  it('accepts nested plain JSON', () => {
    const value = {
      plan: 'pro',
      seats: 12,
      ratio: -0.5,
      trial: false,
      coupon: null,
      tags: ['a', 1, true, null, { deep: [[]] }],
      nested: { empty: {}, list: [] },
      'weird key': 'ok',
    };
    expect(validateMetadata(value)).toEqual({ ok: true, value });
  });

  it('accepts objects without a prototype', () => {
    const value = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1 });
    expect(validateMetadata(value)).toEqual({ ok: true, value: { a: 1 } });
  });

  it('accepts the same object used twice (not a cycle)', () => {
    const shared = { id: 1 };
    expect(validateMetadata({ a: shared, b: [shared, shared] }).ok).toBe(true);
  });

  it('accepts arrays on a page whose Array.from ignores its map function (Prototype.js, MooTools)', () => {
    const nativeFrom = Array.from;
    // Prototype.js's $A: a copy of the values, whatever else is passed.
    Array.from = ((iterable: ArrayLike<unknown>) => Array.prototype.slice.call(iterable)) as typeof Array.from;
    try {
      expect(validateMetadata({ tags: ['vip', 'wholesale'] })).toEqual({ ok: true, value: { tags: ['vip', 'wholesale'] } });
    } finally {
      Array.from = nativeFrom;
    }
  });

  it('returns a copy, so later changes by the site do not leak in', () => {
    const value = { user: { plan: 'pro' } };
    const result = validateMetadata(value);
    value.user.plan = 'free';
    expect(result.ok && result.value).toEqual({ user: { plan: 'pro' } });
  });

  it.each([
    ['a string', 'plan=pro'],
    ['a number', 42],
    ['null', null],
    ['undefined', undefined],
    ['an array', [1, 2]],
    ['a Date', new Date()],
    ['a Map', new Map()],
  ])('refuses %s at the top level and asks for an object', (_name, value) => {
    expect(reasonOf(value)).toMatch(/^metadata must be a plain object/);
  });

  it.each([
    ['a function', { onClick: () => {} }, 'metadata.onClick is a function'],
    ['a Date', { signup: new Date(0) }, 'metadata.signup is a Date (send date.toISOString() instead)'],
    ['a class instance', { user: new (class User {})() }, 'metadata.user is a User'],
    ['a Map', { m: new Map() }, 'metadata.m is a Map'],
    ['a RegExp', { r: /x/ }, 'metadata.r is a RegExp'],
    ['a typed array', { bytes: new Uint8Array(2) }, 'metadata.bytes is a Uint8Array'],
    ['a boxed string', { s: new String('x') }, 'metadata.s is a String'],
    ['undefined', { a: undefined }, 'metadata.a is undefined; leave the key out or use null'],
    ['NaN', { n: Number.NaN }, 'metadata.n is NaN; numbers must be finite'],
    ['Infinity', { n: Number.POSITIVE_INFINITY }, 'metadata.n is Infinity; numbers must be finite'],
    ['-Infinity', { list: [1, Number.NEGATIVE_INFINITY] }, 'metadata.list[1] is -Infinity'],
    ['a symbol value', { s: Symbol('x') }, 'metadata.s is a symbol'],
    ['a symbol key', { [Symbol('x')]: 1 }, 'metadata has a symbol key'],
    ['a bigint', { big: 10n }, 'metadata.big is a bigint'],
    // biome-ignore lint/suspicious/noSparseArray: the hole is what is tested
    ['an array hole', { list: [1, , 3] }, 'metadata.list[1] is an empty slot'],
    ['an array subclass', { list: new (class List extends Array {})() }, 'metadata.list is an array'],
    ['a deep problem', { a: { 'b-c': [{ d: () => 1 }] } }, 'metadata.a["b-c"][0].d is a function'],
  ])('refuses %s and says where', (_name, value, expected) => {
    expect(reasonOf(value)).toContain(expected);
  });

  it('refuses a cycle instead of looping', () => {
    const value: Record<string, unknown> = { a: { b: [] as unknown[] } };
    (value.a as { b: unknown[] }).b.push(value);
    expect(reasonOf(value)).toBe('metadata.a.b[0] refers back to itself (a cycle)');
  });

  it('refuses absurd nesting', () => {
    let value: Record<string, unknown> = {};
    for (let i = 0; i < 1000; i++) value = { v: value };
    expect(reasonOf(value)).toMatch(/nested more than 64 levels deep/);
  });

  it('refuses an object whose getter throws, without throwing', () => {
    const value = {
      get secret(): string {
        throw new Error('nope');
      },
    };
    expect(reasonOf(value)).toMatch(/could not be read/);
  });

  it('accepts exactly 16 KB and refuses one byte more, counting UTF-8 bytes', () => {
    const overhead = JSON.stringify({ note: '' }).length;
    const fits = { note: 'x'.repeat(MAX_METADATA_BYTES - overhead) };
    expect(validateMetadata(fits).ok).toBe(true);
    const tooBig = { note: 'x'.repeat(MAX_METADATA_BYTES - overhead + 1) };
    expect(reasonOf(tooBig)).toBe('metadata is 16385 bytes as JSON; the limit is 16384 bytes (16 KB)');
    // 'é' is one character but two bytes of UTF-8: 8211 characters, 16411 bytes.
    const multiByte = { note: 'é'.repeat(8200) };
    expect(JSON.stringify(multiByte).length).toBeLessThan(MAX_METADATA_BYTES);
    expect(reasonOf(multiByte)).toMatch(/^metadata is 16411 bytes/);
  });
});

describe('buildMetadata', () => {
  const pageInfo = collectPageInfo(environment(), REDACTED_POLICY);

  it('merges the page info and the site keys', () => {
    const result = buildMetadata({ pageInfo, extra: { plan: 'pro' } });
    expect(result).toEqual({ ok: true, value: { ...pageInfo, plan: 'pro' } });
  });

  it('lets the site keys win on a clash', () => {
    const result = buildMetadata({ pageInfo, extra: { page_url: 'https://override.example/', locale: 'de' } });
    expect(result.ok && result.value.page_url).toBe('https://override.example/');
    expect(result.ok && result.value.locale).toBe('de');
  });

  it('sends only the site keys when page info is off', () => {
    expect(buildMetadata({ pageInfo: null, extra: { plan: 'pro' } })).toEqual({ ok: true, value: { plan: 'pro' } });
    expect(buildMetadata({ pageInfo: null, extra: {} })).toEqual({ ok: true, value: {} });
  });

  it('refuses the whole when page info and site keys together pass 16 KB', () => {
    const pageBytes = JSON.stringify(pageInfo).length;
    const extra = { note: 'x'.repeat(MAX_METADATA_BYTES - pageBytes) };
    expect(validateMetadata(extra).ok).toBe(true);
    const result = buildMetadata({ pageInfo, extra });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/the limit is 16384 bytes/);
  });

  it('gives a detached copy: a later change to the site’s object does not reach a conversation being created', () => {
    const extra = { cart: { items: 2 } };
    const result = buildMetadata({ pageInfo, extra });
    extra.cart.items = 3;
    expect(result.ok && result.value.cart).toEqual({ items: 2 });
  });
});
