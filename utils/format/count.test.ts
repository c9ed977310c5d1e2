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
