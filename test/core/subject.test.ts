import { describe, expect, it } from 'vitest';
import { subjectFromMessage } from '../../widget/core/subject';

describe('subjectFromMessage', () => {
  it('uses the first line of the message', () => {
    expect(subjectFromMessage('Order #1234 never arrived\nI ordered it last week.')).toBe('Order #1234 never arrived');
  });

  it('skips blank lines before the first words', () => {
    expect(subjectFromMessage('\n   \r\n\t\n  Refund please  \nthanks')).toBe('Refund please');
  });

  it('collapses runs of spaces and tabs', () => {
    expect(subjectFromMessage('  Where   is\tmy \u00a0 parcel?  ')).toBe('Where is my parcel?');
  });

  it('keeps a short line whole, even at exactly the limit', () => {
    expect(subjectFromMessage('a'.repeat(500))).toBe('a'.repeat(500));
  });

  it('cuts a long line at the last word boundary and adds an ellipsis', () => {
    expect(subjectFromMessage('The quick brown fox jumps', 16)).toBe('The quick brown…');
    expect(subjectFromMessage('The quick brown fox jumps', 12)).toBe('The quick…');
  });

  it('keeps a whole word when the cut falls just after it', () => {
    expect(subjectFromMessage('Hello world again', 12)).toBe('Hello world…');
  });

  it('hard-cuts a single word that is longer than the limit', () => {
    expect(subjectFromMessage('x'.repeat(600), 500)).toBe(`${'x'.repeat(499)}…`);
  });

  it('never goes over the API limit of 500 characters', () => {
    const inputs = ['word '.repeat(300), 'a'.repeat(1000), `${'a'.repeat(498)} bcd efg`, `${'a'.repeat(499)} b`, '😀'.repeat(400), `short ${'y'.repeat(2000)}`];
    for (const input of inputs) {
      const subject = subjectFromMessage(input);
      expect(subject.length, input.slice(0, 20)).toBeLessThanOrEqual(500);
      expect(subject.endsWith('…')).toBe(true);
    }
  });

  it('does not leave half an emoji at the cut', () => {
    const subject = subjectFromMessage('😀'.repeat(10), 6);
    expect(subject).toBe('😀😀…');
    expect(subject).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('falls back to the given subject when the message is blank', () => {
    expect(subjectFromMessage('  \n\t\n', 500, 'Demande d’assistance')).toBe('Demande d’assistance');
  });

  it('falls back to "Support request" by default, or when the fallback is blank too', () => {
    expect(subjectFromMessage('')).toBe('Support request');
    expect(subjectFromMessage(' ', 500, '  ')).toBe('Support request');
  });

  it('keeps the fallback within the limit as well', () => {
    expect(subjectFromMessage('', 10, 'Support request')).toBe('Support…');
  });

  it('still answers something for absurd limits', () => {
    expect(subjectFromMessage('Hello world', 1)).toBe('…');
    expect(subjectFromMessage('Hello world', 0)).toBe('…');
  });
});
