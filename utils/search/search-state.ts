import type { Callback, SearchPage } from '../core/api/model';
import type { FilterField } from '../core/api/vocabulary';
import type { ServiceError } from '../core/messaging/replies';
import type { FetchProgress } from './fetch-all';
import { EMPTY_FORM, type FormField, type SearchForm } from './form-state';
import type { Results } from './results';
import type { SortKey } from './sort';
import type { SortScope } from './sort-plan';
import type { View } from './views';

// The popup's and the tab's state as one machine: every change is an action, and
// `reduce` is the only place that decides what the screen holds next. The
// requests themselves are the controller's (components/search/use-search.ts),
// which numbers each one so a stale answer changes nothing.

export type FieldErrors = Partial<Record<FormField, string>>;

/** What the options hold for the search, read once the page opens. */
export interface SearchSettings {
  hasToken: boolean;
  userId: string;
  /** The account's zone, '' for the browser's. */
  timeZone: string;
  pageSize: number;
  /** Saved settings that could not be read and fell back to their default. */
  problems: readonly string[];
}

export type Busy =
  | { id: number; kind: 'search' }
  /** Fetching every match to sort them together: progress, and Cancel. */
  | { id: number; kind: 'sort'; key: SortKey; progress: FetchProgress };

export type Note =
  /** A lead lookup left out filters carried over from the last search. */
  | { kind: 'dropped'; filters: Partial<SearchForm> }
  | { kind: 'cancelled'; what: 'search' | 'sort' };

export interface SearchState {
  /** null while the settings are read; the search waits for them (the user ID, the account's today). */
  settings: SearchSettings | null;
  form: SearchForm;
  /** Filters restored from the last search and not changed since (lead-lookup.ts). */
  carried: readonly FilterField[];
  errors: FieldErrors;
  shown: { view: View; results: Results } | null;
  sort: SortKey;
  /** What the order covers; null for Convoso's own order. */
  scope: SortScope | null;
  busy: Busy | null;
  error: ServiceError | null;
  /** The view whose search failed: what the error's "Open options" fixes depends on it. */
  failedView: View | null;
  note: Note | null;
}

export type Action =
  | { type: 'settings'; settings: SearchSettings }
  | { type: 'settings-failed'; error: ServiceError }
  | { type: 'restored'; form: SearchForm; carried: readonly FilterField[]; view: View; page: SearchPage | null; sort: SortKey }
  | { type: 'edit'; field: FormField; value: string }
  /** The form filled at once (a quick filter, a saved search, the lead alone): set now, nothing carried unless said. */
  | { type: 'fill'; form: SearchForm; carried?: readonly FilterField[] }
  | { type: 'invalid'; errors: FieldErrors }
  | { type: 'search'; id: number; note?: Note | null }
  | { type: 'answer'; id: number; view: View; results: Results; sort: SortKey; scope: SortScope | null }
  | { type: 'fail'; id: number; view: View; error: ServiceError; errors?: FieldErrors }
  | { type: 'no-token' }
  | { type: 'sort'; key: SortKey; scope: SortScope | null; results?: Results }
  | { type: 'sort-start'; id: number; key: SortKey }
  | { type: 'sort-progress'; id: number; progress: FetchProgress }
  | { type: 'sort-done'; id: number; key: SortKey; callbacks: readonly Callback[] }
  | { type: 'cancelled' }
  /** Paging through every match held: no request. */
  | { type: 'go'; offset: number }
  | { type: 'clear' };

export const initialState = (form: SearchForm = EMPTY_FORM): SearchState => ({
  settings: null,
  form,
  carried: [],
  errors: {},
  shown: null,
  sort: 'received',
  scope: null,
  busy: null,
  error: null,
  failedView: null,
  note: null,
});

const withoutKey = <K extends string, T>(record: Partial<Record<K, T>>, key: K): Partial<Record<K, T>> => {
  const { [key]: _, ...rest } = record;
  return rest as Partial<Record<K, T>>;
};

/** An answer to a request that is no longer the one in flight changes nothing. */
const current = (state: SearchState, id: number) => state.busy?.id === id;

function answered(state: SearchState, action: Extract<Action, { type: 'answer' }>): SearchState {
  if (!current(state, action.id)) return state;
  return { ...state, busy: null, error: null, shown: { view: action.view, results: action.results }, sort: action.sort, scope: action.scope };
}

function failed(state: SearchState, action: Extract<Action, { type: 'fail' }>): SearchState {
  if (!current(state, action.id)) return state;
  // A failed sort keeps the list and its order: only the fetch of every match failed.
  if (state.busy?.kind === 'sort') return { ...state, busy: null, error: action.error, failedView: action.view };
  return { ...state, busy: null, error: action.error, failedView: action.view, shown: null, errors: action.errors ?? state.errors };
}

function sortDone(state: SearchState, action: Extract<Action, { type: 'sort-done' }>): SearchState {
  if (!current(state, action.id) || !state.shown) return state;
  const limit = state.shown.results.mode === 'page' ? state.shown.results.page.limit : state.shown.results.limit;
  const results: Results = { mode: 'all', callbacks: action.callbacks, offset: 0, limit };
  return { ...state, busy: null, error: null, shown: { ...state.shown, results }, sort: action.key, scope: 'every' };
}

function go(state: SearchState, offset: number): SearchState {
  const results = state.shown?.results;
  if (!state.shown || results?.mode !== 'all') return state;
  return { ...state, shown: { ...state.shown, results: { ...results, offset } } };
}

export function reduce(state: SearchState, action: Action): SearchState {
  switch (action.type) {
    case 'settings':
      return { ...state, settings: action.settings, error: state.busy ? state.error : null };
    case 'settings-failed':
      return { ...state, error: action.error };
    case 'restored': {
      if (state.busy || state.shown) return state;
      const results: Results | null = action.page ? { mode: 'page', page: action.page } : null;
      const shown = results ? { view: action.view, results } : null;
      return { ...state, form: action.form, carried: action.carried, shown, sort: action.sort, scope: null };
    }
    case 'edit':
      return {
        ...state,
        form: { ...state.form, [action.field]: action.value },
        carried: state.carried.filter((f) => f !== action.field),
        errors: withoutKey(state.errors, action.field),
      };
    case 'fill':
      return { ...state, form: action.form, carried: action.carried ?? [], errors: {} };
    case 'invalid':
      return { ...state, errors: action.errors };
    case 'search':
      return { ...state, busy: { id: action.id, kind: 'search' }, errors: {}, error: null, note: action.note ?? null };
    case 'answer':
      return answered(state, action);
    case 'fail':
      return failed(state, action);
    case 'no-token':
      return { ...state, busy: null, settings: state.settings && { ...state.settings, hasToken: false } };
    case 'sort':
      return {
        ...state,
        // Also the end of a fetch of every match that found more than can be sorted together.
        busy: state.busy?.kind === 'sort' ? null : state.busy,
        sort: action.key,
        scope: action.scope,
        note: null,
        shown: state.shown && action.results ? { ...state.shown, results: action.results } : state.shown,
      };
    case 'sort-start':
      return { ...state, busy: { id: action.id, kind: 'sort', key: action.key, progress: { fetched: 0, expected: null } }, error: null, note: null };
    case 'sort-progress':
      return state.busy?.kind === 'sort' && state.busy.id === action.id ? { ...state, busy: { ...state.busy, progress: action.progress } } : state;
    case 'sort-done':
      return sortDone(state, action);
    case 'cancelled':
      return state.busy ? { ...state, busy: null, note: { kind: 'cancelled', what: state.busy.kind } } : state;
    case 'go':
      return go(state, action.offset);
    case 'clear':
      return { ...initialState(EMPTY_FORM), settings: state.settings };
  }
}
