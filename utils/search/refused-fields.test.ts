import { describe, expect, it } from 'vitest';
import type { ApiError } from '../core/api/errors';
import type { QueryField } from '../core/api/vocabulary';
import { EMPTY_FORM, type SearchForm } from './form-state';
import { refusedFields } from './refused-fields';

const form = (values: Partial<SearchForm>): SearchForm => ({ ...EMPTY_FORM, ...values });
const param = (code: number, field?: QueryField): ApiError & { kind: 'param' } => ({
  kind: 'param',
  code,
  ...(field && { field }),
  apiText: '',
  message: 'Refused.',
});
const invalid = (field: QueryField): ApiError & { kind: 'invalid-query' } => ({ kind: 'invalid-query', field, message: 'Invalid.' });

describe('refusedFields', () => {
  it.each<[ApiError & { kind: 'param' | 'invalid-query' }, Partial<SearchForm>, string[]]>([
    [param(6031, 'start_date'), { start_date: '2025-06-01' }, ['start_date']],
    // 6031 is filed under start_date, but only the end date was sent.
    [param(6031, 'start_date'), { end_date: '2025-06-01' }, ['end_date']],
    [param(6031, 'start_date'), { start_date: '2025-06-01', end_date: '2025-06-02' }, ['start_date', 'end_date']],
    [param(6031, 'start_date'), {}, ['start_date']],
    // Our own validation names the exact field.
    [invalid('end_date'), { start_date: '2025-06-01', end_date: '2025-13-01' }, ['end_date']],
    [param(6006, 'user_id'), { user_id: '5', start_date: '2025-06-01' }, ['user_id']],
    [param(6042, 'list_id'), {}, ['list_id']],
    [param(7258, 'limit'), { limit: '50' }, ['limit']],
    [param(7231, 'offset'), {}, []],
    [param(6999), { lead_id: '1' }, []],
  ])('%o with %o marks %o', (error, values, expected) => {
    expect(refusedFields(error, form(values))).toEqual(expected);
  });
});
