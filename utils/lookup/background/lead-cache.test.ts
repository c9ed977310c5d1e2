import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { LeadSummary } from '../lookup-messages';
import { COMMENT_MAX, FIELD_MAX } from '../summarize-lead';
import { LEAD_CACHE_KEY, MAX_BYTES, MAX_ENTRIES, createLeadCache, sessionCacheStore } from './lead-cache';
import { parsePersistedEntry } from './lead-cache-schema';
import { createLeadLookups, type LeadSearch } from './lead-lookups';

const T0 = Date.UTC(2025, 5, 3, 12, 0, 0);

const summary = (leadId: string, total = 0): LeadSummary => ({ leadId, total, shown: 0, urgency: 'empty', next: null, overdue: 0, callbacks: [] });
const good = (leadId: string, at: number) => ({ at, summary: summary(leadId) });
/** A summary of about 10 KB: ten callbacks with every text at its longest. */
const big = (leadId: string): LeadSummary => ({
  ...summary(leadId, 10),
  shown: 10,
  urgency: 'upcoming',
  callbacks: Array.from({ length: 10 }, (_, i) => ({
    id: `${leadId}${i}`, callbackTime: { local: '2030-01-01T10:00:00' }, stage: 'pending' as const, stageLabel: 'x'.repeat(FIELD_MAX),
    userName: 'x'.repeat(FIELD_MAX), campaignName: 'x'.repeat(FIELD_MAX), comments: 'x'.repeat(COMMENT_MAX), overdue: false,
  })),
});
const stored = async () => (await fakeBrowser.storage.session.get('leadCache')).leadCache as { version: number; entries: Record<string, unknown> } | undefined;

beforeEach(() => {
  fakeBrowser.reset();
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('createLeadCache: storage.session', () => {
  it('survives a service worker restart', async () => {
    const search = vi.fn<LeadSearch>(async () => ({ ok: true, page: { offset: 0, limit: 100, total: 0, results: [] } }));
    const reply = await createLeadLookups({ search }).get('42');
    await vi.advanceTimersByTimeAsync(100);
    expect(await stored()).toMatchObject({ version: 1, entries: { '42': { at: T0 } } });
    vi.setSystemTime(T0 + 30_000);
    expect(await createLeadLookups({ search }).get('42')).toEqual(reply);
    expect(search).toHaveBeenCalledTimes(1);
  });

  it('clear() also empties storage.session, and a later cache reads nothing back', async () => {
    const cache = createLeadCache();
    await cache.load();
    cache.put('42', good('42', T0));
    await vi.advanceTimersByTimeAsync(100);
    await cache.clear();
    expect(await stored()).toBeUndefined();
    const next = createLeadCache();
    await next.load();
    expect(next.get('42')).toBeNull();
  });

  it.each([
    ['not an object', 'garbage'],
    ['another version', { version: 2, entries: {} }],
    ['entries not a record', { version: 1, entries: [1, 2] }],
    ['a summary of the wrong shape', { version: 1, entries: { '42': { at: T0, summary: { leadId: '42', total: 'many' } } } }],
    ['a key that is not a lead id', { version: 1, entries: { '<img>': { at: T0, summary: {} } } }],
  ])('treats a corrupted stored cache (%s) as empty', async (_label, value) => {
    await fakeBrowser.storage.session.set({ leadCache: value });
    const cache = createLeadCache();
    await cache.load();
    expect(cache.get('42')).toBeNull();
  });

  it('a corrupt stored entry elsewhere does not stop a good one being served, and is dropped when met', async () => {
    await fakeBrowser.storage.session.set({
      leadCache: { version: 1, entries: { '1': { at: T0, summary: { leadId: '1' } }, '2': good('2', T0 - 1000), '3': 'garbage' } },
    });
    const cache = createLeadCache();
    await cache.load();
    expect(cache.get('2')).toMatchObject(good('2', T0 - 1000));
    expect(cache.get('1')).toBeNull();
    cache.put('4', good('4', T0));
    // The corrupt entry never asked for is written back unchecked only if it has an age; garbage has none.
    await vi.advanceTimersByTimeAsync(100);
    expect(Object.keys((await stored())!.entries).sort()).toEqual(['2', '4']);
  });

  it('checks only the entry asked for, once, not the whole stored cache', async () => {
    const reads: Record<string, number> = {};
    const counted = (leadId: string) => {
      const entry = good(leadId, T0 - 1000);
      // valibot reads `summary` when (and only when) it checks this entry.
      return Object.defineProperty({ at: entry.at }, 'summary', {
        enumerable: true,
        get: () => {
          reads[leadId] = (reads[leadId] ?? 0) + 1;
          return entry.summary;
        },
      });
    };
    const entries = Object.fromEntries(['1', '2', '3', '4'].map((id) => [id, counted(id)]));
    // What storage.session hands back, getters and all (the fake browser's own copy would run them).
    vi.spyOn(fakeBrowser.storage.session, 'get').mockResolvedValue({ leadCache: { version: 1, entries } });
    const cache = createLeadCache();
    await cache.load();
    expect(cache.get('3')).toMatchObject({ summary: { leadId: '3' } });
    const once = reads['3'];
    expect(cache.get('3')).toMatchObject({ summary: { leadId: '3' } });
    expect(Object.keys(reads)).toEqual(['3']);
    expect(reads['3']).toBe(once);
  });

  it('uses the key ' + LEAD_CACHE_KEY, async () => {
    await sessionCacheStore().save({ version: 1, entries: {} });
    expect(await fakeBrowser.storage.session.get('leadCache')).toEqual({ leadCache: { version: 1, entries: {} } });
  });
});

describe('createLeadCache: what it keeps (issue 8, items 6 and 10)', () => {
  it(`keeps ${MAX_ENTRIES} answers, the oldest dropped first, stored ones counted too`, async () => {
    const entries = Object.fromEntries(Array.from({ length: MAX_ENTRIES }, (_, i) => [String(i + 1), good(String(i + 1), T0 - MAX_ENTRIES + i)]));
    await fakeBrowser.storage.session.set({ leadCache: { version: 1, entries } });
    const cache = createLeadCache();
    await cache.load();
    cache.put('999999', good('999999', T0));
    expect(cache.get('1')).toBeNull();
    expect(cache.get('2')).not.toBeNull();
    expect(cache.get('999999')).not.toBeNull();
  });

  it(`caps the cache at about ${MAX_BYTES / 1e6} MB of summaries, dropping the oldest`, async () => {
    const cache = createLeadCache();
    await cache.load();
    const perEntry = JSON.stringify(big('100')).length;
    const fit = Math.floor(MAX_BYTES / perEntry);
    for (let i = 0; i <= fit; i++) cache.put(String(100 + i), { at: T0, summary: big(String(100 + i)) });
    expect(cache.get('100')).toBeNull();
    expect(cache.get(String(100 + fit))).not.toBeNull();
  });

  it('keeps its slots for answers: failed lookups push no cached summary out', async () => {
    const search = vi.fn<LeadSearch>(async (leadId) =>
      leadId.startsWith('9') ? { ok: false, error: { kind: 'network', message: 'offline' } } : { ok: true, page: { offset: 0, limit: 100, total: 0, results: [] } },
    );
    const lookups = createLeadLookups({ search });
    const kept = Array.from({ length: MAX_ENTRIES }, (_, i) => String(100_000 + i));
    await lookups.getMany(kept);
    await lookups.getMany(['91', '92', '93']);
    expect(Object.values(await lookups.getMany(kept)).every((r) => r.ok)).toBe(true);
    expect(search).toHaveBeenCalledTimes(MAX_ENTRIES + 3);
  });
});

describe('parsePersistedEntry', () => {
  it('keeps a good entry and drops bad, future and mismatched ones', () => {
    expect(parsePersistedEntry('1', good('1', T0 - 1000), T0)).toEqual(good('1', T0 - 1000));
    expect(parsePersistedEntry('2', { at: T0, summary: { leadId: '2' } }, T0)).toBeNull();
    expect(parsePersistedEntry('3', good('3', T0 + 60_000), T0)).toBeNull();
    expect(parsePersistedEntry('4', good('5', T0), T0)).toBeNull();
  });
});
