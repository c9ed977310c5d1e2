import type { Callback, SearchPage } from '../core/api/model';
import { sortCallbacks, type SortKey } from './sort';

// What the list holds: one page as Convoso answered it, or every match of the
// search (the due view; a search sorted as a whole), paged here without asking again.

export type Results =
  | { mode: 'page'; page: SearchPage }
  | {
      mode: 'all';
      /** In the order received; sorted for display. */
      callbacks: readonly Callback[];
      offset: number;
      limit: number;
      /** More matched than can be held: `callbacks` are the first pages only. */
      capped?: { total: number; atLeast: boolean };
    };

/** One page of `all`, sorted as a whole; positions count from the sorted list's start. */
export function slicePage(sorted: readonly Callback[], offset: number, limit: number): SearchPage {
  const size = Math.max(1, limit);
  const start = Math.min(offset, Math.max(0, Math.floor((sorted.length - 1) / size) * size));
  return { offset: start, limit: size, total: sorted.length, results: sorted.slice(start, start + size) };
}

/** Every match of an `all` result in the chosen order (a copy; ties keep the order received). */
export function sortedAll(results: Extract<Results, { mode: 'all' }>, sort: SortKey): Callback[] {
  return sortCallbacks(results.callbacks, sort);
}

/** The page on screen: a page as answered (sorted on itself), or a slice of every match sorted as a whole. */
export function pageOnScreen(results: Results, sortedEvery: readonly Callback[] | null, sort: SortKey): SearchPage {
  if (results.mode === 'page') return { ...results.page, results: sortCallbacks(results.page.results, sort) };
  return slicePage(sortedEvery ?? results.callbacks, results.offset, results.limit);
}

/** A page that already holds every match: sorting it sorts them all, with no request. */
export function pageHoldsAll(page: SearchPage): boolean {
  return page.offset === 0 && !page.totalAtLeast && page.results.length >= page.total;
}
