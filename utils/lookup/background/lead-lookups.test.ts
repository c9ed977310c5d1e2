import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Callback, SearchPage } from '../../core/api/model';
import type { ServiceError } from '../../core/messaging/replies';
import { LEAD_MAX_AGE_MS } from './lead-cache';
import { MAX_LOOKUPS, type LookupTicket } from './lead-in-flight';
import { DEFAULT_FRESH_MS, createLeadLookups, type LeadSearch } from './lead-lookups';

const T0 = Date.UTC(2025, 5, 3, 12, 0, 0);
const MINUTE = 60_000;

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

type Call = { leadId: string; ticket: LookupTicket; resolve: (r: Awaited<ReturnType<LeadSearch>>) => void };

/** A search that answers when told to, so tests control overlap. */
function controlledSearch() {
  const calls: Call[] = [];
  const search = vi.fn<LeadSearch>((leadId, ticket) => new Promise((resolve) => calls.push({ leadId, ticket, resolve })));
  return { search, calls };
}

const answering = (n = 2) => vi.fn<LeadSearch>(async (leadId) => ({ ok: true, page: page(leadId, n) }));
const flush = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  fakeBrowser.reset();
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => vi.useRealTimers());

describe('createLeadLookups: what the badge and the chips get (issue 21)', () => {
  it('asks once on a miss, then serves the badge the same answer for 10 minutes, with when Convoso gave it', async () => {
    const search = answering();
    const lookups = createLeadLookups({ search });
    const first = await lookups.get('42');
    expect(first).toEqual({ ok: true, summary: expect.objectContaining({ leadId: '42', total: 2 }), asOf: T0 });
    // The lead shown again 65 s and 80 s later, and just before 10 minutes: not asked again.
    for (const at of [65_000, 80_000, DEFAULT_FRESH_MS - 1]) {
      vi.setSystemTime(T0 + at);
      expect(await lookups.get('42')).toEqual(first);
    }
    expect(search).toHaveBeenCalledTimes(1);
  });

  it('replies with the summary only: no raw API record reaches the page', async () => {
    const lookups = createLeadLookups({ search: answering(1) });
    expect(JSON.stringify(await lookups.get('42'))).not.toContain('auth_token_never_here');
  });

  it('past 10 minutes the badge gets the older answer at once, marked refreshing, and one search refreshes it', async () => {
    const { search, calls } = controlledSearch();
    const lookups = createLeadLookups({ search });
    const pending = lookups.get('42');
    await flush();
    calls[0]!.resolve({ ok: true, page: page('42', 1) });
    expect(await pending).toMatchObject({ ok: true, summary: { total: 1 } });

    vi.setSystemTime(T0 + DEFAULT_FRESH_MS);
    expect(await lookups.get('42')).toEqual({ ok: true, summary: expect.objectContaining({ total: 1 }), asOf: T0, refreshing: true });
    await flush();
    expect(search).toHaveBeenCalledTimes(2);
    // While the refresh runs, more questions are served from the cache, without a third search.
    expect(await lookups.get('42')).toMatchObject({ ok: true, summary: { total: 1 } });
    expect(search).toHaveBeenCalledTimes(2);

    calls[1]!.resolve({ ok: true, page: page('42', 3) });
    await flush();
    expect(await lookups.get('42')).toEqual({ ok: true, summary: expect.objectContaining({ total: 3 }), asOf: T0 + DEFAULT_FRESH_MS });
    expect(search).toHaveBeenCalledTimes(2);
  });

  it('follows the administrator’s lead cache minutes', async () => {
    const search = answering();
    let fresh = 2 * MINUTE;
    const lookups = createLeadLookups({ search, freshMs: () => fresh });
    await lookups.get('42');
    vi.setSystemTime(T0 + 2 * MINUTE);
    expect(await lookups.get('42')).toMatchObject({ refreshing: true });
    fresh = 30 * MINUTE;
    expect(await lookups.get('42')).not.toHaveProperty('refreshing');
  });

  it('chips show any answer up to an hour old, as it is, with its age; older is asked again', async () => {
    const search = answering();
    const lookups = createLeadLookups({ search });
    await lookups.get('7', { priority: 'inline' });
    vi.setSystemTime(T0 + LEAD_MAX_AGE_MS - 1);
    expect(await lookups.get('7', { priority: 'inline' })).toEqual({ ok: true, summary: expect.objectContaining({ leadId: '7' }), asOf: T0 });
    expect(search).toHaveBeenCalledTimes(1);
    vi.setSystemTime(T0 + LEAD_MAX_AGE_MS);
    expect(await lookups.get('7', { priority: 'inline' })).toMatchObject({ ok: true, asOf: T0 + LEAD_MAX_AGE_MS });
    expect(search).toHaveBeenCalledTimes(2);
  });

  it('an answer older than an hour is a miss for the badge too', async () => {
    const search = answering(1);
    const lookups = createLeadLookups({ search });
    await lookups.get('42');
    vi.setSystemTime(T0 + LEAD_MAX_AGE_MS);
    search.mockImplementationOnce(async (leadId) => ({ ok: true, page: page(leadId, 4) }));
    expect(await lookups.get('42')).toEqual({ ok: true, summary: expect.objectContaining({ total: 4 }), asOf: T0 + LEAD_MAX_AGE_MS });
  });

  it('a refresh a person asked for asks Convoso whatever the cache holds', async () => {
    const search = answering();
    const lookups = createLeadLookups({ search });
    await lookups.get('42');
    vi.setSystemTime(T0 + 1_000);
    expect(await lookups.get('42', { refresh: true })).toMatchObject({ ok: true, asOf: T0 + 1_000 });
    expect(search).toHaveBeenCalledTimes(2);
  });

  it('keeps the older summary when its refresh fails', async () => {
    const search = answering(1);
    const lookups = createLeadLookups({ search });
    await lookups.get('42');
    vi.setSystemTime(T0 + DEFAULT_FRESH_MS + 1);
    search.mockImplementation(async () => ({ ok: false, error: { kind: 'network', message: 'offline' } }));
    await lookups.get('42');
    await flush();
    expect(await lookups.get('42')).toMatchObject({ ok: true, summary: { total: 1 }, asOf: T0 });
  });

  it('a total with no readable callback behind it is an unreadable answer, not "N callbacks"', async () => {
    const search = vi.fn<LeadSearch>(async () => ({ ok: true, page: { offset: 0, limit: 100, total: 7, results: [] } }));
    expect(await createLeadLookups({ search }).get('42')).toMatchObject({ ok: false, error: { kind: 'bad-response' } });
  });

  it('does not cache errors: the next question asks again', async () => {
    const error: ServiceError = { kind: 'auth', status: 401, message: 'Convoso refused the API token.' };
    const search = vi.fn<LeadSearch>(async () => ({ ok: false, error }));
    const lookups = createLeadLookups({ search });
    expect(await lookups.get('42')).toEqual({ ok: false, error });
    search.mockImplementation(async (leadId) => ({ ok: true, page: page(leadId, 1) }));
    expect(await lookups.get('42')).toMatchObject({ ok: true });
    expect(search).toHaveBeenCalledTimes(2);
  });
});

describe('createLeadLookups: one search per lead, at the asker’s priority', () => {
  it('de-duplicates concurrent questions for one lead into one search', async () => {
    const { search, calls } = controlledSearch();
    const lookups = createLeadLookups({ search });
    const a = lookups.get('42');
    const b = lookups.get('42', { priority: 'inline' });
    await flush();
    expect(search).toHaveBeenCalledTimes(1);
    calls[0]!.resolve({ ok: true, page: page('42', 2) });
    const [ra, rb] = await Promise.all([a, b]);
    expect(ra).toEqual(rb);
    expect(ra.ok).toBe(true);
  });

  it('gives the gate the badge’s priority above the chips’, and moves a chip up when a badge asks for its lead', async () => {
    const { search, calls } = controlledSearch();
    const lookups = createLeadLookups({ search });
    void lookups.get('1', { priority: 'inline', tabId: 1 });
    void lookups.get('2', { priority: 'badge', tabId: 1 });
    await flush();
    expect(calls.map((c) => c.ticket.priority)).toEqual(['chips', 'interactive']);
    void lookups.get('1', { priority: 'badge', tabId: 2 });
    await flush();
    expect(calls[0]!.ticket.priority).toBe('interactive');
    expect(search).toHaveBeenCalledTimes(2);
  });

  it('a closed or navigated tab takes its lookups out of the queue; a lead another tab also wants stays', async () => {
    const { search, calls } = controlledSearch();
    const lookups = createLeadLookups({ search });
    const mine = lookups.get('2', { priority: 'inline', tabId: 5 });
    const shared = lookups.get('3', { priority: 'inline', tabId: 5 });
    void lookups.get('3', { priority: 'inline', tabId: 6 });
    await flush();
    lookups.dropTab(5);
    const byLead = Object.fromEntries(calls.map((c) => [c.leadId, c.ticket]));
    expect(byLead['2']!.waitSignal.aborted).toBe(true);
    expect(byLead['2']!.signal.aborted).toBe(false);
    expect(byLead['3']!.waitSignal.aborted).toBe(false);
    // The search a dropped lookup had already sent still finishes, and its answer is kept.
    calls[0]!.resolve({ ok: true, page: page('2', 1) });
    calls[1]!.resolve({ ok: true, page: page('3', 1) });
    expect(await mine).toMatchObject({ ok: true });
    expect(await shared).toMatchObject({ ok: true });
  });

  it(`answers "paused" for a new lead while ${MAX_LOOKUPS} lookups are on their way, instead of growing`, async () => {
    const { search } = controlledSearch();
    const lookups = createLeadLookups({ search });
    for (let i = 1; i <= MAX_LOOKUPS; i++) void lookups.get(String(i), { priority: 'inline', tabId: 1 });
    await flush();
    expect(await lookups.get('99999', { priority: 'inline', tabId: 1 })).toMatchObject({ ok: false, error: { kind: 'paused' } });
    expect(search).toHaveBeenCalledTimes(MAX_LOOKUPS);
  });

  it('clear() forgets the cache and drops answers still in flight', async () => {
    const { search, calls } = controlledSearch();
    const lookups = createLeadLookups({ search });
    const first = lookups.get('42');
    await flush();
    calls[0]!.resolve({ ok: true, page: page('42', 1) });
    await first;

    const inFlight = lookups.get('7');
    await flush();
    await lookups.clear();
    expect(calls[1]!.ticket.signal.aborted).toBe(true);
    calls[1]!.resolve({ ok: true, page: page('7', 9) });
    // Even a search that ignored the abort: its answer is of the old connection.
    expect(await inFlight).toMatchObject({ ok: false, error: { kind: 'aborted' } });

    const again42 = lookups.get('42');
    const again7 = lookups.get('7');
    await flush();
    expect(calls.map((c) => c.leadId)).toEqual(['42', '7', '42', '7']);
    calls[2]!.resolve({ ok: true, page: page('42', 2) });
    calls[3]!.resolve({ ok: true, page: page('7', 3) });
    expect(await again42).toMatchObject({ ok: true, summary: { total: 2 } });
    expect(await again7).toMatchObject({ ok: true, summary: { total: 3 } });
  });
});

describe('createLeadLookups: a stale answer, then its refresh', () => {
  // The API answers after LATENCY of fake time, and the cache ages as the clock moves.
  const LATENCY = 200;
  let total: number;
  let outcome: 'ok' | 'fail';
  let search: ReturnType<typeof vi.fn<LeadSearch>>;

  beforeEach(() => {
    total = 1;
    outcome = 'ok';
    search = vi.fn<LeadSearch>(
      (leadId) =>
        new Promise((resolve) =>
          setTimeout(
            () =>
              resolve(outcome === 'ok' ? { ok: true, page: page(leadId, total) } : { ok: false, error: { kind: 'server', status: 503, excerpt: '', message: 'down' } }),
            LATENCY,
          ),
        ),
    );
  });

  /** Lookups whose cache holds lead 42 with `total` 1, fetched at T0 and now past the fresh window. */
  async function staleLookups() {
    const lookups = createLeadLookups({ search });
    const first = lookups.get('42');
    await vi.advanceTimersByTimeAsync(LATENCY);
    expect(await first).toMatchObject({ ok: true, summary: { total: 1 } });
    await vi.advanceTimersByTimeAsync(DEFAULT_FRESH_MS);
    return lookups;
  }

  it('afterRefresh answers from that same refresh, and the refreshed answer is fresh for a whole window again', async () => {
    const lookups = await staleLookups();
    total = 3;
    expect(await lookups.get('42')).toMatchObject({ summary: { total: 1 }, refreshing: true });
    let settled = false;
    const follow = lookups.get('42', { afterRefresh: true }).finally(() => (settled = true));
    await vi.advanceTimersByTimeAsync(LATENCY - 1);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const fresh = await follow;
    expect(fresh).toMatchObject({ ok: true, summary: { total: 3 } });
    expect(fresh).not.toHaveProperty('refreshing');
    await vi.advanceTimersByTimeAsync(DEFAULT_FRESH_MS - 1);
    expect(await lookups.get('42')).not.toHaveProperty('refreshing');
    expect(search).toHaveBeenCalledTimes(2);
  });

  it('afterRefresh after the refresh has landed answers from the cache, without a search', async () => {
    const lookups = await staleLookups();
    total = 4;
    await lookups.get('42');
    await vi.advanceTimersByTimeAsync(LATENCY);
    expect(await lookups.get('42', { afterRefresh: true })).toMatchObject({ ok: true, summary: { total: 4 } });
    expect(search).toHaveBeenCalledTimes(2);
  });

  it('afterRefresh when the refresh fails keeps the older summary and does not search again', async () => {
    const lookups = await staleLookups();
    outcome = 'fail';
    await lookups.get('42');
    const follow = lookups.get('42', { afterRefresh: true });
    await vi.advanceTimersByTimeAsync(LATENCY);
    expect(await follow).toMatchObject({ ok: true, summary: { total: 1 } });
    expect(search).toHaveBeenCalledTimes(2);
  });

  it('afterRefresh with an older answer and no refresh running (worker restarted) serves the cache, no search', async () => {
    const lookups = await staleLookups();
    expect(await lookups.get('42', { afterRefresh: true })).toMatchObject({ ok: true, summary: { total: 1 } });
    expect(search).toHaveBeenCalledTimes(1);
  });

  it('afterRefresh with nothing usable cached is an ordinary, de-duplicated lookup', async () => {
    const lookups = createLeadLookups({ search });
    const a = lookups.get('42', { afterRefresh: true });
    const b = lookups.get('42');
    await vi.advanceTimersByTimeAsync(LATENCY);
    expect(await a).toMatchObject({ ok: true, summary: { total: 1 } });
    expect(await b).toEqual(await a);
    expect(search).toHaveBeenCalledTimes(1);
  });

  it('afterRefresh of a refresh dropped by clear() says aborted (the badge waits for the new connection)', async () => {
    const lookups = await staleLookups();
    await lookups.get('42');
    const follow = lookups.get('42', { afterRefresh: true });
    await vi.advanceTimersByTimeAsync(0);
    await lookups.clear();
    await vi.advanceTimersByTimeAsync(LATENCY);
    expect(await follow).toMatchObject({ ok: false, error: { kind: 'aborted' } });
  });

  it('getMany marks each badge lead past the window refreshing and follows all of them with one search per lead', async () => {
    const lookups = createLeadLookups({ search });
    const first = lookups.getMany(['1', '2']);
    await vi.advanceTimersByTimeAsync(LATENCY);
    await first;
    await vi.advanceTimersByTimeAsync(DEFAULT_FRESH_MS / 2);
    const third = lookups.get('3');
    await vi.advanceTimersByTimeAsync(LATENCY);
    await third;
    await vi.advanceTimersByTimeAsync(DEFAULT_FRESH_MS / 2);
    total = 2;
    const stale = await lookups.getMany(['1', '2', '3']);
    expect(stale['1']).toMatchObject({ refreshing: true, summary: { total: 1 } });
    expect(stale['2']).toMatchObject({ refreshing: true, summary: { total: 1 } });
    expect(stale['3']).not.toHaveProperty('refreshing');
    const follow = lookups.getMany(['1', '2'], { afterRefresh: true });
    await vi.advanceTimersByTimeAsync(LATENCY);
    const fresh = await follow;
    expect(fresh['1']).toMatchObject({ ok: true, summary: { leadId: '1', total: 2 } });
    expect(fresh['2']).toMatchObject({ ok: true, summary: { leadId: '2', total: 2 } });
    expect(search).toHaveBeenCalledTimes(5);
  });
});
