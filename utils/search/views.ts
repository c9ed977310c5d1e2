import { dueQueries } from '../core/api/due-queries';
import type { SearchQueryInput } from '../core/api/query-input';
import { FILTER_FIELDS } from '../core/api/vocabulary';
import { EMPTY_FORM, formFromParams, formToInput, formToParams, type SearchForm } from './form-state';

// What the list shows. A blank search never lists the account's oldest callbacks
// (Convoso's own order): with the agent's user ID saved, it shows their callbacks
// that need action, exactly what the toolbar count counts (core/api/due-queries.ts);
// without one, the account's callbacks from today on.

export type View =
  /** The agent's Pending and Past due callbacks dated today or earlier: two searches, every match, earliest first. */
  | { kind: 'due' }
  /** The account's callbacks from today on. */
  | { kind: 'upcoming' }
  | { kind: 'filters'; form: SearchForm };

export type ViewKind = View['kind'];

/** What a view's searches depend on besides the form: the saved user ID and the account's today (YYYY-MM-DD). */
export interface ViewContext {
  userId: string;
  today: string;
}

export const isBlankForm = (form: SearchForm): boolean => FILTER_FIELDS.every((f) => form[f].trim() === '');

export function defaultView(userId: string): View {
  return userId ? { kind: 'due' } : { kind: 'upcoming' };
}

/** The view a search of `form` shows: the default view for a blank form. */
export function viewOf(form: SearchForm, userId: string): View {
  return isBlankForm(form) ? defaultView(userId) : { kind: 'filters', form };
}

/** The due view needs a user ID; saved, it may have been removed since. */
export function runnableView(view: View, userId: string): View {
  return view.kind === 'due' && !userId ? defaultView(userId) : view;
}

/** The searches that make up a view, without offset and limit. */
export function viewQueries(view: View, context: ViewContext): SearchQueryInput[] {
  switch (view.kind) {
    case 'due':
      return dueQueries(context.userId, context.today).map((d) => d.query);
    case 'upcoming':
      return [{ start_date: context.today }];
    case 'filters': {
      const { offset: _o, limit: _l, ...filters } = formToInput(view.form, 0);
      return [filters];
    }
  }
}

/** The due view holds every match in memory, sorted; the others page through Convoso. */
export const holdsEveryMatch = (view: View): boolean => view.kind === 'due';

/** The order a view opens in. */
export const initialSort = (view: View) => (view.kind === 'due' ? ('time-asc' as const) : ('received' as const));

/** Which view the list shows, in words; '' for a search by the filters typed (the chips say those). */
export function viewTitle(view: View): string {
  switch (view.kind) {
    case 'due':
      return 'Your callbacks that need action: past due and due today';
    case 'upcoming':
      return 'The account’s callbacks from today on';
    case 'filters':
      return '';
  }
}

/** The page size a view's searches use: the form's choice, else the saved default. */
export function viewLimit(view: View, form: SearchForm, defaultPageSize: number): number {
  const chosen = (view.kind === 'filters' ? view.form : form).limit.trim();
  return /^\d{1,4}$/.test(chosen) && Number(chosen) > 0 ? Number(chosen) : defaultPageSize;
}

/** The tab's address for a view: `?view=due`, or the filters (`?lead_id=1`). */
export function viewToParams(view: View, offset: number, form: SearchForm = EMPTY_FORM): URLSearchParams {
  if (view.kind === 'filters') return formToParams(view.form, offset);
  const params = formToParams({ ...EMPTY_FORM, limit: form.limit }, offset);
  params.set('view', view.kind);
  return params;
}

/** A deep link's view and offset; null for an address without a query. */
export function viewFromParams(params: URLSearchParams): { view: View | null; form: SearchForm; offset: number } | null {
  if ([...params.keys()].length === 0) return null;
  const { form, offset } = formFromParams(params);
  const named = params.get('view');
  if (named === 'due' || named === 'upcoming') return { view: { kind: named }, form: { ...EMPTY_FORM, limit: form.limit }, offset };
  // A link with no filters at all asks for the default view, which needs the saved user ID.
  return { view: isBlankForm(form) ? null : { kind: 'filters', form }, form, offset };
}
