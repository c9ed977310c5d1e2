// The API's filter vocabularies, kept in one place (docs/API.md: the spec spells
// the past-due stage PASTDUE, public SDKs PAST_DUE; we send the spec's spelling).

/**
 * How a vocabulary word is compared: case, spaces, '_' and '-' ignored, so
 * PAST_DUE, past-due and "Past due" all read as PASTDUE. '' for anything but text or a number.
 */
export function vocabularyKey(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value).toLowerCase().replace(/[\s_-]+/g, '') : '';
}

export const STAGE_FILTERS = ['PENDING', 'DISMISSED', 'COMPLETED', 'MISSED', 'PASTDUE'] as const;
export type StageFilter = (typeof STAGE_FILTERS)[number];

/**
 * The two spellings of the past-due stage in requests. PASTDUE (the spec's) is
 * sent first; an account that refuses it by naming the stage is asked once with
 * the other, and the background remembers which one the account took.
 */
export const PAST_DUE_SPELLINGS = ['PASTDUE', 'PAST_DUE'] as const;
export type PastDueSpelling = (typeof PAST_DUE_SPELLINGS)[number];

export function otherPastDueSpelling(spelling: PastDueSpelling): PastDueSpelling {
  return spelling === 'PASTDUE' ? 'PAST_DUE' : 'PASTDUE';
}

export const RECIPIENT_FILTERS = ['System', 'Personal'] as const;
export type RecipientFilter = (typeof RECIPIENT_FILTERS)[number];

export const PAGE_SIZES = [20, 50, 100, 500] as const;

export const LIMIT_MAX = 5000;
export const OFFSET_MAX = 50000;
export const DEFAULT_LIMIT = 20;

/** The thirteen filters of the spec, in the spec's order (auth_token aside). */
export const FILTER_FIELDS = [
  'start_date',
  'end_date',
  'campaign_id',
  'comments',
  'account_id',
  'id',
  'lead_id',
  'list_id',
  'recipient',
  'user_id',
  'stage',
] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];

/** Every field a query may carry; `offset` and `limit` are always sent. */
export type QueryField = FilterField | 'offset' | 'limit';

export const INTEGER_FIELDS = ['campaign_id', 'account_id', 'id', 'lead_id', 'list_id', 'user_id'] as const;

/** Human labels, shared by error messages and the forms. */
export const FIELD_LABELS: Record<QueryField, string> = {
  start_date: 'Start date',
  end_date: 'End date',
  campaign_id: 'Campaign ID',
  comments: 'Comments',
  account_id: 'Account ID',
  id: 'Callback ID',
  lead_id: 'Lead ID',
  list_id: 'List ID',
  recipient: 'Recipient',
  user_id: 'User ID',
  stage: 'Stage',
  offset: 'Offset',
  limit: 'Results per page',
};
