import type { ComponentChildren } from 'preact';
import type { SearchPage } from '../../utils/core/api/model';
import { offersLeadAlone } from '../../utils/search/lead-lookup';
import { rangeText, totalText } from '../../utils/search/page-text';
import type { Results } from '../../utils/search/results';
import { emptyText, scopeText, summaryText } from '../../utils/search/results-text';
import { SORT_KEYS, SORT_LABELS, type SortKey } from '../../utils/search/sort';
import type { SortScope } from '../../utils/search/sort-plan';
import type { View } from '../../utils/search/views';
import { Pager, type PagerPlace } from './Pager';

export interface ShownList {
  view: View;
  results: Results;
  /** The page on screen, in the chosen order. */
  page: SearchPage;
}

/**
 * One line, always there, read out politely: "Searching…" while a search runs,
 * then what came back. An empty result's sentence is shown below (and only read
 * here), so nothing is written twice.
 */
export function LiveStatus(props: { busy: boolean; shown: ShownList | null; locale: string }) {
  const { shown, locale } = props;
  const page = shown?.page;
  const some = page && page.results.length > 0;
  const said = !shown ? '' : some ? summaryText(page, shown.results, locale) : page!.total === 0 ? emptyText(shown.view) : 'Nothing on this page.';
  const summary = some && (
    <span aria-hidden="true" class={props.busy ? "results-summary stale-summary" : "results-summary"}>
      <strong>{shown.results.mode === 'all' && shown.results.capped ? totalText({ ...page, total: shown.results.capped.total }, locale) : totalText(page, locale)}</strong>
      <span class="range"> · showing {rangeText(page, locale)}</span>
    </span>
  );
  return (
    <p class="live-status" role="status" aria-live="polite">
      {props.busy && (
        <>
          <span class="spinner" aria-hidden="true" />
          Searching…
        </>
      )}
      {/* While a search runs, the list it will replace keeps its count beside it. */}
      {summary}
      <span class="visually-hidden">{props.busy ? '' : said}</span>
    </p>
  );
}

export function SortControl(props: { sort: SortKey; onSort(key: SortKey): void }) {
  return (
    <div class="sort">
      <label for="search-sort">Sort</label>
      <select id="search-sort" value={props.sort} onChange={(e) => props.onSort(e.currentTarget.value as SortKey)}>
        {SORT_KEYS.map((k) => (
          <option key={k} value={k}>
            {SORT_LABELS[k]}
          </option>
        ))}
      </select>
    </div>
  );
}

export interface ResultsBodyProps {
  shown: ShownList;
  sort: SortKey;
  scope: SortScope | null;
  busy: boolean;
  locale: string;
  /** The list or table of the page's callbacks. */
  children: ComponentChildren;
  onGo(offset: number, from: PagerPlace, which: 'previous' | 'next'): void;
  onLeadAlone(): void;
  /** Opens the date filters: what makes an order cover every match. */
  onDateRange(): void;
}

function Empty(props: { shown: ShownList; locale: string; onLeadAlone(): void }) {
  const { view, page } = props.shown;
  const lead = view.kind === 'filters' && offersLeadAlone(view.form, page.total) ? view.form.lead_id.trim() : '';
  return (
    <>
      <p class="empty">{page.total === 0 ? emptyText(view) : 'Nothing on this page.'}</p>
      {lead && (
        <button type="button" class="primary" onClick={props.onLeadAlone}>
          Search lead {lead} alone
        </button>
      )}
    </>
  );
}

/** The list under its head: what its order covers when that is not every match, the callbacks, the pager again. */
export function ResultsBody(props: ResultsBodyProps) {
  const { shown } = props;
  const scope = scopeText(props.scope, props.sort, shown.results, props.locale);
  return (
    <section class={`results${props.busy ? ' results--stale' : ''}`} aria-label="Results" aria-busy={props.busy ? 'true' : 'false'} tabIndex={-1}>
      {shown.page.results.length === 0 ? (
        <Empty shown={shown} locale={props.locale} onLeadAlone={props.onLeadAlone} />
      ) : (
        <>
          {scope && (
            <p class="scope-note">
              {scope}{' '}
              <button type="button" class="link-button" onClick={props.onDateRange}>
                Choose dates
              </button>
            </p>
          )}
          {props.children}
        </>
      )}
      {shown.page.total > 0 && <Pager page={shown.page} place="bottom" locale={props.locale} onGo={props.onGo} />}
    </section>
  );
}
