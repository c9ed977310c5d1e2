import { describe, expect, it } from 'vitest';
import { nextAutoWait, rateLimitText, secondsLeft } from './rate-limit';

describe('nextAutoWait', () => {
  it.each([
    [30_000, 0, 30_000],
    [30_000, 30_000, 30_000],
    [30_000, 45_000, null],
    [200, 0, 1000],
    [undefined, 0, null],
    [Number.POSITIVE_INFINITY, 0, null],
  ])('Retry-After %s ms after %s ms waited: %s', (retryAfter, waited, next) => expect(nextAutoWait(retryAfter, waited)).toBe(next));
});

describe('the countdown', () => {
  it.each([
    [30_000, 0, 30],
    [30_000, 29_001, 1],
    [30_000, 30_500, 1],
    [30_000, 100, 30],
  ])('until %s at %s: %s s', (until, now, seconds) => expect(secondsLeft(until, now)).toBe(seconds));
  it('reads as the issue asks', () => expect(rateLimitText(12)).toBe('Convoso is limiting requests, retrying in 12 s'));
});
