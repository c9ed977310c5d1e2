import type { ApiError } from '../core/api/errors';
import { FILTER_FIELDS } from '../core/api/vocabulary';
import { DATE_FIELDS, type FormField, type SearchForm } from './form-state';

const ON_FORM: ReadonlySet<string> = new Set([...FILTER_FIELDS, 'limit']);

/** Convoso's "Invalid date format": it does not say which of the two dates. */
const DATE_FORMAT_CODE = 6031;

type Refusal = Extract<ApiError, { kind: 'param' | 'invalid-query' }>;

/**
 * The form fields to mark when a parameter is refused. For 6031 the client
 * files the error under start_date, so the date fields actually sent are
 * marked instead (never an empty one). Fields the form does not show
 * (offset) mark nothing.
 */
export function refusedFields(error: Refusal, form: SearchForm): FormField[] {
  const { field } = error;
  if (!field || !ON_FORM.has(field)) return [];
  if (error.kind === 'param' && error.code === DATE_FORMAT_CODE) {
    const sent = DATE_FIELDS.filter((f) => form[f].trim() !== '');
    if (sent.length > 0) return sent;
  }
  return [field as FormField];
}
