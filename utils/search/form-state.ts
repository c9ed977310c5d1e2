import type { SearchQueryInput } from '../core/api/query-input';
import { validateQuery, type QueryIssue } from '../core/api/query';
import {
  FIELD_LABELS,
  FILTER_FIELDS,
  RECIPIENT_FILTERS,
  STAGE_FILTERS,
  vocabularyKey,
  type FilterField,
} from '../core/api/vocabulary';

// The search form as the user typed it: every filter as text, keyed by its API
// name, so the same object round-trips through the URL, the session and the
// background without renaming anything.

export type SearchForm = Record<FilterField, string> & { limit: string };
export type FormField = keyof SearchForm;
/** The two date filters: typed in date inputs, which can hold a date the browser cannot read. */
export const DATE_FIELDS = ['start_date', 'end_date'] as const satisfies readonly FilterField[];
export type DateField = (typeof DATE_FIELDS)[number];

export const EMPTY_FORM: Readonly<SearchForm> = Object.freeze({
  ...(Object.fromEntries(FILTER_FIELDS.map((f) => [f, ''])) as Record<FilterField, string>),
  limit: '',
});

/** Filters an agent rarely needs; they sit in "More filters", opened when one is set. */
export const MORE_FILTERS: readonly FilterField[] = ['comments', 'account_id', 'id', 'list_id'];

/** The same bound as the message schema, so a deep link can never produce a refused message. */
const VALUE_MAX = 500;

export function hasMoreFilters(form: SearchForm): boolean {
  return MORE_FILTERS.some((f) => form[f].trim() !== '');
}

const canonical = (values: readonly string[], text: string): string => {
  return values.find((v) => vocabularyKey(v) === vocabularyKey(text)) ?? text;
};

/**
 * A form from a URL query (`?lead_id=123&stage=pending`): unknown keys ignored,
 * vocabulary values given their canonical spelling so the selects show them.
 */
export function formFromParams(params: URLSearchParams): { form: SearchForm; offset: number } {
  const form: SearchForm = { ...EMPTY_FORM };
  for (const field of [...FILTER_FIELDS, 'limit'] as const) {
    const value = params.get(field);
    if (value !== null) form[field] = value.trim().slice(0, VALUE_MAX);
  }
  form.stage = canonical(STAGE_FILTERS, form.stage);
  form.recipient = canonical(RECIPIENT_FILTERS, form.recipient);
  const rawOffset = params.get('offset')?.trim() ?? '';
  const offset = /^\d{1,9}$/.test(rawOffset) ? Number(rawOffset) : 0;
  return { form, offset };
}

/** The URL query for a form: only what is set, so links stay short and readable. */
export function formToParams(form: SearchForm, offset = 0): URLSearchParams {
  const params = new URLSearchParams();
  for (const field of [...FILTER_FIELDS, 'limit'] as const) {
    const value = form[field].trim();
    if (value) params.set(field, value);
  }
  if (offset > 0) params.set('offset', String(offset));
  return params;
}

/**
 * What goes to the background: the filters that are set, the offset, and the
 * page size only when chosen (otherwise the background uses the saved default).
 */
export function formToInput(form: SearchForm, offset: number): SearchQueryInput {
  const input: SearchQueryInput = { offset };
  for (const field of FILTER_FIELDS) {
    const value = form[field].trim();
    if (value) input[field] = value;
  }
  if (form.limit.trim()) input.limit = form.limit.trim();
  return input;
}

export type FormCheck = { ok: true; input: SearchQueryInput } | { ok: false; issues: QueryIssue[] };

/**
 * validateQuery plus what only the browser knows: a date input holding a date
 * it cannot represent (31 February) reports an empty value and `badInput`,
 * which must not silently become "no date filter".
 */
export function checkForm(form: SearchForm, offset: number, badDates: ReadonlySet<DateField> = new Set()): FormCheck {
  const input = formToInput(form, offset);
  const result = validateQuery(input);
  const issues = result.ok ? [] : result.issues.filter((i) => !badDates.has(i.field as DateField));
  for (const field of DATE_FIELDS) {
    if (badDates.has(field)) {
      issues.push({ field, message: `${FIELD_LABELS[field]} must be a real date written YYYY-MM-DD, like 2025-06-03.` });
    }
  }
  if (issues.length > 0) {
    const order: readonly string[] = [...FILTER_FIELDS, 'offset', 'limit'];
    return { ok: false, issues: issues.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field)) };
  }
  return { ok: true, input };
}
