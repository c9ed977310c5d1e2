import { describe, expect, it } from 'vitest';
import { backoffDelay, isRetryable, parseRetryAfter } from './retry';
import type { ApiError } from './errors';

const NOW = Date.parse('2025-06-03T15:00:00Z');

describe('parseRetryAfter', () => {
  const table: [string | null, number | undefined][] = [
    [null, undefined],
    ['', undefined],
    ['  ', undefined],
    ['0', 0],
    ['5', 5000],
    [' 5 ', 5000],
    ['1.5', 1500],
    ['30', 30_000],
    ['120', 120_000],
    ['300', 300_000],
    ['301', 300_000],
    ['86400', 300_000],
    ['-5', undefined],
    ['1e3', undefined],
    ['5s', undefined],
    ['soon', undefined],
    ['Tue, 03 Jun 2025 15:00:10 GMT', 10_000],
    ['Tue, 03 Jun 2025 14:59:00 GMT', 0],
    ['Wed, 04 Jun 2025 15:00:00 GMT', 300_000],
  ];
  it.each(table)('%j -> %j', (header, expected) => {
    expect(parseRetryAfter(header, NOW)).toBe(expected);
  });
  it('takes a custom cap', () => {
    expect(parseRetryAfter('20', NOW, 5000)).toBe(5000);
  });
});

describe('backoffDelay', () => {
  it('doubles per attempt and stops at the cap (equal jitter keeps at least half)', () => {
    expect([0, 1, 2, 3, 4, 5].map((a) => backoffDelay(a, () => 0))).toEqual([250, 500, 1000, 2000, 4000, 4000]);
    expect([0, 1, 2, 3, 4, 5].map((a) => backoffDelay(a, () => 1))).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
    expect(backoffDelay(1, () => 0.5)).toBe(750);
  });
  it('full jitter ranges from 0 to the step', () => {
    expect(backoffDelay(2, () => 0, 500, 8000, 'full')).toBe(0);
    expect(backoffDelay(2, () => 0.5, 500, 8000, 'full')).toBe(1000);
    expect(backoffDelay(10, () => 1, 500, 8000, 'full')).toBe(8000);
  });
  it('survives a random() out of range', () => {
    expect(backoffDelay(0, () => 7)).toBe(500);
    expect(backoffDelay(0, () => -1)).toBe(250);
  });
});

describe('isRetryable', () => {
  it.each([429, 502, 503, 504])('status %i: yes', (s) => expect(isRetryable(s)).toBe(true));
  it.each([200, 400, 401, 403, 404, 408, 422, 500, 501])('status %i: no', (s) => expect(isRetryable(s)).toBe(false));
  const errors: [ApiError, boolean][] = [
    [{ kind: 'network', message: '' }, true],
    [{ kind: 'rate-limited', status: 429, message: '' }, true],
    [{ kind: 'server', status: 503, excerpt: '', message: '' }, true],
    [{ kind: 'server', status: 500, excerpt: '', message: '' }, false],
    [{ kind: 'timeout', timeoutMs: 20_000, message: '' }, false],
    [{ kind: 'aborted', message: '' }, false],
    [{ kind: 'auth', status: 401, message: '' }, false],
    [{ kind: 'http', status: 404, excerpt: '', message: '' }, false],
    [{ kind: 'api', code: 6000, apiText: '', message: '' }, false],
    [{ kind: 'param', code: 7258, field: 'limit', apiText: '', message: '' }, false],
    [{ kind: 'bad-response', status: 200, excerpt: '', message: '' }, false],
    [{ kind: 'invalid-query', field: 'lead_id', message: '' }, false],
  ];
  it.each(errors)('%j -> %j', (e, expected) => expect(isRetryable(e)).toBe(expected));
});
