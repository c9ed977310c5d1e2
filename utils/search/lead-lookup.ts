import { FILTER_FIELDS, type FilterField } from '../core/api/vocabulary';
import { EMPTY_FORM, type SearchForm } from './form-state';
import { filtersUsed } from './filter-labels';

// "What does this lead have?" is the popup's first question. A popup reopens on
// the last search; a Lead ID typed into it must find that lead, not be narrowed
// by filters left from before that the agent did not just set.

/** The filters a restored search brings: carried until the agent changes them. */
export const filledFilters = (form: SearchForm): FilterField[] => FILTER_FIELDS.filter((f) => form[f].trim() !== '');

export interface Submitted {
  form: SearchForm;
  /** Filters carried over from the last search that this lead lookup left out. */
  dropped: Partial<SearchForm>;
}

/**
 * The form a search sends: with a Lead ID typed now, filters carried over from
 * the last search (and not touched since) are left out, visibly.
 */
export function formToSubmit(form: SearchForm, carried: readonly FilterField[]): Submitted {
  if (!form.lead_id.trim() || carried.includes('lead_id')) return { form, dropped: {} };
  const dropping = carried.filter((f) => f !== 'lead_id' && form[f].trim() !== '');
  if (dropping.length === 0) return { form, dropped: {} };
  const dropped = Object.fromEntries(dropping.map((f) => [f, form[f]])) as Partial<SearchForm>;
  const blanks = Object.fromEntries(dropping.map((f) => [f, ''])) as Partial<SearchForm>;
  return { form: { ...form, ...blanks }, dropped };
}

/** "User ID 70003, Stage Past due": the left-out filters, as the chips read. */
export function droppedText(dropped: Partial<SearchForm>): string {
  return filtersUsed({ ...EMPTY_FORM, ...dropped }).join(', ');
}

/** The lead alone, keeping the page size: one click from an empty combined search. */
export function leadAlone(form: SearchForm): SearchForm {
  return { ...EMPTY_FORM, lead_id: form.lead_id.trim(), limit: form.limit };
}

/** A search for a lead and more that matched nothing: the lead alone may well match. */
export function offersLeadAlone(form: SearchForm, total: number): boolean {
  return total === 0 && form.lead_id.trim() !== '' && filledFilters(form).length > 1;
}
