import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { SearchPage } from '../../utils/core/api/model';
import type { Zones } from '../../utils/core/time/time-zone';
import { DEFAULT_LIMIT } from '../../utils/core/api/vocabulary';
import type { AnswerOf } from '../../utils/core/messaging/define-message';
import type { ServiceError } from '../../utils/core/messaging/replies';
import type { settingsStatus } from '../../utils/connection/connection-messages';
import type { search } from '../../utils/search/search-messages';
import { send } from '../../utils/core/messaging/send';
import { emptySentence } from '../../utils/search/filter-labels';
import {
  DATE_FIELDS,
  EMPTY_FORM,
  checkForm,
  formToInput,
  formToParams,
  type DateField,
  type FormField,
  type SearchForm,
} from '../../utils/search/form-state';
import { nextOffset, pageIndicator, previousOffset, rangeText, totalText } from '../../utils/search/page-text';
import { applyPreset, type Preset } from '../../utils/search/presets';
import { refusedFields } from '../../utils/search/refused-fields';
import { clearPopupState, readPopupState, writePopupState } from '../../utils/search/session-state';
import { SORT_KEYS, SORT_LABELS, sortCallbacks, type SortKey } from '../../utils/search/sort';
import { CallbackList } from './CallbackList';
import { CallbackTable } from './CallbackTable';
import { ExportButton } from './ExportButton';
import { SavedSearches } from './SavedSearches';
import { SearchFormView, fieldId, type FieldErrors } from './SearchForm';
import { ErrorNotice, NoTokenNotice, SettingsProblems } from './StateViews';
import { RateLimitNotice } from './RateLimitNotice';
import { nextAutoWait } from '../../utils/search/rate-limit';

export type Layout = 'popup' | 'tab';

export interface SearchAppProps {
  layout: Layout;
  /** A deep link's query (`search.html?lead_id=1`): searched at once instead of restoring the session. */
  initial?: { form: SearchForm; offset: number } | null;
  now?: () => Date;
  locale?: string;
  /** The browser's zone, for tests; read from Intl otherwise. */
  browserTimeZone?: string;
  /** The tab keeps its address in step with the search, so a reload or a bookmark repeats it. */
  onSearched?: (params: URLSearchParams) => void;
  /** Opened by the popup's Export CSV: export the initial search at once. */
  autoExport?: boolean;
}

interface Shown {
  /** The form that produced `page`: paging keeps these filters, whatever was typed since. */
  form: SearchForm;
  page: SearchPage;
}

const sameForm = (a: SearchForm, b: SearchForm) => (Object.keys(a) as FormField[]).every((k) => a[k].trim() === b[k].trim());

export function SearchApp(props: SearchAppProps) {
  const clock = props.now ?? (() => new Date());
  const locale = props.locale ?? (typeof navigator !== 'undefined' && navigator.language ? navigator.language : 'en-US');

  const [hasToken, setHasToken] = useState<boolean | null>(null);
  const [settingsProblems, setSettingsProblems] = useState<readonly string[]>([]);
  const [defaultPageSize, setDefaultPageSize] = useState(DEFAULT_LIMIT);
  /** The agent's own user ID from the options, for the "Mine" quick filter. */
  const [userId, setUserId] = useState('');
  /** The account's time zone from the options ('' for the browser's): "now" and "today" are read there. */
  const [timeZone, setTimeZone] = useState('');
  const zones = useMemo<Zones>(() => ({ account: timeZone, browser: props.browserTimeZone }), [timeZone, props.browserTimeZone]);
  /**
   * The user ID and zone once the settings were read. A quick filter pressed before
   * (the popup was just opened, the machine is busy) waits for them: "Today" on the
   * browser's calendar instead of the account's would be the wrong day.
   */
  const savedForPresets = useRef<{ userId: string; timeZone: string } | null>(null);
  const presetWaiters = useRef<Array<() => void>>([]);
  const [form, setForm] = useState<SearchForm>(() => props.initial?.form ?? { ...EMPTY_FORM });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [shown, setShown] = useState<Shown | null>(null);
  const [error, setError] = useState<ServiceError | null>(null);
  const [loading, setLoading] = useState(false);
  const [sort, setSort] = useState<SortKey>('received');
  const [now, setNow] = useState(clock);
  const [focusField, setFocusField] = useState<FormField | null>(null);
  const lastRequest = useRef<{ form: SearchForm; offset: number } | null>(null);
  /** Counts answers to Retry: the notice holding that button may vanish under the keyboard. */
  const [retryAnswers, setRetryAnswers] = useState(0);
  const seq = useRef(0);
  /** A 429's wait before the next automatic attempt (the error it came with shows if the user cancels). */
  const [rateWait, setRateWait] = useState<{ until: number; error: ServiceError } | null>(null);
  const waitTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  /** Automatic waits spent on the current search. */
  const waitedMs = useRef(0);
  useEffect(() => () => clearTimeout(waitTimer.current), []);
  // Read by run(), which the mount effect captured before the settings arrived.

  useEffect(() => {
    const timer = setInterval(() => setNow(clock()), 30_000);
    return () => clearInterval(timer);
  }, []);

  // The popup opens to answer "what does this lead have?": the Lead ID is ready
  // for typing (or pasting) and Enter, with no click first.
  useEffect(() => {
    if (props.layout === 'popup') document.getElementById(fieldId('lead_id'))?.focus();
  }, []);

  // A keyboard user pressed Retry and the notice holding it is gone (or lost
  // its Retry): land on what replaced it rather than at the top of the document.
  // A retried settings read leaves no results: the form (or the token notice) is next.
  useEffect(() => {
    if (retryAnswers === 0) return;
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;
    const target =
      document.querySelector<HTMLElement>('.search-app .error-notice, .search-app .results') ??
      document.getElementById(fieldId('lead_id')) ??
      document.querySelector<HTMLElement>('.search-app .notice button');
    target?.focus();
  }, [retryAnswers]);

  useEffect(() => {
    if (!focusField) return;
    document.getElementById(fieldId(focusField))?.focus();
    setFocusField(null);
  }, [focusField]);

  function stopWaiting() {
    clearTimeout(waitTimer.current);
    waitTimer.current = undefined;
    setRateWait(null);
  }

  /** Cancel: no automatic attempt; the error stays, with its Retry button. */
  function cancelWait() {
    const waiting = rateWait;
    stopWaiting();
    seq.current++;
    if (waiting) setError(waiting.error);
  }

  async function run(searchForm: SearchForm, offset: number, fromRetry = false, automatic = false) {
    const mine = ++seq.current;
    stopWaiting();
    if (!automatic) waitedMs.current = 0;
    lastRequest.current = { form: searchForm, offset };
    setLoading(true);
    const input = formToInput(searchForm, offset);
    const reply = await send<typeof search>({ type: 'search', query: input });
    // A newer search (or Clear) happened meanwhile: this answer is stale.
    if (mine !== seq.current) return;
    setLoading(false);
    // Rendered together with the answer below, so the effect sees the new page.
    if (fromRetry) setRetryAnswers((n) => n + 1);
    if (reply.ok) {
      setError(null);
      setShown({ form: searchForm, page: reply.page });
      void writePopupState({ form: searchForm, offset, page: reply.page });
      props.onSearched?.(formToParams(searchForm, offset));
      return;
    }
    const e = reply.error;
    if (e.kind === 'aborted') return;
    const wait = e.kind === 'rate-limited' ? nextAutoWait(e.retryAfterMs, waitedMs.current) : null;
    if (wait !== null) {
      // The background gave up waiting at once rather than spin: wait here, visibly, cancellably.
      waitedMs.current += wait;
      setError(null);
      setRateWait({ until: Date.now() + wait, error: e });
      waitTimer.current = setTimeout(() => {
        if (mine === seq.current) void run(searchForm, offset, false, true);
      }, wait);
      return;
    }
    if (e.kind === 'no-token') {
      setHasToken(false);
      return;
    }
    setError(e);
    setShown(null);
    void writePopupState({ form: searchForm, offset, page: null });
    if (e.kind === 'param' || e.kind === 'invalid-query') {
      setErrors(Object.fromEntries(refusedFields(e, searchForm).map((f) => [f, e.message])));
    }
  }

  // The saved search, read once: shown at once, refreshed once the settings say a token exists.
  const restore = useRef<ReturnType<typeof readPopupState> | null>(null);

  /** With a token: search the deep link, or refresh the saved search, unless the user searched meanwhile. */
  async function firstSearch(isCancelled: () => boolean) {
    if (props.initial) {
      // A deep link is typed by another program or a person: check it like the form.
      if (seq.current === 0) searchFrom(props.initial.form, props.initial.offset);
      return;
    }
    const saved = await restore.current;
    if (!isCancelled() && saved?.page && seq.current === 0) searchFrom(saved.form, saved.offset);
  }

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const saved = props.initial ? Promise.resolve(null) : readPopupState();
      restore.current = saved;
      // The saved search shows at once; the settings answer decides whether to refresh it.
      void saved.then((state) => {
        if (cancelled || !state || seq.current > 0) return;
        setForm(state.form);
        if (state.page) setShown({ form: state.form, page: state.page });
      });
      const status = await send<typeof settingsStatus>({ type: 'settings-status' });
      if (cancelled || !applyStatus(status) || !status.status.hasToken) return;
      await firstSearch(() => cancelled);
    })();
    return () => {
      cancelled = true;
    };
  }, []);

  /** Takes in the saved settings; a failure to read them is shown with a Retry. */
  function applyStatus(status: AnswerOf<typeof settingsStatus>): status is Extract<typeof status, { ok: true }> {
    if (!status.ok) {
      setError(status.error);
      // Nothing more will come: a quick filter waiting goes on with the defaults.
      for (const go of presetWaiters.current.splice(0)) go();
      return false;
    }
    savedForPresets.current = { userId: status.status.userId, timeZone: status.status.timeZone ?? '' };
    for (const go of presetWaiters.current.splice(0)) go();
    setSettingsProblems(status.status.problems);
    setDefaultPageSize(status.status.pageSize);
    setUserId(status.status.userId);
    setTimeZone(status.status.timeZone ?? '');
    setHasToken(status.status.hasToken);
    return true;
  }

  /** Retry after the settings could not be read (no search was asked for yet). */
  async function retrySettings() {
    const status = await send<typeof settingsStatus>({ type: 'settings-status' });
    // A search started meanwhile owns the error notice now.
    if (lastRequest.current) return;
    if (applyStatus(status)) {
      setError(null);
      // What the first answer would have started: the deep link's search, or the saved one's refresh.
      if (status.status.hasToken) await firstSearch(() => lastRequest.current !== null);
    }
    setRetryAnswers((n) => n + 1);
  }

  const openOptions = () => void browser.runtime.openOptionsPage();

  /** Validates first: a problem is marked at its field and nothing is sent. */
  function searchFrom(searchForm: SearchForm, offset: number, badDates: ReadonlySet<DateField> = new Set()) {
    const check = checkForm(searchForm, offset, badDates);
    if (!check.ok) {
      setErrors(Object.fromEntries(check.issues.map((i) => [i.field, i.message])));
      setFocusField(check.issues[0]!.field as FormField);
      return;
    }
    setErrors({});
    void run(searchForm, offset);
  }

  function submit() {
    setSort('received');
    searchFrom(form, 0, unreadableDates());
  }

  /** A quick filter fills its fields, keeps the rest, and searches at once. */
  async function applyQuickFilter(preset: Preset) {
    if (!savedForPresets.current) await new Promise<void>((resolve) => presetWaiters.current.push(resolve));
    const saved = savedForPresets.current ?? { userId, timeZone };
    const next = applyPreset(form, preset, { now: clock(), userId: saved.userId, timeZone: saved.timeZone, browserTimeZone: props.browserTimeZone });
    setForm(next);
    setSort('received');
    // A date the preset just filled is no longer the unreadable one in the input.
    const stillBad = new Set([...unreadableDates()].filter((f) => next[f] === ''));
    searchFrom(next, 0, stillBad);
  }

  function clear() {
    seq.current++;
    stopWaiting();
    setForm({ ...EMPTY_FORM });
    setErrors({});
    setShown(null);
    setError(null);
    setLoading(false);
    setSort('received');
    lastRequest.current = null;
    void clearPopupState();
    props.onSearched?.(new URLSearchParams());
  }

  function goTo(offset: number | null) {
    if (offset === null || !shown) return;
    void run(shown.form, offset);
  }

  function openInTab() {
    const offset = shown && sameForm(shown.form, form) ? shown.page.offset : 0;
    const query = formToParams(form, offset).toString();
    void browser.tabs.create({ url: browser.runtime.getURL(`/search.html${query ? `?${query}` : ''}`) });
  }

  const page = shown?.page;
  // Typing re-renders the app at every keystroke: the page is sorted, and its
  // list rendered, only when the page, the order or the clock change. The same
  // element back tells Preact to skip the list (up to 500 callbacks) entirely.
  const sorted = useMemo(() => (page ? sortCallbacks(page.results, sort) : []), [page, sort]);
  const list = useMemo(
    () =>
      props.layout === 'tab' ? (
        <CallbackTable callbacks={sorted} now={now} locale={locale} zones={zones} sort={sort} onSort={setSort} />
      ) : (
        <CallbackList callbacks={sorted} now={now} locale={locale} zones={zones} />
      ),
    [props.layout, sorted, now, locale, sort, zones],
  );

  if (hasToken === false) {
    return (
      <main class={`search-app search-app--${props.layout}`}>
        <Header layout={props.layout} />
        <SettingsProblems problems={settingsProblems} onOpenOptions={openOptions} />
        <NoTokenNotice onOpenOptions={openOptions} />
      </main>
    );
  }

  const statusText = loading
    ? 'Searching…'
    : page
      ? page.results.length > 0
        ? `${totalText(page, locale)}, showing ${rangeText(page, locale)}.`
        : page.total === 0
          ? emptySentence(shown.form)
          : 'Nothing on this page.'
      : '';

  return (
    <main class={`search-app search-app--${props.layout}`}>
      <Header layout={props.layout} />
      <SettingsProblems problems={settingsProblems} onOpenOptions={openOptions} />
      {/* Above the form: one click from the top of the popup, and out of the way of
          the form-to-results keyboard path (the popup opens with focus in Lead ID). */}
      <SavedSearches
        form={form}
        onRun={(saved) => {
          setForm(saved);
          setSort('received');
          searchFrom(saved, 0);
        }}
      />
      <ExportButton layout={props.layout} form={shown?.form ?? form} locale={locale} autoStart={props.autoExport} />
      <SearchFormView
        form={form}
        errors={errors}
        defaultPageSize={defaultPageSize}
        busy={loading}
        userId={userId}
        onChange={(field, value) => {
          setForm((f) => ({ ...f, [field]: value }));
          if (errors[field]) setErrors(({ [field]: _, ...rest }) => rest);
        }}
        onSubmit={submit}
        onClear={clear}
        onPreset={(preset) => void applyQuickFilter(preset)}
        onOpenInTab={props.layout === 'popup' ? openInTab : undefined}
      />

      <p class="live-status" role="status" aria-live="polite">
        {loading && <span class="spinner" aria-hidden="true" />}
        {loading ? 'Searching…' : ''}
        <span class="visually-hidden">{loading ? '' : statusText}</span>
      </p>

      {rateWait && <RateLimitNotice until={rateWait.until} onCancel={cancelWait} />}

      {error && (
        <ErrorNotice
          error={error}
          onRetry={() => {
            if (lastRequest.current) void run(lastRequest.current.form, lastRequest.current.offset, true);
            else void retrySettings();
          }}
          onOpenOptions={openOptions}
        />
      )}

      {page && (
        <section class={`results${loading ? ' results--stale' : ''}`} aria-label="Results" aria-busy={loading ? 'true' : 'false'} tabIndex={-1}>
          {page.results.length === 0 ? (
            <p class="empty">{statusText}</p>
          ) : (
            <>
              <div class="results-bar">
                <p class="results-summary">
                  <strong>{totalText(page, locale)}</strong>
                  <span class="range"> · showing {rangeText(page, locale)}</span>
                </p>
                <label class="sort">
                  Sort
                  <select value={sort} onChange={(e) => setSort(e.currentTarget.value as SortKey)}>
                    {SORT_KEYS.map((k) => (
                      <option key={k} value={k}>
                        {SORT_LABELS[k]}
                      </option>
                    ))}
                  </select>
                </label>
              </div>
              {list}
            </>
          )}
          {/* aria-disabled, not disabled: reaching the last page with the keyboard
              must not throw focus back to the top of the document. */}
          <nav class="pager" aria-label="Pages">
            <button type="button" aria-disabled={previousOffset(page) === null ? 'true' : undefined} onClick={() => goTo(previousOffset(page))}>
              Previous page
            </button>
            <span class="page-indicator">{pageIndicator(page, locale)}</span>
            <button type="button" aria-disabled={nextOffset(page) === null ? 'true' : undefined} onClick={() => goTo(nextOffset(page))}>
              Next page
            </button>
          </nav>
        </section>
      )}
    </main>
  );
}

/**
 * Date inputs holding text that is no date (30 February) report an empty value
 * and fire no input event; only `validity.badInput` tells, read at submit time.
 */
function unreadableDates(): Set<DateField> {
  const bad = new Set<DateField>();
  for (const field of DATE_FIELDS) {
    const input = document.getElementById(fieldId(field));
    if (input instanceof HTMLInputElement && input.validity?.badInput) bad.add(field);
  }
  return bad;
}

function Header(props: { layout: Layout }) {
  return (
    <header class="app-header">
      {props.layout === 'tab' ? <h1>Search callbacks</h1> : <h1>Convoso callbacks</h1>}
    </header>
  );
}
