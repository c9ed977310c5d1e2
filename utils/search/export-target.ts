import type { Callback } from '../core/api/model';
import { EMPTY_FORM, type SearchForm } from './form-state';
import { sortedAll } from './results';
import type { SearchState } from './search-state';
import { viewOf } from './views';

export interface ExportTarget {
  /** The search whose every match is exported, page by page. */
  form: SearchForm;
  /** Or the list itself, when it holds every match: written as shown, with no request. */
  held: (() => readonly Callback[]) | null;
}

/**
 * What Export CSV exports: the list on screen, never more. A list holding every
 * match (the due view, a list sorted as a whole) is written from memory; a search
 * by filters is paged through; the account's callbacks from today on are a search
 * from today. With nothing shown, the filters typed (a blank form: from today on).
 */
export function exportTarget(state: Pick<SearchState, 'shown' | 'form' | 'sort'>, today: string): ExportTarget {
  const { shown, form, sort } = state;
  const results = shown?.results;
  if (results?.mode === 'all') return { form, held: () => sortedAll(results, sort) };
  const view = shown?.view ?? viewOf(form, '');
  if (view.kind === 'filters') return { form: view.form, held: null };
  return { form: { ...EMPTY_FORM, start_date: today, limit: form.limit }, held: null };
}
