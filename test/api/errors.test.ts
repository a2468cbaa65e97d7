import { describe, expect, it } from 'vitest';
import { ApiError, type ErrorKind, isApiError, MAX_RETRY_AFTER_MS, parseRetryAfter, type RetryDecision, retryDecision } from '../../widget/api/errors';

const decide = (kind: ErrorKind, method: string, status: number | null = null) =>
  retryDecision(new ApiError({ kind, method, status, message: 'x', path: '/api/v1/conversations/' }));

describe('retry policy', () => {
  // [kind, GET, POST]
  const byKind: [ErrorKind, RetryDecision, RetryDecision][] = [
    ['network', 'retry', 'outcome-unknown'],
    ['timeout', 'retry', 'outcome-unknown'],
    // A 2xx that could not be read: for a write, the server did act, so look before repeating.
    ['invalid-response', 'retry', 'outcome-unknown'],
    ['aborted', 'no-retry', 'no-retry'],
  ];
  it.each(byKind)('%s: GET → %s, POST → %s', (kind, forGet, forPost) => {
    expect(decide(kind, 'GET')).toBe(forGet);
    expect(decide(kind, 'POST')).toBe(forPost);
  });

  // [status, GET, POST]
  const byStatus: [number, RetryDecision, RetryDecision][] = [
    [400, 'no-retry', 'no-retry'],
    [401, 'no-retry', 'no-retry'],
    [403, 'no-retry', 'no-retry'],
    [404, 'no-retry', 'no-retry'],
    [408, 'retry', 'retry'],
    [413, 'no-retry', 'no-retry'],
    [425, 'retry', 'retry'],
    [429, 'retry', 'retry'],
    [500, 'retry', 'outcome-unknown'],
    [502, 'retry', 'outcome-unknown'],
    [503, 'retry', 'retry'],
    [504, 'retry', 'outcome-unknown'],
  ];
  it.each(byStatus)('HTTP %i: GET → %s, POST → %s', (status, forGet, forPost) => {
    expect(decide('http', 'GET', status)).toBe(forGet);
    expect(decide('http', 'POST', status)).toBe(forPost);
  });

  it('reads the method case-insensitively, so a lower-case post is still a write', () => {
    expect(decide('network', 'post')).toBe('outcome-unknown');
    expect(decide('network', 'head')).toBe('retry');
  });

  it('defaults to a GET when no method is known', () => {
    expect(retryDecision(new ApiError({ kind: 'timeout', message: 'x' }))).toBe('retry');
  });
});

describe('ApiError', () => {
  it('carries what the UI needs, with empty defaults', () => {
    const error = new ApiError({ kind: 'http', message: 'Subject: required', status: 400, method: 'post', path: '/p/' });
    expect(error).toBeInstanceOf(Error);
    expect(isApiError(error)).toBe(true);
    expect(isApiError(new Error('x'))).toBe(false);
    expect(error).toMatchObject({
      name: 'ParleyApiError',
      message: 'Subject: required',
      status: 400,
      method: 'POST',
      path: '/p/',
      fieldErrors: {},
      retryAfterMs: null,
    });
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-02-26T10:00:00Z');

  it('reads delta-seconds', () => {
    expect(parseRetryAfter('6', now)).toBe(6000);
    expect(parseRetryAfter(' 120 ', now)).toBe(120_000);
    expect(parseRetryAfter('0', now)).toBe(0);
  });

  it('reads an HTTP date as the time left until then', () => {
    expect(parseRetryAfter('Thu, 26 Feb 2026 10:00:30 GMT', now)).toBe(30_000);
  });

  it('reads the obsolete RFC 850 and asctime forms, as UTC', () => {
    expect(parseRetryAfter('Thursday, 26-Feb-26 10:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Thu Feb 26 10:00:05 2026', now)).toBe(5_000);
  });

  it('asks again after 10 minutes at most: a date read on a browser clock hours behind, a day-long wait', () => {
    const twoHoursBehind = now - 2 * 3_600_000;
    expect(parseRetryAfter('Thu, 26 Feb 2026 10:00:30 GMT', twoHoursBehind)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter('86400', now)).toBe(MAX_RETRY_AFTER_MS);
    expect(MAX_RETRY_AFTER_MS).toBe(600_000);
  });

  it('answers zero for a date already past', () => {
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', now)).toBe(0);
  });

  it('answers null when absent or unreadable, so the caller backs off on its own', () => {
    for (const value of [null, undefined, '', '   ', 'soon', '1.5', '-1', '+5', '6 seconds', 'foo 1', 'Infinity', 'Thu, 26 Feb 2026']) {
      expect(parseRetryAfter(value, now)).toBeNull();
    }
  });
});
