import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Callback } from '../../utils/core/api/model';
import { csvFileName, csvHeader, csvRows } from '../../utils/search/export/csv';
import { exportPages, type ExportProgress } from '../../utils/search/export/export-pages';
import { send } from '../../utils/core/messaging/send';
import type { cancelSearch, search } from '../../utils/search/search-messages';
import { checkForm, formToParams, type SearchForm } from '../../utils/search/form-state';

/** The tab view's address parameter that starts an export asked for from the popup. */
export const EXPORT_PARAM = 'export';

type State =
  | { phase: 'idle' }
  | { phase: 'running'; progress: ExportProgress }
  | { phase: 'done'; rows: number; capped: boolean; total: number }
  | { phase: 'cancelled' }
  | { phase: 'failed'; message: string };

export interface ExportButtonProps {
  layout: 'popup' | 'tab';
  /** The filters to export: the shown search's, or what is typed. */
  form: SearchForm;
  locale: string;
  /** The tab was opened by the popup's Export CSV: start at once. */
  autoStart?: boolean;
  /**
   * Every match is already here (the due view, a list sorted as a whole): the
   * file is written from it, in the order shown, with no request.
   */
  held?: (() => readonly Callback[]) | null;
}

function download(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has taken its copy; a minute covers a slow disk.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Export CSV. The popup closes as soon as it loses focus, so it hands the export
 * to the tab view (same filters, `export=1`), which pages through the whole
 * result with a progress bar and Cancel, and saves one file.
 */
export function ExportButton(props: ExportButtonProps) {
  const [state, setState] = useState<State>({ phase: 'idle' });
  const controller = useRef<AbortController | null>(null);
  const number = (n: number) => n.toLocaleString(props.locale);

  useEffect(() => {
    if (props.autoStart && props.layout === 'tab') void start();
    return () => controller.current?.abort();
  }, []);

  async function start() {
    if (props.held) return saveHeld(props.held());
    const check = checkForm(props.form, 0);
    if (!check.ok) {
      setState({ phase: 'failed', message: check.issues[0]!.message });
      return;
    }
    if (props.layout === 'popup') {
      const params = formToParams(props.form);
      params.set(EXPORT_PARAM, '1');
      await browser.tabs.create({ url: browser.runtime.getURL(`/search.html?${params}`) });
      window.close();
      return;
    }
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    const chunks: Blob[] = [];
    setState({ phase: 'running', progress: { rows: 0, expected: null } });
    const result = await exportPages({
      query: check.input,
      fetchPage: (query) => send<typeof search>({ type: 'search', query, purpose: 'export' }),
      // Each page becomes a Blob at once: its text and callbacks are dropped, and
      // the final Blob is made of these parts without copying them again.
      write: (chunk) => chunks.push(new Blob([chunk], { type: 'text/csv' })),
      signal: abort.signal,
      onProgress: (progress) => {
        if (!abort.signal.aborted) setState({ phase: 'running', progress });
      },
    });
    if (controller.current !== abort) return;
    controller.current = null;
    if (!result.ok) {
      chunks.length = 0;
      setState(result.cancelled ? { phase: 'cancelled' } : { phase: 'failed', message: result.error.message });
      return;
    }
    download(new Blob(chunks, { type: 'text/csv;charset=utf-8' }), csvFileName());
    chunks.length = 0;
    setState({ phase: 'done', rows: result.rows, capped: result.capped, total: result.total });
  }

  function saveHeld(held: readonly Callback[]) {
    const text = csvHeader() + csvRows(held);
    download(new Blob([text], { type: 'text/csv;charset=utf-8' }), csvFileName());
    setState({ phase: 'done', rows: held.length, capped: false, total: held.length });
  }

  function cancel() {
    controller.current?.abort();
    // The page waiting in the background's gate is dropped too.
    void send<typeof cancelSearch>({ type: 'cancel-search', purpose: 'export' });
    controller.current = null;
    setState({ phase: 'cancelled' });
  }

  const running = state.phase === 'running';
  return (
    <div class="export">
      {running ? (
        <div class="export-progress">
          <label>
            {state.progress.expected === null
              ? `Exporting… ${number(state.progress.rows)} callbacks`
              : `Exporting… ${number(state.progress.rows)} of ${number(state.progress.expected)} callbacks`}
            <progress
              max={state.progress.expected ?? undefined}
              value={state.progress.expected === null ? undefined : state.progress.rows}
            />
          </label>
          <button type="button" onClick={cancel}>
            Cancel export
          </button>
        </div>
      ) : (
        <button type="button" onClick={() => void start()}>
          Export CSV
        </button>
      )}
      <p class="export-status" aria-live="polite">
        {state.phase === 'done' &&
          (state.capped
            ? `Exported the first ${number(state.rows)} of ${number(state.total)} callbacks: Convoso lets no one page further. Narrow the search (dates, campaign) to export the rest.`
            : `Exported ${number(state.rows)} callbacks.`)}
        {state.phase === 'cancelled' && 'Export cancelled; nothing was saved.'}
        {state.phase === 'failed' && `Export failed: ${state.message}`}
      </p>
    </div>
  );
}
