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
import type { Priority } from './gate-rules';
import type { TrafficGate } from './traffic-gate';

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
  /** Cancels the search, waiting or sent. */
  signal?: AbortSignal;
  /** Removes the search while it waits for its turn in the traffic gate; once sent it runs to its end. */
  waitSignal?: AbortSignal;
  /**
   * Its place in the traffic gate's queue (default 'interactive'). Read each
   * time the gate picks its next request: a getter moves a waiting search up.
   */
  readonly priority?: Priority;
  /** The longest the search may wait for its turn, Convoso's pauses included; default by priority (gate-rules.ts). */
  maxWaitMs?: number;
  fetch?: typeof fetch;
  /** Already-validated values the options page has not saved yet ("Test connection"). */
  overrides?: { token?: string; baseUrl?: string; method?: RequestMethod };
}

/** Where a search gets its settings (read now, or a copy kept in memory for lookups) and the one gate it passes. */
export interface SearchPath {
  settings: () => Promise<SavedSettings>;
  gate: TrafficGate;
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
export async function searchWithSavedConnection(query: SearchQueryInput, options: SavedSearchOptions, path: SearchPath): Promise<SavedSearchResult> {
  const { connection: saved, timeZone, pastDueSpelling } = await path.settings();
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
    // The options object itself is the gate's request: its priority is read at each pick.
    send: (host, attempt) => path.gate.run(host, options, attempt),
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
