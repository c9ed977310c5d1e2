import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Callback, SearchPage } from '../../core/api/model';
import type { ServiceError } from '../../core/messaging/replies';
import {
  LEAD_CACHE_KEY,
  createLeadLookups,
  readPersistedCache,
  sessionCacheStore,
  type LeadSearch,
} from './lead-lookups';

const T0 = Date.UTC(2025, 5, 3, 12, 0, 0);

function callback(leadId: string, id: string, local: string, stage: Callback['stage'] = 'pending'): Callback {
  return {
    id, leadId, listId: '1', campaignId: '2', userId: '3', stage, stageLabel: stage, recipient: 'system',
    recipientLabel: 'System', callbackTime: { local }, createdAt: null, modifiedAt: null, seenAt: null,
    status: '', statusName: '', userName: 'Agent Name', campaignName: 'Campaign', campaignType: 'Normal',
    directoryName: '', comments: 'Call after 5', context: '', raw: { auth_token_never_here: true },
  };
}

function page(leadId: string, n = 2): SearchPage {
  const results = Array.from({ length: n }, (_, i) => callback(leadId, `${leadId}0${i}`, `2030-01-0${i + 1}T10:00:00`));
  return { offset: 0, limit: 100, total: n, results };
}

/** A search that answers when told to, so tests control overlap. */
function controlledSearch() {
  const calls: { leadId: string; resolve: (r: Awaited<ReturnType<LeadSearch>>) => void; signal?: AbortSignal }[] = [];
  const search = vi.fn<LeadSearch>(
    (leadId, signal) => new Promise((resolve) => calls.push({ leadId, resolve, signal })),
  );
  return { search, calls };
}

const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('createLeadLookups', () => {
  let now: number;
  const clock = () => now;
  beforeEach(() => {
    fakeBrowser.reset();
    now = T0;
  });

  it('fetches on a miss with one search, then serves the cache while fresh', async () => {
    const search = vi.fn<LeadSearch>(async (leadId) => ({ ok: true, page: page(leadId, 2) }));
    const lookups = createLeadLookups({ search, now: clock, persist: null });
    const first = await lookups.get('42');
    expect(first).toMatchObject({ ok: true, summary: { leadId: '42', total: 2 } });
    expect(search).toHaveBeenCalledTimes(1);
    expect(search.mock.calls[0]![0]).toBe('42');

    now += 59_999;
    expect(await lookups.get('42')).toEqual(first);
    expect(search).toHaveBeenCalledTimes(1);
  });

  it('replies with the summary only: no raw API record reaches the page', async () => {
    const search = vi.fn<LeadSearch>(async (leadId) => ({ ok: true, page: page(leadId, 1) }));
    const lookups = createLeadLookups({ search, now: clock, persist: null });
    const reply = await lookups.get('42');
    expect(JSON.stringify(reply)).not.toContain('auth_token_never_here');
  });

  it('serves a stale summary at once and refreshes it in the background', async () => {
    const { search, calls } = controlledSearch();
    const lookups = createLeadLookups({ search, now: clock, persist: null, ttlMs: 60_000 });
    const pending = lookups.get('42');
    await flush();
    calls[0]!.resolve({ ok: true, page: page('42', 1) });
    expect(await pending).toMatchObject({ ok: true, summary: { total: 1 } });

    now += 61_000;
    const stale = await lookups.get('42');
    expect(stale).toMatchObject({ ok: true, summary: { total: 1 }, refreshing: true });
    await flush();
    expect(search).toHaveBeenCalledTimes(2);

    // While the refresh runs, more gets are still served from the cache, without a third search.
    expect(await lookups.get('42')).toMatchObject({ ok: true, summary: { total: 1 } });
    expect(search).toHaveBeenCalledTimes(2);

    calls[1]!.resolve({ ok: true, page: page('42', 3) });
    await flush();
    expect(await lookups.get('42')).toMatchObject({ ok: true, summary: { total: 3 } });
    expect(search).toHaveBeenCalledTimes(2);
  });

  it('treats a summary older than maxStaleMs as a miss', async () => {
    const search = vi.fn<LeadSearch>(async (leadId) => ({ ok: true, page: page(leadId, 1) }));
    const lookups = createLeadLookups({ search, now: clock, persist: null, ttlMs: 1000, maxStaleMs: 5000 });
    await lookups.get('42');
    now += 5000;
    search.mockImplementationOnce(async (leadId) => ({ ok: true, page: page(leadId, 4) }));
    expect(await lookups.get('42')).toMatchObject({ ok: true, summary: { total: 4 } });
  });

  it('keeps the stale summary when its refresh fails', async () => {
    const search = vi.fn<LeadSearch>(async (leadId) => ({ ok: true, page: page(leadId, 1) }));
    const lookups = createLeadLookups({ search, now: clock, persist: null });
    await lookups.get('42');
    now += 61_000;
    search.mockImplementation(async () => ({ ok: false, error: { kind: 'network', message: 'offline' } }));
    await lookups.get('42');
    await flush();
    expect(await lookups.get('42')).toMatchObject({ ok: true, summary: { total: 1 } });
  });

  it('de-duplicates concurrent gets of one lead into one search', async () => {
    const { search, calls } = controlledSearch();
    const lookups = createLeadLookups({ search, now: clock, persist: null });
    const a = lookups.get('42');
    const b = lookups.get('42');
    await flush();
    expect(search).toHaveBeenCalledTimes(1);
    calls[0]!.resolve({ ok: true, page: page('42', 2) });
    const [ra, rb] = await Promise.all([a, b]);
    expect(ra).toEqual(rb);
    expect(ra.ok).toBe(true);
  });

  it('runs at most `concurrency` searches at once, the rest in order', async () => {
    const { search, calls } = controlledSearch();
    const lookups = createLeadLookups({ search, now: clock, persist: null, concurrency: 2 });
    const replies = lookups.getMany(['1', '2', '3', '4', '5']);
    await flush();
    expect(calls.map((c) => c.leadId)).toEqual(['1', '2']);
    calls[0]!.resolve({ ok: true, page: page('1', 1) });
    await flush();
    expect(calls.map((c) => c.leadId)).toEqual(['1', '2', '3']);
    calls[1]!.resolve({ ok: true, page: page('2', 1) });
    calls[2]!.resolve({ ok: true, page: page('3', 1) });
    await flush();
    expect(calls.map((c) => c.leadId)).toEqual(['1', '2', '3', '4', '5']);
    calls[3]!.resolve({ ok: true, page: page('4', 1) });
    calls[4]!.resolve({ ok: false, error: { kind: 'server', status: 502, excerpt: '', message: 'down' } });
    const all = await replies;
    expect(Object.keys(all)).toEqual(['1', '2', '3', '4', '5']);
    expect(all['5']).toMatchObject({ ok: false, error: { kind: 'server' } });
    expect(all['4']).toMatchObject({ ok: true, summary: { leadId: '4' } });
  });

  it('never exceeds the limit, whatever order answers arrive in', async () => {
    let active = 0;
    let peak = 0;
    const search = vi.fn<LeadSearch>(async (leadId) => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((r) => setTimeout(r, Number(leadId) % 7));
      active--;
      return { ok: true, page: page(leadId, 1) };
    });
    const lookups = createLeadLookups({ search, now: clock, persist: null, concurrency: 3 });
    const ids = Array.from({ length: 40 }, (_, i) => String(i + 1));
    const first = lookups.getMany(ids.slice(0, 20));
    await new Promise((r) => setTimeout(r, 2));
    const second = lookups.getMany(ids.slice(20));
    const all = { ...(await first), ...(await second) };
    expect(Object.values(all).every((r) => r.ok)).toBe(true);
    expect(search).toHaveBeenCalledTimes(40);
    expect(peak).toBe(3);
  });

  it('does not cache errors: the next get asks again', async () => {
    const error: ServiceError = { kind: 'auth', status: 401, message: 'Convoso refused the API token.' };
    const search = vi.fn<LeadSearch>(async () => ({ ok: false, error }));
    const lookups = createLeadLookups({ search, now: clock, persist: null });
    expect(await lookups.get('42')).toEqual({ ok: false, error });
    search.mockImplementation(async (leadId) => ({ ok: true, page: page(leadId, 1) }));
    expect(await lookups.get('42')).toMatchObject({ ok: true });
    expect(search).toHaveBeenCalledTimes(2);
  });

  it('keeps its maxEntries slots for answers: failed lookups push no cached summary out', async () => {
    const search = vi.fn<LeadSearch>(async (leadId) =>
      leadId === 'x' || leadId === 'y' ? { ok: false, error: { kind: 'network', message: 'offline' } } : { ok: true, page: page(leadId, 1) },
    );
    const lookups = createLeadLookups({ search, now: clock, persist: null, maxEntries: 2 });
    await lookups.getMany(['1', '2']);
    await lookups.getMany(['x', 'y']);
    expect(await lookups.getMany(['1', '2'])).toMatchObject({ '1': { ok: true }, '2': { ok: true } });
    expect(search).toHaveBeenCalledTimes(4);
  });

  it('clear() forgets the cache and drops answers still in flight', async () => {
    const { search, calls } = controlledSearch();
    const lookups = createLeadLookups({ search, now: clock, persist: null });
    const first = lookups.get('42');
    await flush();
    calls[0]!.resolve({ ok: true, page: page('42', 1) });
    await first;

    const inFlight = lookups.get('7');
    await flush();
    await lookups.clear();
    expect(calls[1]!.signal?.aborted).toBe(true);
    calls[1]!.resolve({ ok: true, page: page('7', 9) });
    // Even a search that ignored the abort: its answer is of the old connection.
    expect(await inFlight).toMatchObject({ ok: false, error: { kind: 'aborted' } });

    // Both leads are asked again: the old answers were dropped.
    const again42 = lookups.get('42');
    const again7 = lookups.get('7');
    await flush();
    expect(calls.map((c) => c.leadId)).toEqual(['42', '7', '42', '7']);
    calls[2]!.resolve({ ok: true, page: page('42', 2) });
    calls[3]!.resolve({ ok: true, page: page('7', 3) });
    expect(await again42).toMatchObject({ ok: true, summary: { total: 2 } });
    expect(await again7).toMatchObject({ ok: true, summary: { total: 3 } });
  });

  it('survives a service worker restart through storage.session', async () => {
    const search = vi.fn<LeadSearch>(async (leadId) => ({ ok: true, page: page(leadId, 2) }));
    const before = createLeadLookups({ search, now: clock });
    const reply = await before.get('42');
    await vi.waitFor(async () =>
      expect((await fakeBrowser.storage.session.get('leadCache')).leadCache).toMatchObject({ version: 1, entries: { '42': { at: T0 } } }),
    );

    now += 30_000;
    const after = createLeadLookups({ search, now: clock });
    expect(await after.get('42')).toEqual(reply);
    expect(search).toHaveBeenCalledTimes(1);
  });

  it('clear() also empties storage.session', async () => {
    const search = vi.fn<LeadSearch>(async (leadId) => ({ ok: true, page: page(leadId, 2) }));
    const lookups = createLeadLookups({ search, now: clock });
    await lookups.get('42');
    await lookups.clear();
    expect((await fakeBrowser.storage.session.get('leadCache')).leadCache).toBeUndefined();
    await createLeadLookups({ search, now: clock }).get('42');
    expect(search).toHaveBeenCalledTimes(2);
  });

  it.each([
    ['not an object', 'garbage'],
    ['another version', { version: 2, entries: {} }],
    ['entries not a record', { version: 1, entries: [1, 2] }],
    ['a summary of the wrong shape', { version: 1, entries: { '42': { at: T0, summary: { leadId: '42', total: 'many' } } } }],
    ['a key that is not a lead id', { version: 1, entries: { '<img>': { at: T0, summary: {} } } }],
  ])('ignores a corrupted stored cache (%s) and fetches', async (_label, value) => {
    await fakeBrowser.storage.session.set({ leadCache: value });
    const search = vi.fn<LeadSearch>(async (leadId) => ({ ok: true, page: page(leadId, 1) }));
    const lookups = createLeadLookups({ search, now: clock });
    expect(await lookups.get('42')).toMatchObject({ ok: true, summary: { leadId: '42', total: 1 } });
    expect(search).toHaveBeenCalledTimes(1);
  });
});

describe('createLeadLookups: a stale answer, then its refresh (fake timers)', () => {
  // The default clock (Date.now, read at each call) under fake timers: the API
  // answers after LATENCY of fake time, and the cache ages as the clock moves.
  const LATENCY = 200;
  const TTL = 60_000;
  let total: number;
  let outcome: 'ok' | 'fail';
  let search: ReturnType<typeof vi.fn<LeadSearch>>;

  beforeEach(() => {
    vi.useFakeTimers({ now: T0 });
    total = 1;
    outcome = 'ok';
    search = vi.fn<LeadSearch>(
      (leadId) =>
        new Promise((resolve) =>
          setTimeout(
            () =>
              resolve(
                outcome === 'ok'
                  ? { ok: true, page: page(leadId, total) }
                  : { ok: false, error: { kind: 'server', status: 503, excerpt: '', message: 'down' } },
              ),
            LATENCY,
          ),
        ),
    );
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A lookups whose cache holds lead 42 with `total` 1, fetched at T0 and now stale. */
  async function staleLookups() {
    const lookups = createLeadLookups({ search, persist: null, ttlMs: TTL });
    const first = lookups.get('42');
    await vi.advanceTimersByTimeAsync(LATENCY);
    expect(await first).toEqual({ ok: true, summary: expect.objectContaining({ total: 1 }) });
    await vi.advanceTimersByTimeAsync(TTL);
    return lookups;
  }

  it('a fresh answer does not say refreshing', async () => {
    const lookups = createLeadLookups({ search, persist: null, ttlMs: TTL });
    const first = lookups.get('42');
    await vi.advanceTimersByTimeAsync(LATENCY);
    expect(await first).not.toHaveProperty('refreshing');
    await vi.advanceTimersByTimeAsync(TTL - LATENCY - 1);
    expect(await lookups.get('42')).not.toHaveProperty('refreshing');
    expect(search).toHaveBeenCalledTimes(1);
  });

  it('serves the stale summary at once marked refreshing; afterRefresh answers from that same refresh', async () => {
    const lookups = await staleLookups();
    total = 3;

    // At once, no fake time passing: the stale summary.
    const stale = await lookups.get('42');
    expect(stale).toEqual({ ok: true, summary: expect.objectContaining({ total: 1 }), refreshing: true });
    expect(search).toHaveBeenCalledTimes(2);

    let settled = false;
    const follow = lookups.get('42', { afterRefresh: true }).finally(() => (settled = true));
    await vi.advanceTimersByTimeAsync(LATENCY - 1);
    expect(settled).toBe(false); // it waits for the refresh, it does not echo the stale answer
    await vi.advanceTimersByTimeAsync(1);
    const fresh = await follow;
    expect(fresh).toEqual({ ok: true, summary: expect.objectContaining({ total: 3 }) });
    expect(fresh).not.toHaveProperty('refreshing');
    expect(search).toHaveBeenCalledTimes(2);

    // The refreshed answer is the cache now, fresh for a whole period again.
    await vi.advanceTimersByTimeAsync(TTL - 1);
    expect(await lookups.get('42')).toEqual({ ok: true, summary: expect.objectContaining({ total: 3 }) });
    expect(search).toHaveBeenCalledTimes(2);
  });

  it('afterRefresh after the refresh has landed answers from the cache, without a search', async () => {
    const lookups = await staleLookups();
    total = 4;
    expect(await lookups.get('42')).toMatchObject({ refreshing: true });
    await vi.advanceTimersByTimeAsync(LATENCY);
    expect(await lookups.get('42', { afterRefresh: true })).toEqual({ ok: true, summary: expect.objectContaining({ total: 4 }) });
    expect(search).toHaveBeenCalledTimes(2);
  });

  it('afterRefresh when the refresh fails keeps the stale summary and does not search again', async () => {
    const lookups = await staleLookups();
    outcome = 'fail';
    expect(await lookups.get('42')).toMatchObject({ refreshing: true });
    const follow = lookups.get('42', { afterRefresh: true });
    await vi.advanceTimersByTimeAsync(LATENCY);
    expect(await follow).toEqual({ ok: true, summary: expect.objectContaining({ total: 1 }) });
    expect(search).toHaveBeenCalledTimes(2);
  });

  it('afterRefresh with a stale cache and no refresh running (worker restarted) serves the cache, no search', async () => {
    const lookups = await staleLookups();
    expect(await lookups.get('42', { afterRefresh: true })).toEqual({ ok: true, summary: expect.objectContaining({ total: 1 }) });
    expect(search).toHaveBeenCalledTimes(1);
  });

  it('afterRefresh with nothing usable cached is an ordinary, de-duplicated lookup', async () => {
    const lookups = createLeadLookups({ search, persist: null, ttlMs: TTL });
    const a = lookups.get('42', { afterRefresh: true });
    const b = lookups.get('42');
    await vi.advanceTimersByTimeAsync(LATENCY);
    expect(await a).toEqual({ ok: true, summary: expect.objectContaining({ total: 1 }) });
    expect(await b).toEqual(await a);
    expect(search).toHaveBeenCalledTimes(1);
  });

  it('afterRefresh of a refresh dropped by clear() says aborted (the badge waits for the new connection)', async () => {
    const lookups = await staleLookups();
    expect(await lookups.get('42')).toMatchObject({ refreshing: true });
    const follow = lookups.get('42', { afterRefresh: true });
    await vi.advanceTimersByTimeAsync(0);
    await lookups.clear();
    await vi.advanceTimersByTimeAsync(LATENCY);
    expect(await follow).toMatchObject({ ok: false, error: { kind: 'aborted' } });
    expect(search).toHaveBeenCalledTimes(2);
  });

  it('getMany marks each stale lead refreshing and follows all of them with one search per lead', async () => {
    const lookups = createLeadLookups({ search, persist: null, ttlMs: TTL });
    const first = lookups.getMany(['1', '2']);
    await vi.advanceTimersByTimeAsync(LATENCY);
    await first;
    await vi.advanceTimersByTimeAsync(TTL / 2);
    const third = lookups.get('3'); // fetched later: still fresh when 1 and 2 are stale
    await vi.advanceTimersByTimeAsync(LATENCY);
    await third;
    await vi.advanceTimersByTimeAsync(TTL / 2);
    total = 2;

    const stale = await lookups.getMany(['1', '2', '3']);
    expect(stale['1']).toMatchObject({ refreshing: true, summary: { total: 1 } });
    expect(stale['2']).toMatchObject({ refreshing: true, summary: { total: 1 } });
    expect(stale['3']).not.toHaveProperty('refreshing');
    expect(search).toHaveBeenCalledTimes(5);

    const follow = lookups.getMany(['1', '2'], { afterRefresh: true });
    await vi.advanceTimersByTimeAsync(LATENCY);
    const fresh = await follow;
    expect(fresh['1']).toEqual({ ok: true, summary: expect.objectContaining({ leadId: '1', total: 2 }) });
    expect(fresh['2']).toEqual({ ok: true, summary: expect.objectContaining({ leadId: '2', total: 2 }) });
    expect(search).toHaveBeenCalledTimes(5);
  });
});

describe('readPersistedCache', () => {
  const good = (leadId: string, at: number) => ({
    at,
    summary: {
      leadId, total: 0, shown: 0, urgency: 'empty', next: null, overdue: 0, callbacks: [],
    },
  });

  it('keeps good entries and drops bad, future and mismatched ones', () => {
    const read = readPersistedCache(
      {
        version: 1,
        entries: {
          '1': good('1', T0 - 1000),
          '2': { at: T0, summary: { leadId: '2' } },
          '3': good('3', T0 + 60_000),
          '4': good('5', T0),
        },
      },
      T0,
    );
    expect([...read.keys()]).toEqual(['1']);
  });

  it('a corrupt stored entry elsewhere does not stop a good one being served, and is dropped when met', async () => {
    fakeBrowser.reset();
    await fakeBrowser.storage.session.set({
      leadCache: { version: 1, entries: { '1': { at: T0, summary: { leadId: '1' } }, '2': good('2', T0 - 1000), '3': 'garbage' } },
    });
    const search = vi.fn<LeadSearch>(async (leadId) => ({ ok: true, page: page(leadId, 2) }));
    const lookups = createLeadLookups({ search, now: () => T0 });
    expect(await lookups.get('2')).toMatchObject({ ok: true, summary: { leadId: '2', total: 0 } });
    expect(search).not.toHaveBeenCalled();
    // Met when asked: a miss, searched, and answered.
    expect(await lookups.get('1')).toMatchObject({ ok: true, summary: { leadId: '1', total: 2 } });
    expect(search).toHaveBeenCalledTimes(1);
    // The corrupt entry never asked for is written back unchecked only if it has an age; garbage has none.
    await vi.waitFor(async () => {
      const stored = (await fakeBrowser.storage.session.get('leadCache')).leadCache as { entries: Record<string, unknown> };
      expect(Object.keys(stored.entries).sort()).toEqual(['1', '2']);
    });
  });

  it('checks only the entry asked for, once, not the whole stored cache', async () => {
    fakeBrowser.reset();
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
    const search = vi.fn<LeadSearch>(async (leadId) => ({ ok: true, page: page(leadId, 2) }));
    const lookups = createLeadLookups({ search, now: () => T0, persist: { load: async () => ({ version: 1, entries }), save: async () => {}, clear: async () => {} } });
    expect(await lookups.get('3')).toMatchObject({ ok: true, summary: { leadId: '3' } });
    expect(await lookups.get('3')).toMatchObject({ ok: true, summary: { leadId: '3' } });
    expect(search).not.toHaveBeenCalled();
    expect(Object.keys(reads)).toEqual(['3']);
    const once = reads['3'];
    await lookups.get('3');
    expect(reads['3']).toBe(once);
  });

  it('keeps the entry cap over entries read back unchecked, oldest dropped first', async () => {
    const entries = Object.fromEntries(['1', '2', '3'].map((id, i) => [id, good(id, T0 - 3000 + i)]));
    const search = vi.fn<LeadSearch>(async (leadId) => ({ ok: true, page: page(leadId, 2) }));
    const lookups = createLeadLookups({ search, now: () => T0, maxEntries: 2, persist: { load: async () => ({ version: 1, entries }), save: async () => {}, clear: async () => {} } });
    expect(await lookups.get('3')).toMatchObject({ ok: true, summary: { total: 0 } });
    expect(await lookups.get('2')).toMatchObject({ ok: true, summary: { total: 0 } });
    expect(search).not.toHaveBeenCalled();
    expect(await lookups.get('1')).toMatchObject({ ok: true, summary: { total: 2 } });
    expect(search).toHaveBeenCalledTimes(1);
  });

  it('uses the key ' + LEAD_CACHE_KEY, async () => {
    fakeBrowser.reset();
    await sessionCacheStore().save({ version: 1, entries: {} });
    expect(await fakeBrowser.storage.session.get('leadCache')).toEqual({ leadCache: { version: 1, entries: {} } });
  });
});

describe('createLeadLookups: a bounded queue, badge first, per tab (issue 8, item 3)', () => {
  beforeEach(() => fakeBrowser.reset());

  it('serves a badge before chips that were queued earlier', async () => {
    const { search, calls } = controlledSearch();
    const lookups = createLeadLookups({ search, concurrency: 1, persist: null });
    const chips = ['11', '12', '13'].map((id) => lookups.get(id, { priority: 'inline', tabId: 1 }));
    const badge = lookups.get('99', { priority: 'badge', tabId: 2 });
    await flush();
    expect(calls.map((c) => c.leadId)).toEqual(['11']);
    calls[0]!.resolve({ ok: true, page: page('11', 1) });
    await flush();
    // The badge of another tab jumps the list page's queue.
    expect(calls.map((c) => c.leadId)).toEqual(['11', '99']);
    calls[1]!.resolve({ ok: true, page: page('99', 1) });
    expect(await badge).toMatchObject({ ok: true, summary: { leadId: '99' } });
    await flush();
    expect(calls.map((c) => c.leadId)).toEqual(['11', '99', '12']);
    for (const c of calls.slice(2)) c.resolve({ ok: true, page: page(c.leadId, 1) });
    await flush();
    calls[3]!.resolve({ ok: true, page: page('13', 1) });
    expect((await Promise.all(chips)).every((r) => r.ok)).toBe(true);
  });

  it('a badge asking for a lead already queued as a chip moves it up', async () => {
    const { search, calls } = controlledSearch();
    const lookups = createLeadLookups({ search, concurrency: 1, persist: null });
    void lookups.get('1', { priority: 'inline', tabId: 1 });
    void lookups.get('2', { priority: 'inline', tabId: 1 });
    void lookups.get('3', { priority: 'inline', tabId: 1 });
    void lookups.get('3', { priority: 'badge', tabId: 1 });
    await flush();
    calls[0]!.resolve({ ok: true, page: page('1', 1) });
    await flush();
    expect(calls.map((c) => c.leadId)).toEqual(['1', '3']);
  });

  it('drops what a closed or navigated tab still waits for, unsearched; a lead another tab also wants stays', async () => {
    const { search, calls } = controlledSearch();
    const lookups = createLeadLookups({ search, concurrency: 1, persist: null });
    const first = lookups.get('1', { priority: 'inline', tabId: 5 });
    const mine = lookups.get('2', { priority: 'inline', tabId: 5 });
    const shared = lookups.get('3', { priority: 'inline', tabId: 5 });
    void lookups.get('3', { priority: 'inline', tabId: 6 });
    await flush();
    lookups.dropTab(5);
    expect(await mine).toMatchObject({ ok: false, error: { kind: 'aborted' } });
    // The search already running finishes; the next one is the shared lead, not the dropped one.
    calls[0]!.resolve({ ok: true, page: page('1', 1) });
    expect(await first).toMatchObject({ ok: true });
    await flush();
    expect(calls.map((c) => c.leadId)).toEqual(['1', '3']);
    calls[1]!.resolve({ ok: true, page: page('3', 1) });
    expect(await shared).toMatchObject({ ok: true });
    expect(search).toHaveBeenCalledTimes(2);
  });

  it('a full queue answers "paused" for a new lead instead of growing', async () => {
    const { search } = controlledSearch();
    const lookups = createLeadLookups({ search, concurrency: 1, maxQueued: 2, persist: null });
    void lookups.get('1', { priority: 'inline', tabId: 1 }); // running
    void lookups.get('2', { priority: 'inline', tabId: 1 });
    void lookups.get('3', { priority: 'inline', tabId: 1 });
    await flush();
    expect(await lookups.get('4', { priority: 'inline', tabId: 1 })).toMatchObject({ ok: false, error: { kind: 'paused' } });
    expect(search).toHaveBeenCalledTimes(1);
  });

  it('a flood of invented rows stays bounded; nothing is searched after its tab closed (fake timers)', async () => {
    vi.useFakeTimers();
    try {
      let searches = 0;
      const search: LeadSearch = (leadId) => {
        searches++;
        return new Promise((resolve) => setTimeout(() => resolve({ ok: true, page: page(leadId, 1) }), 100));
      };
      const lookups = createLeadLookups({ search, persist: null, maxQueued: 300 });
      let next = 1;
      const replies: Promise<unknown>[] = [];
      // 500 new leads every 0.5 s for 10 s, as the attack page did.
      for (let tick = 0; tick < 20; tick++) {
        for (let i = 0; i < 500; i++) replies.push(lookups.get(String(next++), { priority: 'inline', tabId: 9 }));
        await vi.advanceTimersByTimeAsync(500);
      }
      // At most 4 searches per 100 ms (4 at once, 4 more as each batch lands), whatever the page asked.
      expect(searches).toBeLessThanOrEqual(404);
      lookups.dropTab(9);
      const before = searches;
      await vi.advanceTimersByTimeAsync(60_000);
      // Only the searches already running when the tab went may finish; none starts.
      expect(searches).toBe(before);
      await Promise.all(replies);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('createLeadLookups: what it keeps (issue 8, items 6 and 10)', () => {
  it('caps the cache by bytes, dropping the oldest summaries', async () => {
    const big = (leadId: string): SearchPage => {
      const p = page(leadId, 1);
      return { ...p, results: p.results.map((c) => ({ ...c, userName: 'x'.repeat(150) })) };
    };
    const search = vi.fn<LeadSearch>(async (leadId) => ({ ok: true, page: big(leadId) }));
    const lookups = createLeadLookups({ search, persist: null, maxBytes: 2000 });
    for (const id of ['1', '2', '3', '4', '5']) await lookups.get(id);
    expect(search).toHaveBeenCalledTimes(5);
    await lookups.get('5');
    expect(search).toHaveBeenCalledTimes(5);
    await lookups.get('1');
    expect(search).toHaveBeenCalledTimes(6);
  });

  it('a total with no readable callback behind it is an unreadable answer, not "N callbacks"', async () => {
    const search = vi.fn<LeadSearch>(async () => ({ ok: true, page: { offset: 0, limit: 100, total: 7, results: [] } }));
    const lookups = createLeadLookups({ search, persist: null });
    expect(await lookups.get('42')).toMatchObject({ ok: false, error: { kind: 'bad-response' } });
  });
});
