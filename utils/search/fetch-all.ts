import type { Callback, SearchPage } from '../core/api/model';
import type { SearchQueryInput } from '../core/api/query-input';
import type { ServiceError } from '../core/messaging/replies';

// Every callback matching one or more searches, in large pages, for a list sorted
// as a whole: "latest first" over every match, not the page on screen. Up to
// SORT_ALL_MAX matches; above that the caller says the sort covers the page.

/** The most matches fetched to sort them together: at most five large pages. */
export const SORT_ALL_MAX = 5000;
/** Large pages: few requests, yet each answer stays a few megabytes. */
export const BULK_PAGE_SIZE = 1000;

export type PageReply = { ok: true; page: SearchPage } | { ok: false; error: ServiceError };
/** `bulk`: a page fetched only to complete the set (the `search` message's purpose 'sort'). */
export type FetchPage = (query: SearchQueryInput, bulk: boolean) => Promise<PageReply>;

export interface FetchProgress {
  fetched: number;
  /** Every match, once the first pages told; null while unknown ("at least"). */
  expected: number | null;
}

export type AllResult =
  | { ok: true; complete: true; callbacks: Callback[] }
  /** More than `max` match: the first pages only, and what is known of the total. */
  | { ok: true; complete: false; first: Callback[]; total: number; totalAtLeast: boolean }
  | { ok: false; cancelled: true }
  | { ok: false; cancelled?: undefined; error: ServiceError };

export interface FetchAllOptions {
  fetchPage: FetchPage;
  /** The first page of each search is a person's wait (the default view); later pages are bulk. */
  firstBulk: boolean;
  signal?: AbortSignal;
  onProgress?(progress: FetchProgress): void;
  max?: number;
  pageSize?: number;
}

interface Stream {
  query: SearchQueryInput;
  callbacks: Callback[];
  total: number;
  atLeast: boolean;
  /** An empty page, or a short one without a total: nothing follows. */
  ended: boolean;
}

// With a total, pages continue until it is reached (a server that caps the page
// size answers short pages that are not the last); without one, until a short page.
const hasMore = (s: Stream) => !s.ended && (s.atLeast || s.callbacks.length < s.total);

/**
 * One request at a time (gentle on the account): the first page of every search,
 * then, if the totals stay within `max`, the rest. Stops at the first error, and
 * when cancelled (checked around every request).
 */
export async function fetchAll(queries: readonly SearchQueryInput[], opts: FetchAllOptions): Promise<AllResult> {
  const max = opts.max ?? SORT_ALL_MAX;
  const pageSize = opts.pageSize ?? BULK_PAGE_SIZE;
  const streams: Stream[] = queries.map((query) => ({ query, callbacks: [], total: 0, atLeast: false, ended: false }));
  const fetched = () => streams.reduce((n, s) => n + s.callbacks.length, 0);
  const progress = () => {
    const unknown = streams.some((s) => s.atLeast);
    opts.onProgress?.({ fetched: fetched(), expected: unknown ? null : streams.reduce((n, s) => n + s.total, 0) });
  };

  async function next(stream: Stream, bulk: boolean): Promise<AllResult | null> {
    if (opts.signal?.aborted) return { ok: false, cancelled: true };
    const reply = await opts.fetchPage({ ...stream.query, offset: stream.callbacks.length, limit: pageSize }, bulk);
    if (opts.signal?.aborted) return { ok: false, cancelled: true };
    if (!reply.ok) return { ok: false, error: reply.error };
    stream.callbacks.push(...reply.page.results);
    stream.total = reply.page.total;
    stream.atLeast = reply.page.totalAtLeast === true;
    stream.ended = reply.page.results.length === 0 || (stream.atLeast && reply.page.results.length < pageSize);
    progress();
    return null;
  }

  const overMax = (): AllResult | null => {
    const total = streams.reduce((n, s) => n + Math.max(s.total, s.callbacks.length), 0);
    if (total <= max) return null;
    return { ok: true, complete: false, first: streams.flatMap((s) => s.callbacks), total, totalAtLeast: streams.some((s) => s.atLeast) };
  };

  for (const stream of streams) {
    const stop = await next(stream, opts.firstBulk);
    if (stop) return stop;
  }
  for (const stream of streams) {
    while (hasMore(stream)) {
      const tooMany = overMax();
      if (tooMany) return tooMany;
      const stop = await next(stream, true);
      if (stop) return stop;
    }
  }
  return overMax() ?? { ok: true, complete: true, callbacks: streams.flatMap((s) => s.callbacks) };
}
