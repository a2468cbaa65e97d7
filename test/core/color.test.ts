import { describe, expect, it } from 'vitest';
import { contrastingText, contrastRatio, parseHexColor, relativeLuminance } from '../../widget/core/color';

describe('parseHexColor', () => {
  it.each([
    ['#4f46e5', '#4f46e5'],
    ['#4F46E5', '#4f46e5'],
    ['  #4f46e5\n', '#4f46e5'],
    ['#abc', '#aabbcc'],
    ['#ABCD', '#aabbcc'],
    ['#11223344', '#112233'],
    ['#000', '#000000'],
  ])('normalises %j to %j', (input, expected) => {
    expect(parseHexColor(input)).toBe(expected);
  });

  it.each([
    '4f46e5',
    '#4f46e',
    '#4f46e5f',
    '#12',
    '#',
    '',
    '#ggg',
    'red',
    'rgb(0,0,0)',
    '# 4f46e5',
    '#4f46e5;background:url(x)',
    '#4f46e5 !important',
    '#４f46e5',
  ])('refuses %j', (input) => {
    expect(parseHexColor(input)).toBeNull();
  });

  it('refuses values that are not strings', () => {
    expect(parseHexColor(0x4f46e5)).toBeNull();
    expect(parseHexColor(null)).toBeNull();
    expect(parseHexColor(undefined)).toBeNull();
  });
});

describe('relativeLuminance', () => {
  it('gives 0 for black and 1 for white', () => {
    expect(relativeLuminance('#000')).toBe(0);
    expect(relativeLuminance('#fff')).toBeCloseTo(1, 10);
  });

  it('matches the WCAG formula for a mid grey', () => {
    // ((0x77/255 + 0.055) / 1.055) ** 2.4
    expect(relativeLuminance('#777777')).toBeCloseTo(0.184475, 5);
  });

  it('throws on something that is not a colour', () => {
    expect(() => relativeLuminance('blue')).toThrow(RangeError);
  });
});

describe('contrastRatio', () => {
  it('is 21 for black on white and 1 for a colour on itself', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 10);
    expect(contrastRatio('#4f46e5', '#4F46E5')).toBe(1);
  });

  it('does not depend on the order of the colours', () => {
    expect(contrastRatio('#4f46e5', '#ffffff')).toBe(contrastRatio('#ffffff', '#4f46e5'));
  });

  it('matches published values', () => {
    // WebAIM contrast checker: #777777 on white is 4.48:1, #4f46e5 on white is 6.29:1.
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(contrastRatio('#4f46e5', '#ffffff')).toBeCloseTo(6.29, 2);
  });
});

describe('contrastingText', () => {
  it.each([
    ['#4f46e5', '#ffffff'],
    ['#ffeb3b', '#000000'],
    ['#777777', '#000000'],
    ['#000000', '#ffffff'],
    ['#ffffff', '#000000'],
    ['#e11d48', '#ffffff'],
    ['#22c55e', '#000000'],
  ])('puts %s text in %s', (background, expected) => {
    expect(contrastingText(background)).toBe(expected);
  });

  // The better of black and white always reaches at least sqrt(21) ≈ 4.58:1, above AA's 4.5:1.
  it('always gives the better of black and white, which always meets WCAG AA', () => {
    const brandColours = ['#4f46e5', '#ffeb3b', '#777777', '#757575', '#767676', '#0ea5e9', '#f97316', '#a3e635'];
    for (const colour of brandColours) {
      const text = contrastingText(colour);
      const other = text === '#000000' ? '#ffffff' : '#000000';
      expect(contrastRatio(colour, text), colour).toBeGreaterThanOrEqual(contrastRatio(colour, other));
      expect(contrastRatio(colour, text), colour).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('accepts any hex form and ignores alpha', () => {
    expect(contrastingText('#FE3')).toBe('#000000');
    expect(contrastingText('#4f46e580')).toBe('#ffffff');
  });
});
