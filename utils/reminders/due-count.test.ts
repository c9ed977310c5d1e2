import { describe, expect, it } from 'vitest';
import { DUE_COLOR, PAST_DUE_COLOR, STALE_COLOR, countView, dueBadgeText, dueTotal, staleView } from './due-count';

describe('dueBadgeText', () => {
  it.each([
    [0, false, ''],
    [1, false, '1'],
    [999, false, '999'],
    [1000, false, '999+'],
    [12, true, '12+'],
  ])('%i (at least: %s) → %j', (n, atLeast, text) => {
    expect(dueBadgeText(n, atLeast)).toBe(text);
  });
});

const page = (total: number, atLeast = false) => ({ offset: 0, limit: 1, total, results: [], ...(atLeast && { totalAtLeast: true as const }) });

describe('the toolbar count’s view', () => {
  it('adds Pending and Past due, red when any is past due', () => {
    expect(countView(dueTotal(page(5), page(1)))).toEqual({ text: '6', color: PAST_DUE_COLOR, title: 'Convoso Callbacks: 6 due callbacks, 1 past due' });
    expect(countView(dueTotal(page(1200), page(0)))).toMatchObject({ text: '999+', color: DUE_COLOR });
    expect(countView(dueTotal(page(3, true), page(0)))).toMatchObject({ text: '3+', title: 'Convoso Callbacks: 3+ due callbacks' });
  });

  it('keeps the last count, greyed, saying since when, while a refresh fails; "?" only before a first count', () => {
    const last = countView(dueTotal(page(5), page(1)));
    const at = Date.UTC(2026, 2, 2, 17, 42);
    const stale = staleView(last, at, "Couldn't reach Convoso.");
    expect(stale).toMatchObject({ text: '6', color: STALE_COLOR });
    expect(stale.title).toMatch(/^Convoso Callbacks: due count not updated since \d{1,2}:42\s?[AP]M, trying again \(Couldn't reach Convoso\.\)$/);
    expect(staleView(null, null, 'x')).toMatchObject({ text: '?', title: 'Convoso Callbacks: due count not updated, trying again (x)' });
  });
});
