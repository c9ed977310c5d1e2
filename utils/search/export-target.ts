import type { Callback } from '../core/api/model';
import { EMPTY_FORM, formToParams, type SearchForm } from './form-state';
import { sortedAll } from './results';
import type { SearchState } from './search-state';
import { isBlankForm } from './views';

export interface ExportTarget {
  /** The search whose every match is exported, page by page. */
  form: SearchForm;
  /** Or the list itself, when it holds every match: written as shown, with no request. */
  held: (() => readonly Callback[]) | null;
}

const sameFilters = (a: SearchForm, b: SearchForm) => formToParams(a).toString() === formToParams(b).toString();

/**
 * What Export CSV exports: the filters in force (the chips and the Lead ID) when
 * any are set, else the list on screen (a default view). A list that already holds
 * every match of that search (the due view, a list sorted as a whole) is written
 * from memory, in its order; the account's callbacks from today on are a search
 * from today.
 */
export function exportTarget(state: Pick<SearchState, 'shown' | 'form' | 'sort'>, today: string): ExportTarget {
  const { shown, form, sort } = state;
  const results = shown?.results;
  const held = results?.mode === 'all' ? () => sortedAll(results, sort) : null;
  if (!isBlankForm(form)) {
    const same = shown?.view.kind === 'filters' && sameFilters(shown.view.form, form);
    return { form, held: same ? held : null };
  }
  if (held && shown?.view.kind !== 'filters') return { form, held };
  return { form: { ...EMPTY_FORM, start_date: today, limit: form.limit }, held: null };
}
