import { AGENTS, CAMPAIGNS, LISTS } from './catalog';
import type { CallbackRecord, Dataset, StageKey, StoredCallback } from './data';
import { isValidIsoDate } from './time-format';

// The behaviour of GET/POST /v1/callbacks/search, as a pure function of the
// data set and the request parameters. Business errors are values, as Convoso
// sends them with HTTP 200.

export interface ConvosoError {
  success: false;
  code: number;
  text: string;
}

export interface SearchSuccess {
  success: true;
  data: { offset: string; limit: string; total: string; results: CallbackRecord[] };
}

export type SearchResponse = SearchSuccess | ConvosoError;

export const AUTH_ERROR: ConvosoError = { success: false, code: 403, text: 'Invalid authentication token' };

export const ERRORS = {
  date: { success: false, code: 6031, text: 'Invalid date format' },
  campaign: { success: false, code: 6026, text: 'Invalid Campaign ID' },
  list: { success: false, code: 6042, text: 'Invalid List ID' },
  user: { success: false, code: 6006, text: 'Invalid User ID' },
  offset: { success: false, code: 7231, text: 'Invalid offset' },
  limit: { success: false, code: 7258, text: 'Invalid limit' },
} as const satisfies Record<string, ConvosoError>;

const DIGITS = /^\d+$/;
const CAMPAIGN_IDS = new Set(CAMPAIGNS.map((c) => c.id));
const LIST_IDS = new Set(LISTS.map((l) => l.id));
const USER_IDS = new Set(AGENTS.map((a) => a.id));

/** `0042` and `42` are the same id to a database. */
const canonicalId = (v: string): string => v.replace(/^0+(?=\d)/, '');

function knownId(value: string, known: ReadonlySet<string>): boolean {
  return DIGITS.test(value) && known.has(canonicalId(value));
}

function boundedInt(value: string | undefined, fallback: number, min: number, max: number): number | null {
  if (value === undefined || value === '') return fallback;
  if (!DIGITS.test(value.trim())) return null;
  const n = Number(value.trim());
  return n >= min && n <= max ? n : null;
}

const STAGE_FILTER_KEYS: Readonly<Record<string, StageKey>> = {
  PENDING: 'PENDING',
  DISMISSED: 'DISMISSED',
  COMPLETED: 'COMPLETED',
  MISSED: 'MISSED',
  PASTDUE: 'PASTDUE',
};

type Predicate = (c: StoredCallback) => boolean;

/** Empty or absent parameters filter nothing, like the spec's example that sends every name. */
export function searchCallbacks(ds: Dataset, params: Readonly<Record<string, string>>): SearchResponse {
  const p = (name: string): string => (params[name] ?? '').trim();

  const start = p('start_date');
  const end = p('end_date');
  if ((start && !isValidIsoDate(start)) || (end && !isValidIsoDate(end))) return ERRORS.date;
  if (p('campaign_id') && !knownId(p('campaign_id'), CAMPAIGN_IDS)) return ERRORS.campaign;
  if (p('list_id') && !knownId(p('list_id'), LIST_IDS)) return ERRORS.list;
  if (p('user_id') && !knownId(p('user_id'), USER_IDS)) return ERRORS.user;
  const offset = boundedInt(params.offset, 0, 0, 50000);
  if (offset === null) return ERRORS.offset;
  const limit = boundedInt(params.limit, 20, 1, 5000);
  if (limit === null) return ERRORS.limit;

  const tests: Predicate[] = [];
  if (start) tests.push((c) => c.date >= start);
  if (end) tests.push((c) => c.date <= end);
  const exact = (param: string, get: (c: StoredCallback) => string): void => {
    const v = p(param);
    if (v) {
      const want = canonicalId(v);
      tests.push((c) => get(c) === want);
    }
  };
  exact('campaign_id', (c) => c.record.campaign_id);
  exact('list_id', (c) => c.record.list_id);
  exact('user_id', (c) => c.record.user);
  exact('account_id', (c) => c.accountId);
  exact('id', (c) => c.record.id);
  exact('lead_id', (c) => c.record.lead_id);

  const comments = p('comments').toLowerCase();
  if (comments) tests.push((c) => c.record.comments.toLowerCase().includes(comments));

  const recipient = p('recipient').toLowerCase();
  // An unknown recipient or stage matches nothing rather than everything.
  if (recipient) tests.push((c) => c.recipientKey === recipient);

  const stage = p('stage').toUpperCase().replace(/[\s_-]/g, '');
  if (stage) {
    const key = STAGE_FILTER_KEYS[stage];
    tests.push((c) => c.stageKey === key);
  }

  const matching = tests.length === 0 ? ds.callbacks : ds.callbacks.filter((c) => tests.every((t) => t(c)));
  return {
    success: true,
    data: {
      offset: String(offset),
      limit: String(limit),
      total: String(matching.length),
      results: matching.slice(offset, offset + limit).map((c) => ({ ...c.record })),
    },
  };
}
