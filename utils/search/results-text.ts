import type { SearchPage } from '../core/api/model';
import { SORT_ALL_MAX } from './fetch-all';
import { emptySentence } from './filter-labels';
import { callbacksText, rangeText, totalText } from './page-text';
import type { Results } from './results';
import { SORT_LABELS, type SortKey } from './sort';
import type { SortScope } from './sort-plan';
import type { View } from './views';

// The sentences around a list, so that what it shows, and what its order
// covers, is never a guess.

/** What an empty list means, for the view it is. */
export function emptyText(view: View): string {
  switch (view.kind) {
    case 'due':
      return 'None of your callbacks need action: nothing is past due or due today.';
    case 'upcoming':
      return 'The account has no callbacks from today on.';
    case 'filters':
      return emptySentence(view.form);
  }
}

/** "2,951 callbacks, showing 1–20.", for the status line read out once a list arrives. */
export function summaryText(page: SearchPage, results: Results, locale?: string): string {
  if (results.mode === 'all' && results.capped) {
    const total = callbacksText(results.capped.total, locale);
    return `${results.capped.atLeast ? `At least ${total}` : total}, showing ${rangeText(page, locale)} of the first ${callbacksText(results.callbacks.length, locale)}.`;
  }
  return `${totalText(page, locale)}, showing ${rangeText(page, locale)}.`;
}

const MAX_TEXT = SORT_ALL_MAX.toLocaleString('en-US');

/** Said plainly when an order does not cover every match; '' when it does (or there is no order). */
export function scopeText(scope: SortScope | null, sort: SortKey, results: Results, locale?: string): string {
  const order = `“${SORT_LABELS[sort]}”`;
  if (scope === 'page' && results.mode === 'page') {
    const { page } = results;
    const how = page.totalAtLeast
      ? 'Convoso did not say how many callbacks match'
      : `${callbacksText(page.total, locale)} match, more than the ${MAX_TEXT} that can be sorted together`;
    return `${order} orders this page only: ${how}. Narrow the dates to sort every match.`;
  }
  if (scope === 'held' && results.mode === 'all' && results.capped) {
    return `${order} orders the first ${callbacksText(results.callbacks.length, locale)} only: more than ${MAX_TEXT} match. Narrow the dates to sort every match.`;
  }
  return '';
}
