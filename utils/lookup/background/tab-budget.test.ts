import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CLOSED_TABS_KEPT, createTabBudget, createTabRateLimit } from './tab-budget';

const KEY = 'session:badgeBudget' as const;

beforeEach(() => {
  fakeBrowser.reset();
  vi.useFakeTimers({ now: 0, toFake: ['Date', 'setTimeout', 'clearTimeout'] });
});
afterEach(() => vi.useRealTimers());

describe('createTabBudget', () => {
  it('allows `limit` distinct keys per window per tab, repeats free, then refuses until the window moves on', async () => {
    const budget = createTabBudget({ limit: 3, windowMs: 60_000, key: KEY });
    const allowed: boolean[] = [];
    for (const k of ['1', '2', '3', '1', '2']) allowed.push(await budget.allow(7, k));
    expect(allowed).toEqual([true, true, true, true, true]);
    expect(await budget.allow(7, '4')).toBe(false);
    // Another tab has its own budget.
    expect(await budget.allow(8, '4')).toBe(true);
    vi.setSystemTime(59_999);
    expect(await budget.allow(7, '5')).toBe(false);
    vi.setSystemTime(60_000);
    expect(await budget.allow(7, '5')).toBe(true);
  });

  it('refuses a closed tab from then on: its late messages do not get a fresh budget', async () => {
    const budget = createTabBudget({ limit: 5, windowMs: 60_000, key: KEY });
    expect(await budget.allow(1, 'a')).toBe(true);
    await budget.forget(1);
    expect(await budget.allow(1, 'a')).toBe(false);
    expect(await budget.allow(1, 'b')).toBe(false);
    expect(await budget.allow(2, 'a')).toBe(true);
  });

  it(`remembers the last ${CLOSED_TABS_KEPT} closed tabs, not every tab ever closed`, async () => {
    const budget = createTabBudget({ limit: 5, windowMs: 60_000, key: KEY });
    for (let id = 1; id <= CLOSED_TABS_KEPT + 1; id++) await budget.forget(id);
    expect(await budget.allow(1, 'a')).toBe(true);
    expect(await budget.allow(2, 'a')).toBe(false);
    expect(await budget.allow(CLOSED_TABS_KEPT + 1, 'a')).toBe(false);
  });

  it('a page that keeps inventing leads gets the budget, not one more', async () => {
    const budget = createTabBudget({ limit: 500, windowMs: 600_000, key: KEY });
    let allowed = 0;
    for (let i = 1; i <= 5000; i++) if (await budget.allow(3, String(i))) allowed++;
    expect(allowed).toBe(500);
  });

  it('survives a service worker restart: what a tab used and the closed tabs are kept in storage.session', async () => {
    const before = createTabBudget({ limit: 3, windowMs: 60_000, key: KEY });
    for (const k of ['1', '2', '3']) await before.allow(7, k);
    await before.forget(9);
    await vi.advanceTimersByTimeAsync(100);
    const after = createTabBudget({ limit: 3, windowMs: 60_000, key: KEY });
    expect(await after.allow(7, '4')).toBe(false);
    expect(await after.allow(7, '2')).toBe(true);
    expect(await after.allow(9, 'a')).toBe(false);
    vi.setSystemTime(60_000);
    expect(await after.allow(7, '4')).toBe(true);
  });

  it('reads an unreadable stored budget as empty', async () => {
    await fakeBrowser.storage.session.set({ badgeBudget: { tabs: 'x' } });
    expect(await createTabBudget({ limit: 1, windowMs: 60_000, key: KEY }).allow(1, 'a')).toBe(true);
  });
});

describe('createTabRateLimit', () => {
  it('counts every event, even with the same key, across a restart too', async () => {
    const limit = createTabRateLimit({ limit: 2, windowMs: 1000, key: KEY });
    expect([await limit.allow(1, 'open'), await limit.allow(1, 'open')]).toEqual([true, true]);
    await vi.advanceTimersByTimeAsync(100);
    const restarted = createTabRateLimit({ limit: 2, windowMs: 1000, key: KEY });
    expect(await restarted.allow(1, 'open')).toBe(false);
    vi.setSystemTime(1000);
    expect(await restarted.allow(1, 'open')).toBe(true);
  });
});
