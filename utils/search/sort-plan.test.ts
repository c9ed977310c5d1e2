import { describe, expect, it } from 'vitest';
import { normalizeCallback } from '../core/api/normalize';
import type { SearchPage } from '../core/api/model';
import type { Results } from './results';
import { sortPlan } from './sort-plan';

const rows = (n: number) => Array.from({ length: n }, (_, i) => normalizeCallback({ id: String(i) }));
const page = (over: Partial<SearchPage>): Results => ({ mode: 'page', page: { offset: 0, limit: 20, total: 20, results: rows(20), ...over } });
const all = (capped?: boolean): Results => ({ mode: 'all', callbacks: rows(30), offset: 0, limit: 20, ...(capped && { capped: { total: 9000, atLeast: false } }) });

describe('sortPlan', () => {
  it.each<[string, Results, string, unknown]>([
    ['a page holding every match', page({ total: 20 }), 'time-desc', { kind: 'local', scope: 'every' }],
    ['2,951 matches over pages', page({ total: 2951 }), 'time-desc', { kind: 'fetch' }],
    ['exactly the maximum', page({ total: 5000 }), 'agent', { kind: 'fetch' }],
    ['more than the maximum', page({ total: 12250 }), 'time-desc', { kind: 'local', scope: 'page' }],
    ['no usable total', page({ total: 40, totalAtLeast: true }), 'stage', { kind: 'local', scope: 'page' }],
    ['a later page of a small result', page({ offset: 20, total: 30, results: rows(10) }), 'time-asc', { kind: 'fetch' }],
    ['Convoso’s own order', page({ total: 2951 }), 'received', { kind: 'local', scope: null }],
    ['every match already held', all(), 'time-desc', { kind: 'local', scope: 'every' }],
    ['the first pages of a larger result', all(true), 'time-desc', { kind: 'local', scope: 'held' }],
  ])('%s, sorted by %s', (_, results, key, plan) => {
    expect(sortPlan(results, key as never)).toEqual(plan);
  });
});
