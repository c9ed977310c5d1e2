import type { SearchPage } from '../../core/api/model';
import type { SearchQueryInput } from '../../core/api/query-input';
import { OFFSET_MAX } from '../../core/api/vocabulary';
import type { ServiceError } from '../../core/messaging/replies';
import { csvHeader, csvRows } from './csv';

/** Large pages: few requests, yet a page's JSON stays a few megabytes. */
export const EXPORT_PAGE_SIZE = 1000;

export type PageReply = { ok: true; page: SearchPage } | { ok: false; error: ServiceError };

export interface ExportProgress {
  rows: number;
  /** What the export will reach (the total, capped at the offset limit); null while unknown or "at least". */
  expected: number | null;
}

export type ExportResult =
  | { ok: true; rows: number; /** The result is larger than the API lets anyone page through. */ capped: boolean; total: number }
  | { ok: false; cancelled: true }
  | { ok: false; cancelled?: undefined; error: ServiceError };

export interface ExportOptions {
  /** The search's filters; offset and limit are the export's. */
  query: SearchQueryInput;
  fetchPage(query: SearchQueryInput): Promise<PageReply>;
  /**
   * Receives the file in order: the BOM and header, then each page's rows. The
   * caller keeps chunks (Blobs), never callbacks, so memory holds the result once.
   */
  write(chunk: string): void;
  signal?: AbortSignal;
  onProgress?(progress: ExportProgress): void;
  pageSize?: number;
}

/**
 * Every callback matching a search, page after page, as CSV. Stops at the API's
 * offset limit (and says so), at a short page when the total is unknown, on the
 * first error, or when cancelled (checked before and after each page).
 */
export async function exportPages(opts: ExportOptions): Promise<ExportResult> {
  const pageSize = opts.pageSize ?? EXPORT_PAGE_SIZE;
  const { offset: _o, limit: _l, ...filters } = opts.query;
  opts.write(csvHeader());
  let offset = 0;
  let rows = 0;
  for (;;) {
    if (opts.signal?.aborted) return { ok: false, cancelled: true };
    const reply = await opts.fetchPage({ ...filters, offset, limit: pageSize });
    if (opts.signal?.aborted) return { ok: false, cancelled: true };
    if (!reply.ok) return { ok: false, error: reply.error };
    const { page } = reply;
    opts.write(csvRows(page.results));
    rows += page.results.length;
    const reachable = OFFSET_MAX + pageSize;
    const expected = page.totalAtLeast ? null : Math.min(page.total, reachable);
    opts.onProgress?.({ rows, expected });
    const more =
      page.results.length > 0 &&
      (page.totalAtLeast ? page.results.length >= pageSize : offset + page.results.length < page.total);
    if (!more) return { ok: true, rows, capped: false, total: page.totalAtLeast ? rows : page.total };
    const next = offset + pageSize;
    if (next > OFFSET_MAX) return { ok: true, rows, capped: true, total: page.total };
    offset = next;
  }
}
