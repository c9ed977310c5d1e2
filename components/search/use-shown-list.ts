import { useEffect, useMemo, useRef } from 'preact/hooks';
import { pageOnScreen, sortedAll } from '../../utils/search/results';
import type { SearchState } from '../../utils/search/search-state';
import type { SortKey } from '../../utils/search/sort';
import type { PagerPlace } from './Pager';
import type { ShownList } from './Results';

/**
 * The page on screen, in the chosen order. Typing re-renders the page at every
 * keystroke: the list is sorted (up to 5,000 callbacks) only when the results or
 * the order change.
 */
export function useShownList(shown: SearchState['shown'], sort: SortKey): ShownList | null {
  const results = shown?.results;
  const sortedEvery = useMemo(() => (results?.mode === 'all' ? sortedAll(results, sort) : null), [results, sort]);
  const page = useMemo(() => (results ? pageOnScreen(results, sortedEvery, sort) : null), [results, sortedEvery, sort]);
  return useMemo(() => (shown && page ? { view: shown.view, results: shown.results, page } : null), [shown, page]);
}

/**
 * After Previous or Next the list starts at its top; pressed at the bottom, focus
 * moves to the same button of the top pager, so the keyboard goes on from there.
 */
export function usePagingFocus(list: ShownList | null, busy: boolean) {
  const pending = useRef<{ from: PagerPlace; which: 'previous' | 'next' } | null>(null);
  const page = list?.page ?? null;
  useEffect(() => {
    const asked = pending.current;
    if (!asked || busy) return;
    pending.current = null;
    if (!page) return;
    document.querySelector('.results-head')?.scrollIntoView?.({ block: 'start' });
    if (asked.from === 'bottom') document.querySelector<HTMLElement>(`.pager--top [data-pager="${asked.which}"]`)?.focus({ preventScroll: true });
  }, [page, busy]);
  return (from: PagerPlace, which: 'previous' | 'next') => {
    pending.current = { from, which };
  };
}
