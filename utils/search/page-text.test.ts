import { describe, expect, it } from 'vitest';
import { nextOffset, pageIndicator, previousOffset, rangeText, totalText } from './page-text';

const page = (offset: number, limit: number, total: number, count: number) => ({
  offset,
  limit,
  total,
  results: Array.from({ length: count }, () => ({})),
});

describe('rangeText / pageIndicator / offsets', () => {
  it.each([
    // offset, limit, total, shown -> range, indicator, previous, next
    [0, 20, 12250, 20, '1–20', 'Page 1 of 613', null, 20],
    [20, 20, 12250, 20, '21–40', 'Page 2 of 613', 0, 40],
    [12240, 20, 12250, 10, '12,241–12,250', 'Page 613 of 613', 12220, null],
    [0, 20, 1, 1, '1', 'Page 1 of 1', null, null],
    [0, 20, 0, 0, '', 'Page 1 of 1', null, null],
    [10, 20, 100, 20, '11–30', 'Page 1 of 5', 0, 30],
    [49990, 20, 90000, 20, '49,991–50,010', 'Page 2,500 of 4,500', 49970, null],
    [0, 0, 3, 3, '1–3', 'Page 1 of 1', null, null],
  ])('offset %i limit %i total %i shown %i', (offset, limit, total, count, range, indicator, prev, next) => {
    const p = page(offset, limit, total, count);
    expect(rangeText(p, 'en-US')).toBe(range);
    expect(pageIndicator(p, 'en-US')).toBe(indicator);
    expect(previousOffset(p)).toBe(prev);
    expect(nextOffset(p)).toBe(next);
  });
});

describe('a page without a usable total (issue 9)', () => {
  const full = { ...page(20, 20, 40, 20), totalAtLeast: true as const };
  it('says "At least", shows no page count and lets the pager go on', () => {
    expect(totalText(full, 'en-US')).toBe('At least 40 callbacks');
    expect(pageIndicator(full, 'en-US')).toBe('Page 2');
    expect(nextOffset(full)).toBe(40);
  });
  it('an exact total reads as before', () => {
    expect(totalText(page(0, 20, 1, 1), 'en-US')).toBe('1 callback');
    expect(nextOffset(page(20, 20, 40, 20))).toBeNull();
  });
});
