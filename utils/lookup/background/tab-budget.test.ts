import { describe, expect, it } from 'vitest';
import { createTabBudget, createTabRateLimit } from './tab-budget';

describe('createTabBudget', () => {
  it('allows `limit` distinct keys per window per tab, repeats free, then refuses until the window moves on', () => {
    let now = 0;
    const budget = createTabBudget({ limit: 3, windowMs: 60_000, now: () => now });
    expect(['1', '2', '3', '1', '2'].map((k) => budget.allow(7, k))).toEqual([true, true, true, true, true]);
    expect(budget.allow(7, '4')).toBe(false);
    // Another tab has its own budget.
    expect(budget.allow(8, '4')).toBe(true);
    now = 59_999;
    expect(budget.allow(7, '5')).toBe(false);
    now = 60_000;
    expect(budget.allow(7, '5')).toBe(true);
  });

  it('refuses a closed tab from then on: its late messages do not get a fresh budget', () => {
    const budget = createTabBudget({ limit: 5, windowMs: 60_000, now: () => 0 });
    expect(budget.allow(1, 'a')).toBe(true);
    budget.forget(1);
    expect(budget.allow(1, 'a')).toBe(false);
    expect(budget.allow(1, 'b')).toBe(false);
    // Other tabs are untouched.
    expect(budget.allow(2, 'a')).toBe(true);
  });

  it('remembers the last 1000 closed tabs, not every tab ever closed', () => {
    const budget = createTabBudget({ limit: 5, windowMs: 60_000, now: () => 0 });
    for (let id = 1; id <= 1001; id++) budget.forget(id);
    // The oldest fell out; the newest are still refused.
    expect(budget.allow(1, 'a')).toBe(true);
    expect(budget.allow(2, 'a')).toBe(false);
    expect(budget.allow(1001, 'a')).toBe(false);
  });

  it('a page that keeps inventing leads gets the budget, not one more', () => {
    const budget = createTabBudget({ limit: 500, windowMs: 600_000, now: () => 0 });
    let allowed = 0;
    for (let i = 1; i <= 5000; i++) if (budget.allow(3, String(i))) allowed++;
    expect(allowed).toBe(500);
  });
});

describe('createTabRateLimit', () => {
  it('counts every event, even with the same key', () => {
    let now = 0;
    const limit = createTabRateLimit({ limit: 2, windowMs: 1000, now: () => now });
    expect([limit.allow(1, 'open'), limit.allow(1, 'open'), limit.allow(1, 'open')]).toEqual([true, true, false]);
    now = 1000;
    expect(limit.allow(1, 'open')).toBe(true);
  });
});
