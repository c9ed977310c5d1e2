import type { ServiceError } from '../core/messaging/replies';
import { fetchAll, type AllResult, type FetchPage, type FetchProgress } from './fetch-all';
import { formToInput } from './form-state';
import type { Results } from './results';
import { holdsEveryMatch, viewQueries, type View, type ViewContext } from './views';

// A view's searches, as the page asks the background for them: one page of a
// search by filters, or every match of the due view's two searches.

export interface LoadOptions {
  context: ViewContext;
  /** The page size on screen; sent only when the agent chose one (else the saved default applies). */
  limit: number;
  chosenLimit?: string;
  fetchPage: FetchPage;
  signal?: AbortSignal;
  onProgress?(progress: FetchProgress): void;
}

export type Loaded = { ok: true; results: Results } | { ok: false; cancelled: true } | { ok: false; cancelled?: undefined; error: ServiceError };

const failure = (all: Extract<AllResult, { ok: false }>): Loaded => (all.cancelled ? { ok: false, cancelled: true } : { ok: false, error: all.error });

export async function loadView(view: View, offset: number, opts: LoadOptions): Promise<Loaded> {
  if (holdsEveryMatch(view)) {
    const all = await fetchAll(viewQueries(view, opts.context), { fetchPage: opts.fetchPage, firstBulk: false, signal: opts.signal, onProgress: opts.onProgress });
    if (!all.ok) return failure(all);
    const callbacks = all.complete ? all.callbacks : all.first;
    const capped = all.complete ? undefined : { total: all.total, atLeast: all.totalAtLeast };
    return { ok: true, results: { mode: 'all', callbacks, offset, limit: opts.limit, ...(capped && { capped }) } };
  }
  const query = view.kind === 'filters' ? formToInput(view.form, offset) : { ...viewQueries(view, opts.context)[0], offset };
  if (opts.chosenLimit && query.limit === undefined) query.limit = opts.chosenLimit;
  const reply = await opts.fetchPage(query, false);
  if (opts.signal?.aborted) return { ok: false, cancelled: true };
  return reply.ok ? { ok: true, results: { mode: 'page', page: reply.page } } : { ok: false, error: reply.error };
}

/** Every match of a view paged through Convoso, to sort them together: all bulk pages. */
export function fetchEveryMatch(view: View, opts: Omit<LoadOptions, 'limit' | 'chosenLimit'>): Promise<AllResult> {
  return fetchAll(viewQueries(view, opts.context), { fetchPage: opts.fetchPage, firstBulk: true, signal: opts.signal, onProgress: opts.onProgress });
}
