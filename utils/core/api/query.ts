import * as v from 'valibot';
import { isCalendarDate } from './calendar';
import type { ApiError } from './errors';
import type { SearchQueryInput } from './query-input';
import {
  DEFAULT_LIMIT,
  FIELD_LABELS,
  FILTER_FIELDS,
  LIMIT_MAX,
  OFFSET_MAX,
  RECIPIENT_FILTERS,
  STAGE_FILTERS,
  type FilterField,
  type QueryField,
  type RecipientFilter,
  type PastDueSpelling,
  type StageFilter,
  vocabularyKey,
} from './vocabulary';

/** A validated query: every filter exactly as it will be sent, absent when empty. */
export interface SearchQuery {
  start_date?: string;
  end_date?: string;
  campaign_id?: string;
  comments?: string;
  account_id?: string;
  id?: string;
  lead_id?: string;
  list_id?: string;
  recipient?: RecipientFilter;
  user_id?: string;
  stage?: StageFilter;
  offset: number;
  limit: number;
}

export interface QueryIssue {
  field: QueryField;
  message: string;
}

export type ValidateResult =
  | { ok: true; query: SearchQuery }
  | { ok: false; issues: QueryIssue[]; error: ApiError & { kind: 'invalid-query' } };

const COMMENTS_MAX = 500;
/** Longer than any id Convoso issues, short enough to stay exact as a number server-side. */
const ID_DIGITS_MAX = 18;

const blankToUndefined = (value: string | undefined): string | undefined => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
};

/** Text that is trimmed and dropped when empty, then checked by `rest` when present. */
function optionalText<T>(field: QueryField, rest: v.GenericSchema<string, T>) {
  return v.pipe(
    v.optional(v.string(`${FIELD_LABELS[field]} must be text.`)),
    v.transform(blankToUndefined),
    v.optional(rest),
  );
}

const dateField = (field: 'start_date' | 'end_date') =>
  optionalText(
    field,
    v.pipe(v.string(), v.check(isCalendarDate, `${FIELD_LABELS[field]} must be a real date written YYYY-MM-DD, like 2025-06-03.`)),
  );

const idField = (field: FilterField) => {
  const message = `${FIELD_LABELS[field]} must be a whole number, like 12345.`;
  return optionalText(
    field,
    v.pipe(
      v.string(),
      v.regex(/^\d+$/, message),
      v.transform((digits) => digits.replace(/^0+/, '')),
      v.minLength(1, `${FIELD_LABELS[field]} must be greater than 0.`),
      v.maxLength(ID_DIGITS_MAX, `${FIELD_LABELS[field]} is too long: at most ${ID_DIGITS_MAX} digits.`),
    ),
  );
};

/** Case-insensitive pick from a vocabulary; spaces, '_' and '-' ignored (PAST_DUE = PASTDUE). */
function vocabularyField<T extends string>(field: QueryField, values: readonly T[]) {
  const byKey = new Map(values.map((value) => [vocabularyKey(value), value]));
  return optionalText(
    field,
    v.pipe(
      v.string(),
      v.check((s) => byKey.has(vocabularyKey(s)), `${FIELD_LABELS[field]} must be one of: ${values.join(', ')}.`),
      v.transform((s) => byKey.get(vocabularyKey(s)) as T),
    ),
  );
}

/** offset/limit: a number, or digits a form produced; blank means the default. */
function countField(field: 'offset' | 'limit', min: number, max: number, fallback: number) {
  const message = `${FIELD_LABELS[field]} must be a whole number from ${min} to ${max}.`;
  // The default '' (a blank form field) keeps the key required in the output type.
  return v.optional(
    v.pipe(
      v.unknown(),
      v.transform((value): number => {
        if (value === undefined || value === null) return fallback;
        if (typeof value === 'number') return value;
        if (typeof value !== 'string') return Number.NaN;
        const trimmed = value.trim();
        if (trimmed === '') return fallback;
        return /^\d{1,9}$/.test(trimmed) ? Number(trimmed) : Number.NaN;
      }),
      v.check((n) => Number.isInteger(n) && n >= min && n <= max, message),
    ),
    '',
  );
}

const QuerySchema = v.object({
  start_date: dateField('start_date'),
  end_date: dateField('end_date'),
  campaign_id: idField('campaign_id'),
  comments: optionalText(
    'comments',
    v.pipe(v.string(), v.maxLength(COMMENTS_MAX, `${FIELD_LABELS.comments} can be at most ${COMMENTS_MAX} characters.`)),
  ),
  account_id: idField('account_id'),
  id: idField('id'),
  lead_id: idField('lead_id'),
  list_id: idField('list_id'),
  recipient: vocabularyField('recipient', RECIPIENT_FILTERS),
  user_id: idField('user_id'),
  stage: vocabularyField('stage', STAGE_FILTERS),
  offset: countField('offset', 0, OFFSET_MAX, 0),
  limit: countField('limit', 1, LIMIT_MAX, DEFAULT_LIMIT),
});

/**
 * Checked on its own: valibot skips an object's cross-field checks while any
 * field has an issue, and the form should show this one beside the others.
 */
const DateRangeSchema = v.pipe(
  v.object({ start_date: dateField('start_date'), end_date: dateField('end_date') }),
  v.forward(
    v.partialCheck(
      [['start_date'], ['end_date']],
      // YYYY-MM-DD compares correctly as text.
      ({ start_date, end_date }) => !start_date || !end_date || end_date >= start_date,
      `${FIELD_LABELS.end_date} can't be before the start date.`,
    ),
    ['end_date'],
  ),
);

const QUERY_FIELDS: readonly QueryField[] = [...FILTER_FIELDS, 'offset', 'limit'];

function fieldOf(issue: v.BaseIssue<unknown>): QueryField | undefined {
  const key = issue.path?.[0]?.key;
  return typeof key === 'string' && (QUERY_FIELDS as readonly string[]).includes(key) ? (key as QueryField) : undefined;
}

/**
 * Validates and cleans what a form typed. Every problem is reported (one per
 * field, in form order) so the form can mark each input; `error` is the first.
 */
export function validateQuery(input: SearchQueryInput): ValidateResult {
  const result = v.safeParse(QuerySchema, input ?? {}, { abortPipeEarly: true });
  const range = v.safeParse(DateRangeSchema, { start_date: input?.start_date, end_date: input?.end_date }, { abortPipeEarly: true });
  if (result.success && range.success) {
    const filters: Partial<Record<FilterField, string>> = {};
    for (const field of FILTER_FIELDS) {
      const value = result.output[field];
      if (value !== undefined) filters[field] = value;
    }
    return { ok: true, query: { ...(filters as Omit<SearchQuery, 'offset' | 'limit'>), offset: result.output.offset, limit: result.output.limit } };
  }
  const byField = new Map<QueryField, string>();
  for (const issue of [...(result.issues ?? []), ...(range.issues ?? [])]) {
    const field = fieldOf(issue);
    if (field && !byField.has(field)) byField.set(field, issue.message);
  }
  if (byField.size === 0) byField.set('comments', 'The search could not be read. Clear the form and try again.');
  const issues = QUERY_FIELDS.filter((f) => byField.has(f)).map((field) => ({ field, message: byField.get(field)! }));
  const first = issues[0]!;
  return { ok: false, issues, error: { kind: 'invalid-query', field: first.field, message: first.message } };
}

/**
 * Request parameters in a fixed order: auth_token, the filters present, offset, limit.
 * `pastDue`: how this account spells the past-due stage (the seed's PASTDUE by default).
 */
export function buildSearchParams(query: SearchQuery, token: string, pastDue: PastDueSpelling = 'PASTDUE'): URLSearchParams {
  const params = new URLSearchParams();
  params.set('auth_token', token);
  for (const field of FILTER_FIELDS) {
    const value = field === 'stage' && query.stage === 'PASTDUE' ? pastDue : query[field];
    if (value !== undefined && value !== '') params.set(field, value);
  }
  params.set('offset', String(Math.trunc(query.offset)));
  params.set('limit', String(Math.trunc(query.limit)));
  return params;
}
