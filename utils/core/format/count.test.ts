import { describe, expect, it } from 'vitest';
import { callbacksText, formatCount } from './count';

describe('callbacksText', () => {
  it.each([
    [12250, 'en-US', '12,250 callbacks'],
    [12250, 'de-DE', '12.250 callbacks'],
    [1, 'en-US', '1 callback'],
    [0, 'en-US', '0 callbacks'],
  ])('%i in %s', (n, locale, text) => {
    expect(callbacksText(n, locale)).toBe(text);
  });

  it('keeps one formatter per locale, so switching locales stays right', () => {
    expect(formatCount(1234, 'de-DE')).toBe('1.234');
    expect(formatCount(1234, 'en-US')).toBe('1,234');
    expect(formatCount(1234, 'de-DE')).toBe('1.234');
  });
});

describe('formatCount in en-US, written without Intl', () => {
  const intl = new Intl.NumberFormat('en-US');
  it('writes whole numbers as Intl does', () => {
    const numbers = [0, 1, 9, 10, 99, 100, 999, 1000, 1001, 9999, 10000, 12250, 99999, 100000, 999999, 1000000, 1234567, 2 ** 31, Number.MAX_SAFE_INTEGER];
    for (const n of [...numbers, ...numbers.map((x) => -x).filter((x) => x !== 0)]) expect(formatCount(n, 'en-US')).toBe(intl.format(n));
  });

  it.each([1.5, 0.25, -0, Number.NaN, Infinity, 2 ** 60])('leaves %s to Intl', (n) => {
    expect(formatCount(n, 'en-US')).toBe(intl.format(n));
  });
});
