import { useEffect, useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Zones } from '../../utils/core/time/time-zone';
import { localDate } from '../../utils/core/time/wall-clock';
import { formToParams, type SearchForm } from '../../utils/search/form-state';
import { optionsFieldFor } from '../../utils/search/options-link';
import { exportTarget } from '../../utils/search/export-target';
import type { SearchState } from '../../utils/search/search-state';
import { isBlankForm, viewTitle, viewToParams, type View } from '../../utils/search/views';
import { AppHeader } from './AppHeader';
import { PauseNotice, SortProgress } from './BusyNotices';
import { CallbackList } from './CallbackList';
import { CallbackTable } from './CallbackTable';
import { fieldId } from './field-id';
import { NoteLine } from './NoteLine';
import { openOptions } from './open-options';
import { Pager } from './Pager';
import { LiveStatus, ResultsBody, SortControl, type ShownList } from './Results';
import { SearchBar } from './SearchBar';
import { ErrorNotice, NoTokenNotice, SettingsProblems } from './StateViews';
import { useRetryFocus } from './use-retry-focus';
import { useSearch, type SearchController } from './use-search';
import { usePagingFocus, useShownList } from './use-shown-list';
import { useTrafficPause } from './use-traffic-pause';

export type Layout = 'popup' | 'tab';

export interface SearchAppProps {
  layout: Layout;
  /** A deep link (`search.html?lead_id=1`, `?view=due`): searched at once instead of the last search. */
  initial?: { view: View | null; form: SearchForm; offset: number } | null;
  now?: () => Date;
  locale?: string;
  /** The browser's zone, for tests; read from Intl otherwise. */
  browserTimeZone?: string;
  /** The tab keeps its address in step with what it shows, so a reload or a bookmark repeats it. */
  onSearched?: (params: URLSearchParams) => void;
  /** Opened by the popup's Export CSV: export the initial search at once. */
  autoExport?: boolean;
}

const sameForm = (a: SearchForm, b: SearchForm) => (Object.keys(a) as (keyof SearchForm)[]).every((k) => a[k].trim() === b[k].trim());

/** "In 2 h" and "overdue" stay true while the popup stays open. */
function useNow(clock: () => Date): Date {
  const [now, setNow] = useState(clock);
  useEffect(() => {
    const timer = setInterval(() => setNow(clock()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** The same search as a full page: the view shown, or the filters typed (at the page on screen when unchanged). */
function openInTab(state: SearchState, shown: ShownList | null) {
  const { form } = state;
  const params =
    shown && shown.view.kind !== 'filters' && isBlankForm(form)
      ? viewToParams(shown.view, shown.page.offset, form)
      : formToParams(form, shown?.view.kind === 'filters' && sameForm(shown.view.form, form) ? shown.page.offset : 0);
  const query = params.toString();
  void browser.tabs.create({ url: browser.runtime.getURL(`/search.html${query ? `?${query}` : ''}`) });
}

/** With nothing listed (Clear, or a last search that failed): what Search would show. */
const idleHint = (userId: string) =>
  `Type a lead ID, or press Search for ${userId ? 'your callbacks that need action' : 'the account’s callbacks from today on'}.`;

function ResultsArea(props: {
  c: SearchController;
  shown: ShownList | null;
  settings: SearchState['settings'];
  layout: Layout;
  locale: string;
  zones: Zones;
  now: Date;
  onDateRange(): void;
}) {
  const { c, shown, locale } = props;
  const { state } = c;
  const busy = state.busy !== null;
  const markPaging = usePagingFocus(shown, busy);
  const go = (offset: number, from: 'top' | 'bottom', which: 'previous' | 'next') => {
    markPaging(from, which);
    c.goTo(offset);
  };
  const callbacks = shown?.page.results;
  const list = useMemo(() => {
    if (!callbacks) return null;
    const view = { callbacks, now: props.now, locale, zones: props.zones };
    return props.layout === 'tab' ? <CallbackTable {...view} sort={state.sort} onSort={(key) => void c.sortBy(key)} /> : <CallbackList {...view} />;
  }, [props.layout, callbacks, props.now, locale, state.sort, props.zones]);
  const title = shown ? viewTitle(shown.view) : '';
  return (
    <>
      {title && <h2 class="view-title">{title}</h2>}
      <div class="results-head">
        <LiveStatus busy={state.busy?.kind === 'search'} shown={shown} locale={locale} />
        {shown && shown.page.results.length > 0 && (
          <div class="results-controls">
            <SortControl sort={state.busy?.kind === 'sort' ? state.busy.key : state.sort} onSort={(key) => void c.sortBy(key)} />
            <Pager page={shown.page} place="top" locale={locale} onGo={go} />
          </div>
        )}
      </div>
      {!shown && !busy && !state.error && props.settings && <p class="idle-hint muted">{idleHint(props.settings.userId)}</p>}
      {shown && (
        <ResultsBody shown={shown} sort={state.sort} scope={state.scope} busy={busy} locale={locale} onGo={go} onLeadAlone={c.leadAlone} onDateRange={props.onDateRange}>
          {list}
        </ResultsBody>
      )}
    </>
  );
}

export function SearchApp(props: SearchAppProps) {
  const clock = props.now ?? (() => new Date());
  const locale = props.locale ?? (typeof navigator !== 'undefined' && navigator.language ? navigator.language : 'en-US');
  const c = useSearch({ initial: props.initial, now: clock, browserTimeZone: props.browserTimeZone, onSearched: props.onSearched });
  const { state } = c;
  const settings = state.settings;
  const pausedUntil = useTrafficPause();
  const now = useNow(clock);
  const zones = useMemo<Zones>(() => ({ account: settings?.timeZone ?? '', browser: props.browserTimeZone }), [settings?.timeZone, props.browserTimeZone]);
  const shown = useShownList(state.shown, state.sort);
  const [filtersWanted, setFiltersWanted] = useState(0);
  const markRetry = useRetryFocus(state);

  // The popup opens to answer "what does this lead have?": the Lead ID is ready for typing (or pasting) and Enter.
  useEffect(() => {
    if (props.layout === 'popup') document.getElementById(fieldId('lead_id'))?.focus();
  }, []);
  // A lead restored from the last search is selected, so the next one typed replaces it.
  const carriedLead = state.carried.includes('lead_id');
  useEffect(() => {
    const input = document.getElementById(fieldId('lead_id'));
    if (carriedLead && input instanceof HTMLInputElement && document.activeElement === input) input.select();
  }, [carriedLead]);

  const exporting = exportTarget(state, localDate(clock(), zones));
  const header = (
    <AppHeader
      layout={props.layout}
      form={state.form}
      exportForm={exporting.form}
      held={exporting.held}
      locale={locale}
      autoExport={props.autoExport}
      onRunSaved={c.runForm}
      onOpenInTab={props.layout === 'popup' ? () => openInTab(state, shown) : undefined}
    />
  );
  if (settings?.hasToken === false) {
    return (
      <main class={`search-app search-app--${props.layout}`}>
        {header}
        <SettingsProblems problems={settings.problems} onOpenOptions={() => openOptions()} />
        <NoTokenNotice onOpenOptions={() => openOptions('token')} />
      </main>
    );
  }
  const busy = state.busy;
  return (
    <main class={`search-app search-app--${props.layout}`}>
      {header}
      <SettingsProblems problems={settings?.problems ?? []} onOpenOptions={() => openOptions()} />
      <SearchBar
        layout={props.layout}
        form={state.form}
        errors={state.errors}
        defaultPageSize={settings?.pageSize ?? 20}
        busy={busy?.kind === 'search'}
        userId={settings?.userId ?? ''}
        filtersWanted={filtersWanted}
        onChange={c.edit}
        onSubmit={c.submit}
        onClear={c.clear}
        onPreset={(preset) => void c.preset(preset)}
        onRemove={c.removeFilter}
      />
      {pausedUntil !== null && <PauseNotice until={pausedUntil} locale={locale} waiting={busy !== null} onCancel={c.cancel} />}
      {busy?.kind === 'sort' && <SortProgress sort={busy.key} progress={busy.progress} locale={locale} onCancel={c.cancel} />}
      <NoteLine note={state.note} sort={state.sort} onAddBack={c.addBack} />
      {state.error && (
        <ErrorNotice
          error={state.error}
          fixIn={optionsFieldFor(state.error, state.failedView)}
          onRetry={() => {
            markRetry();
            void c.retry();
          }}
          onOpenOptions={openOptions}
        />
      )}
      <ResultsArea
        c={c}
        shown={shown}
        settings={settings}
        layout={props.layout}
        locale={locale}
        zones={zones}
        now={now}
        onDateRange={() => setFiltersWanted((n) => n + 1)}
      />
    </main>
  );
}
