import { describe, expect, it } from 'vitest';
import { normalizeCallback } from '../core/api/normalize';
import { pageHoldsAll, pageOnScreen, slicePage, sortedAll, type Results } from './results';

const at = (id: string, time: string) => normalizeCallback({ id, callback_time: time });
const callbacks = [at('a', '2025-06-03 10:00:00'), at('b', '2025-05-01 09:00:00'), at('c', '2025-06-09 08:00:00')];

describe('every match held', () => {
  const all: Extract<Results, { mode: 'all' }> = { mode: 'all', callbacks, offset: 0, limit: 2 };

  it('is sorted as a whole and paged here', () => {
    const latest = sortedAll(all, 'time-desc');
    expect(pageOnScreen(all, latest, 'time-desc').results.map((c) => c.id)).toEqual(['c', 'a']);
    expect(pageOnScreen({ ...all, offset: 2 }, latest, 'time-desc')).toMatchObject({ offset: 2, limit: 2, total: 3 });
    expect(pageOnScreen({ ...all, offset: 2 }, latest, 'time-desc').results.map((c) => c.id)).toEqual(['b']);
  });

  it('an offset past the end shows the last page', () => {
    expect(slicePage(callbacks, 10, 2)).toMatchObject({ offset: 2, total: 3 });
    expect(slicePage([], 40, 20)).toMatchObject({ offset: 0, total: 0, results: [] });
  });
});

describe('a page as answered', () => {
  it('is sorted on itself', () => {
    const page: Results = { mode: 'page', page: { offset: 0, limit: 20, total: 3, results: callbacks } };
    expect(pageOnScreen(page, null, 'time-asc').results.map((c) => c.id)).toEqual(['b', 'a', 'c']);
  });

  it.each([
    [{ offset: 0, total: 3, results: callbacks }, true],
    [{ offset: 0, total: 4, results: callbacks }, false],
    [{ offset: 20, total: 3, results: callbacks }, false],
    [{ offset: 0, total: 3, results: callbacks, totalAtLeast: true as const }, false],
  ])('%o holds every match: %s', (page, holds) => {
    expect(pageHoldsAll({ limit: 20, ...page })).toBe(holds);
  });
});
