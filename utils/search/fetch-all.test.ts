import { describe, expect, it } from 'vitest';
import { normalizeCallback } from '../core/api/normalize';
import type { SearchQueryInput } from '../core/api/query-input';
import { fetchAll, type FetchPage } from './fetch-all';

/** A Convoso with `totals[stage]` callbacks per stage, answering pages of at most `cap`; records every request. */
function convoso(totals: Record<string, number>, opts: { cap?: number; atLeast?: boolean } = {}) {
  const asked: { query: SearchQueryInput; bulk: boolean }[] = [];
  const fetchPage: FetchPage = async (query, bulk) => {
    asked.push({ query, bulk });
    const total = totals[String(query.stage ?? '')] ?? 0;
    const offset = Number(query.offset);
    const size = Math.min(Number(query.limit), opts.cap ?? Infinity);
    const count = Math.max(0, Math.min(size, total - offset));
    const results = Array.from({ length: count }, (_, i) => normalizeCallback({ id: `${query.stage}-${offset + i}` }));
    const page = opts.atLeast
      ? { offset, limit: size, total: offset + count, results, ...(count === size && { totalAtLeast: true as const }) }
      : { offset, limit: size, total, results };
    return { ok: true, page };
  };
  return { asked, fetchPage };
}

const stages = [{ stage: 'A' }, { stage: 'B' }];

describe('fetchAll', () => {
  it('asks the first page of every search, then the rest as bulk pages, and returns every match', async () => {
    const api = convoso({ A: 2300, B: 40 });
    const progress: unknown[] = [];
    const result = await fetchAll(stages, { fetchPage: api.fetchPage, firstBulk: false, onProgress: (p) => progress.push(p) });
    expect(result).toMatchObject({ ok: true, complete: true });
    if (result.ok && result.complete) expect(result.callbacks).toHaveLength(2340);
    expect(api.asked.map((a) => [a.query.stage, a.query.offset, a.query.limit, a.bulk])).toEqual([
      ['A', 0, 1000, false],
      ['B', 0, 1000, false],
      ['A', 1000, 1000, true],
      ['A', 2000, 1000, true],
    ]);
    expect(progress.at(-1)).toEqual({ fetched: 2340, expected: 2340 });
  });

  it('stops after the first pages when more than the maximum match', async () => {
    const api = convoso({ A: 4000, B: 1500 });
    const result = await fetchAll(stages, { fetchPage: api.fetchPage, firstBulk: true });
    expect(result).toMatchObject({ ok: true, complete: false, total: 5500, totalAtLeast: false });
    expect(api.asked).toHaveLength(2);
  });

  it('goes on through short pages while the total is not reached (a server that caps the page size)', async () => {
    const api = convoso({ A: 1200 }, { cap: 500 });
    const result = await fetchAll([{ stage: 'A' }], { fetchPage: api.fetchPage, firstBulk: true });
    expect(result).toMatchObject({ ok: true, complete: true });
    expect(api.asked.map((a) => a.query.offset)).toEqual([0, 500, 1000]);
  });

  it('without a usable total, pages until a short page, and gives up past the maximum', async () => {
    const small = convoso({ A: 1500 }, { atLeast: true });
    expect(await fetchAll([{ stage: 'A' }], { fetchPage: small.fetchPage, firstBulk: true })).toMatchObject({ ok: true, complete: true });
    expect(small.asked.map((a) => a.query.offset)).toEqual([0, 1000]);
    const large = convoso({ A: 9000 }, { atLeast: true });
    expect(await fetchAll([{ stage: 'A' }], { fetchPage: large.fetchPage, firstBulk: true })).toMatchObject({ ok: true, complete: false, totalAtLeast: true });
    expect(large.asked).toHaveLength(6);
  });

  it('stops at the first error, and when cancelled', async () => {
    const failing: FetchPage = async () => ({ ok: false, error: { kind: 'network', message: 'Offline.' } });
    expect(await fetchAll(stages, { fetchPage: failing, firstBulk: false })).toEqual({ ok: false, error: { kind: 'network', message: 'Offline.' } });
    const api = convoso({ A: 3000 });
    const abort = new AbortController();
    const result = await fetchAll([{ stage: 'A' }], {
      fetchPage: api.fetchPage,
      firstBulk: true,
      signal: abort.signal,
      onProgress: () => abort.abort(),
    });
    expect(result).toEqual({ ok: false, cancelled: true });
    expect(api.asked).toHaveLength(1);
  });
});
