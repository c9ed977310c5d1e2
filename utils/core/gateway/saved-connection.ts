import { searchCallbacks } from '../api/client';
import { isNoMatch } from '../api/errors';
import type { SearchPage } from '../api/model';
import { validateQuery } from '../api/query';
import type { SearchQueryInput } from '../api/query-input';
import * as v from 'valibot';
import { PAST_DUE_SPELLINGS } from '../api/vocabulary';
import type { ServiceError } from '../messaging/replies';
import { defineSetting } from '../storage/setting';
import { prepareTimeZone } from '../time/time-zone';
import { apiHostRefusal } from './api-host';
import { NO_TOKEN } from '../messaging/replies';
import { STORAGE_KEYS } from '../storage/storage-keys';

/** A popup or tab search waits this long at most before answering "rate limited, retry in N s". */
export const INTERACTIVE_MAX_WAIT_MS = 5_000;

/**
 * Which spelling of the past-due stage the account accepted last (the client
 * tries the other once when one is refused by name). Kept by the background
 * only; a content script never sees it.
 */
export const pastDueSpellingSetting = defineSetting(
  STORAGE_KEYS.pastDueSpelling,
  'The past-due stage spelling',
  v.picklist(PAST_DUE_SPELLINGS),
  'PASTDUE',
);

/** `timeZone`: the account's zone from the options ('' for the browser's), for whoever compares the page's times with now. */
export type SavedSearchResult = { ok: true; page: SearchPage; timeZone?: string } | { ok: false; error: ServiceError };

export interface SavedSearchOptions {
  signal?: AbortSignal;
  fetch?: typeof fetch;
  /**
   * The most the search may wait between attempts in all (429 Retry-After, backoff).
   * Default INTERACTIVE_MAX_WAIT_MS: the popup shows a longer wait itself, with Cancel.
   */
  maxWaitMs?: number;
  /** How to wait between attempts (lead lookups wait without holding a concurrency slot). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Already-validated values the options page has not saved yet ("Test connection"). */
  overrides?: { token?: string; baseUrl?: string; method?: RequestMethod };
  /** Where the saved settings come from (convoso.ts: read now, or a copy kept in memory for lookups). */
  settings: () => Promise<SavedSettings>;
}

export type RequestMethod = 'GET' | 'POST';

/** What a request needs of the saved connection; the connection feature reads it (utils/connection). */
export interface ApiConnection {
  token: string;
  baseUrl: string;
  method: RequestMethod;
  pageSize: number;
  timeoutMs: number;
}

/** The connection and the account's zone, as the connection feature stores them. */
export interface AccountSettings {
  connection: ApiConnection;
  /** The account's zone from the options ('' for the browser's). */
  timeZone: string;
}

export interface SavedSettings extends AccountSettings {
  pastDueSpelling: Awaited<ReturnType<typeof pastDueSpellingSetting.get>>['value'];
}

/** Every setting a search uses: the account's, and the past-due spelling the background learned. */
export async function readSavedSettings(readAccount: () => Promise<AccountSettings>): Promise<SavedSettings> {
  const [account, spelling] = await Promise.all([readAccount(), pastDueSpellingSetting.get()]);
  return { ...account, pastDueSpelling: spelling.value };
}

/**
 * One API search on the saved connection, for every background caller. Without
 * a token nothing is sent; a query without a limit gets the saved page size.
 * Convoso answers "record not found" (6001) or "Missing callbacks" (6000) where
 * it means "nothing matched", so that answer is an empty page here and nowhere else.
 */
export async function searchWithSavedConnection(query: SearchQueryInput, options: SavedSearchOptions): Promise<SavedSearchResult> {
  const { connection: saved, timeZone, pastDueSpelling } = await options.settings();
  const token = options.overrides?.token ?? saved.token;
  if (!token) return { ok: false, error: NO_TOKEN };
  const input = { limit: saved.pageSize, ...query };
  const baseUrl = options.overrides?.baseUrl ?? saved.baseUrl;
  const refusal = await apiHostRefusal(baseUrl);
  if (refusal) return { ok: false, error: refusal };
  const searching = searchCallbacks(input, {
    token,
    baseUrl,
    method: options.overrides?.method ?? saved.method,
    timeoutMs: saved.timeoutMs,
    signal: options.signal,
    fetch: options.fetch,
    maxWaitMs: options.maxWaitMs ?? INTERACTIVE_MAX_WAIT_MS,
    ...(options.sleep && { sleep: options.sleep }),
    timeZone: timeZone || undefined,
    pastDueSpelling,
    onPastDueSpelling: (accepted) => void pastDueSpellingSetting.set(accepted, { replace: true }).catch(() => undefined),
  });
  // The account zone's formatter, built while the request is on the network (a fresh
  // worker's first one costs ~12 ms), not after the answer is in. Once per worker.
  if (timeZone) setTimeout(() => prepareTimeZone(timeZone), 0);
  const result = await searching;
  if (result.ok) return { ok: true, page: result.page, ...(timeZone && { timeZone }) };
  if (isNoMatch(result.error)) {
    // A 6000/6001 comes only after the query passed validation, so `sent` is what was asked for.
    const sent = validateQuery(input);
    const { offset, limit } = sent.ok ? sent.query : { offset: 0, limit: saved.pageSize };
    return { ok: true, page: { offset, limit, total: 0, results: [] }, ...(timeZone && { timeZone }) };
  }
  return { ok: false, error: result.error };
}
