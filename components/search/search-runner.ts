import { DEFAULT_LIMIT } from '../../utils/core/api/vocabulary';
import type { ServiceError } from '../../utils/core/messaging/replies';
import { send } from '../../utils/core/messaging/send';
import type { FetchPage } from '../../utils/search/fetch-all';
import { EMPTY_FORM, type SearchForm } from '../../utils/search/form-state';
import { fetchEveryMatch, loadView } from '../../utils/search/load-view';
import { refusedFields } from '../../utils/search/refused-fields';
import { pageHoldsAll, pageOnScreen, sortedAll, type Results } from '../../utils/search/results';
import type { cancelSearch, search } from '../../utils/search/search-messages';
import type { Action, Note, SearchSettings, SearchState } from '../../utils/search/search-state';
import { writePopupState } from '../../utils/search/session-state';
import type { SortKey } from '../../utils/search/sort';
import { sortPlan, type SortScope } from '../../utils/search/sort-plan';
import { initialSort, runnableView, viewLimit, viewOf, viewToParams, type View } from '../../utils/search/views';

// The requests behind the state machine (utils/search/search-state.ts): each run
// is numbered, and an answer that is not the latest run's changes nothing. No
// retries here: the background's gate waits out Convoso's "slow down" for every
// part of the extension, and the page shows that wait with Cancel.

export interface RunnerDeps {
  dispatch(action: Action): void;
  /** The state as of the last action (not the last render). */
  get(): SearchState;
  /** The settings once read; null when they could not be. */
  settings(): Promise<SearchSettings | null>;
  /** The account's today (YYYY-MM-DD) under those settings. */
  today(settings: SearchSettings | null): string;
  /** The tab keeps its address in step with what it shows. */
  onSearched?(params: URLSearchParams): void;
}

/** A view, or a form whose view (the default one for a blank form) is known once the settings are. */
export type Target = View | { kind: 'form'; form: SearchForm };

const fetchPage: FetchPage = (query, bulk) => send<typeof search>({ type: 'search', query, ...(bulk && { purpose: 'sort' as const }) });

/** Every match a page already holds becomes the set held here, so paging needs no request. */
function holdAll(results: Results, scope: SortScope | null): Results {
  if (results.mode === 'page' && scope === 'every' && pageHoldsAll(results.page)) {
    return { mode: 'all', callbacks: results.page.results, offset: 0, limit: results.page.limit || results.page.results.length };
  }
  return results;
}

/** The list as it stands, for the next time the popup opens, and the tab's address. */
function persist(deps: RunnerDeps, offset?: number) {
  const { shown, sort, form } = deps.get();
  if (!shown) return;
  const { view, results } = shown;
  const page = pageOnScreen(results, results.mode === 'all' ? sortedAll(results, sort) : null, sort);
  const saved = view.kind === 'filters' ? view.form : { ...EMPTY_FORM, limit: form.limit };
  void writePopupState({ view: view.kind, form: saved, offset: offset ?? page.offset, sort, page });
  deps.onSearched?.(viewToParams(view, offset ?? page.offset, form));
}

/** A failed request: marked at the fields Convoso refused; a failed search (not a sort) is remembered without a page. */
function failed(deps: RunnerDeps, id: number, view: View, offset: number, error: ServiceError) {
  if (error.kind === 'aborted') return;
  if (error.kind === 'no-token') return deps.dispatch({ type: 'no-token' });
  const refused = (error.kind === 'param' || error.kind === 'invalid-query') && view.kind === 'filters' ? refusedFields(error, view.form) : [];
  const errors = refused.length > 0 ? Object.fromEntries(refused.map((f) => [f, error.message])) : undefined;
  const sorting = deps.get().busy?.kind === 'sort';
  deps.dispatch({ type: 'fail', id, view, error, errors });
  if (!sorting) {
    const form = view.kind === 'filters' ? view.form : { ...EMPTY_FORM, limit: deps.get().form.limit };
    void writePopupState({ view: view.kind, form, offset, sort: 'received', page: null });
  }
}

export function createRunner(deps: RunnerDeps) {
  let seq = 0;
  let controller: AbortController | null = null;
  /** What Retry repeats. */
  let last: (() => void) | null = null;

  function begin() {
    controller?.abort();
    controller = new AbortController();
    return { id: ++seq, signal: controller.signal };
  }

  async function contextOf() {
    const settings = await deps.settings();
    return { settings, context: { userId: settings?.userId ?? '', today: deps.today(settings) } };
  }

  async function run(target: Target, offset: number, opts: { sort?: SortKey; note?: Note | null } = {}) {
    last = () => void run(target, offset, opts);
    const { id, signal } = begin();
    deps.dispatch({ type: 'search', id, note: opts.note });
    const { settings, context } = await contextOf();
    const form = deps.get().form;
    const view = target.kind === 'form' ? viewOf(target.form, context.userId) : runnableView(target, context.userId);
    const limit = viewLimit(view, form, settings?.pageSize ?? DEFAULT_LIMIT);
    const loaded = await loadView(view, offset, { context, limit, chosenLimit: form.limit.trim() || undefined, fetchPage, signal });
    if (id !== seq || (!loaded.ok && loaded.cancelled)) return;
    if (!loaded.ok) return failed(deps, id, view, offset, loaded.error);
    const wanted = opts.sort ?? initialSort(view);
    const plan = sortPlan(loaded.results, wanted);
    if (plan.kind === 'local') {
      deps.dispatch({ type: 'answer', id, view, results: holdAll(loaded.results, plan.scope), sort: wanted, scope: plan.scope });
      persist(deps, offset);
      return;
    }
    // An order over every match (restored, or kept while paging) needs them all first.
    deps.dispatch({ type: 'answer', id, view, results: loaded.results, sort: 'received', scope: null });
    persist(deps, offset);
    void sortBy(wanted);
  }

  async function sortBy(key: SortKey) {
    const { shown, busy } = deps.get();
    if (!shown || busy?.kind === 'search') return;
    const plan = sortPlan(shown.results, key);
    if (plan.kind === 'local') {
      deps.dispatch({ type: 'sort', key, scope: plan.scope, results: holdAll(shown.results, plan.scope) });
      return persist(deps);
    }
    last = () => void sortBy(key);
    const { id, signal } = begin();
    deps.dispatch({ type: 'sort-start', id, key });
    const { context } = await contextOf();
    const onProgress = (progress: { fetched: number; expected: number | null }) => {
      if (id === seq) deps.dispatch({ type: 'sort-progress', id, progress });
    };
    const all = await fetchEveryMatch(shown.view, { context, fetchPage, signal, onProgress });
    if (id !== seq || (!all.ok && all.cancelled)) return;
    if (!all.ok) return failed(deps, id, shown.view, 0, all.error);
    // More matched meanwhile than can be sorted together: the order covers the page.
    if (!all.complete) deps.dispatch({ type: 'sort', key, scope: 'page' });
    else deps.dispatch({ type: 'sort-done', id, key, callbacks: all.callbacks });
    persist(deps);
  }

  function goTo(offset: number) {
    const { shown, sort, scope } = deps.get();
    if (!shown) return;
    if (shown.results.mode === 'all') {
      deps.dispatch({ type: 'go', offset });
      return persist(deps);
    }
    void run(shown.view, offset, { sort: scope === 'page' ? sort : undefined });
  }

  /** Cancel: the request in flight is dropped here and in the background's gate; the list stays as it was. */
  function cancel() {
    controller?.abort();
    seq++;
    deps.dispatch({ type: 'cancelled' });
    void send<typeof cancelSearch>({ type: 'cancel-search' });
  }

  /** Stops whatever is in flight without a word (Clear, the page closing). */
  function stop() {
    controller?.abort();
    seq++;
  }

  return {
    run,
    sortBy,
    goTo,
    cancel,
    stop,
    /** Repeats the last request; false when there was none. */
    retry: () => (last ? (last(), true) : false),
    started: () => seq > 0,
  };
}

export type Runner = ReturnType<typeof createRunner>;
