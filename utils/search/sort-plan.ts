import { SORT_ALL_MAX } from './fetch-all';
import { pageHoldsAll, type Results } from './results';
import type { SortKey } from './sort';

// What choosing an order means for the list on screen: the API has no sort, so
// "latest first" over every match needs every match. Up to SORT_ALL_MAX they are
// fetched (in large pages, as bulk traffic) and sorted together; above that the
// order covers the page, and the list says so.

/** What an order covers: every match; the page on screen; the first pages held of a larger result. */
export type SortScope = 'every' | 'page' | 'held';

export type SortPlan = { kind: 'local'; scope: SortScope | null } | { kind: 'fetch' };

export function sortPlan(results: Results, key: SortKey): SortPlan {
  if (results.mode === 'all') return { kind: 'local', scope: key === 'received' ? null : results.capped ? 'held' : 'every' };
  // Convoso's own order needs nothing fetched.
  if (key === 'received') return { kind: 'local', scope: null };
  const { page } = results;
  if (pageHoldsAll(page)) return { kind: 'local', scope: 'every' };
  if (!page.totalAtLeast && page.total <= SORT_ALL_MAX) return { kind: 'fetch' };
  return { kind: 'local', scope: 'page' };
}
