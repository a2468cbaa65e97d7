import { afterEach, describe, expect, it } from 'vitest';
import { stringifyJson } from '../../widget/core/json';

type Patchable = { toJSON?: () => string };
const patched: Array<[Patchable, PropertyDescriptor | undefined]> = [];

/** Defines toJSON on a built-in prototype for one test, as Prototype.js 1.6 does on a page. */
function patchToJson(proto: Patchable, toJSON: () => string): void {
  patched.push([proto, Object.getOwnPropertyDescriptor(proto, 'toJSON')]);
  proto.toJSON = toJSON;
}

afterEach(() => {
  for (const [proto, original] of patched.splice(0).reverse()) {
    if (original) Object.defineProperty(proto, 'toJSON', original);
    else delete proto.toJSON;
  }
});

describe('stringifyJson', () => {
  const data = { id: 'o1', seenBefore: ['m1', 'm2'], entries: [{ body: 'Hi "you"\n', attempts: 2, error: null, sent: true }] };

  it('writes what JSON.stringify writes on an unpatched page', () => {
    expect(stringifyJson(data)).toBe(JSON.stringify(data));
    expect(stringifyJson([1, 'a'])).toBe('[1,"a"]');
    expect(stringifyJson('text')).toBe('"text"');
    expect(stringifyJson(undefined)).toBeUndefined();
    expect(stringifyJson({ kept: 1, dropped: undefined })).toBe('{"kept":1}');
  });

  it('keeps arrays as arrays when the page defines Array.prototype.toJSON (Prototype.js 1.6)', () => {
    // Prototype's own JSON text, with a space after each comma, as its Array#toJSON returns.
    patchToJson(Array.prototype as Patchable, function (this: unknown[]) {
      return `[${this.map((item) => JSON.stringify(item)).join(', ')}]`;
    });
    expect(JSON.parse(JSON.stringify(data)).seenBefore).toBe('["m1", "m2"]');
    expect(JSON.parse(stringifyJson(data))).toEqual(data);
    expect(JSON.parse(stringifyJson([data]))).toEqual([data]);
  });

  it('ignores toJSON on objects too (Hash#toJSON, or one on Object.prototype)', () => {
    patchToJson(Object.prototype as Patchable, () => '"patched"');
    expect(JSON.stringify(data)).toBe('"\\"patched\\""');
    expect(JSON.parse(stringifyJson(data))).toEqual(data);
  });
});
