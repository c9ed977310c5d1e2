import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { settingsStatus } from '../../utils/connection/connection-messages';
import { send } from '../../utils/core/messaging/send';
import { localDate } from '../../utils/core/time/wall-clock';
import type { FormField, SearchForm } from '../../utils/search/form-state';
import { filledFilters } from '../../utils/search/lead-lookup';
import { initialState, reduce, type Action, type SearchSettings, type SearchState } from '../../utils/search/search-state';
import { clearPopupState, readPopupState, type PopupState } from '../../utils/search/session-state';
import { defaultView, type View } from '../../utils/search/views';
import { fieldId } from './field-id';
import { createFormCommands } from './form-commands';
import { createRunner } from './search-runner';

export interface UseSearchProps {
  /** A deep link (`search.html?lead_id=1`, `?view=due`): searched at once instead of the last search. */
  initial?: { view: View | null; form: SearchForm; offset: number } | null;
  now(): Date;
  browserTimeZone?: string;
  onSearched?(params: URLSearchParams): void;
}

/** Resolves every waiter with the settings once read (null when they could not be). */
function settingsGate() {
  let value: SearchSettings | null | undefined;
  const waiters: Array<(s: SearchSettings | null) => void> = [];
  return {
    wait: () => (value !== undefined ? Promise.resolve(value) : new Promise<SearchSettings | null>((r) => waiters.push(r))),
    open(settings: SearchSettings | null) {
      // A failed read lets waiting quick filters go on with the defaults; a later success replaces it.
      value = settings ?? value ?? null;
      for (const go of waiters.splice(0)) go(settings);
    },
  };
}

const storedView = (saved: PopupState): View => (saved.view === 'filters' ? { kind: 'filters', form: saved.form } : { kind: saved.view });

function createController(props: UseSearchProps, ref: { current: SearchState }, render: (s: SearchState) => void, focus: (f: FormField) => void) {
  const dispatch = (action: Action) => {
    ref.current = reduce(ref.current, action);
    render(ref.current);
  };
  const gate = settingsGate();
  const deps = {
    dispatch,
    get: () => ref.current,
    settings: gate.wait,
    today: (s: SearchSettings | null) => localDate(props.now(), { account: s?.timeZone ?? '', browser: props.browserTimeZone }),
    onSearched: props.onSearched,
    now: props.now,
    browserTimeZone: props.browserTimeZone,
    focus,
  };
  const runner = createRunner(deps);
  const commands = createFormCommands(deps, runner);

  /** Reads the settings; a failure is shown with a Retry. */
  async function readSettings(): Promise<SearchSettings | null> {
    const reply = await send<typeof settingsStatus>({ type: 'settings-status' });
    if (!reply.ok) {
      dispatch({ type: 'settings-failed', error: reply.error });
      gate.open(null);
      return null;
    }
    const { hasToken, userId, timeZone, pageSize, problems } = reply.status;
    const settings = { hasToken, userId, timeZone: timeZone ?? '', pageSize, problems };
    dispatch({ type: 'settings', settings });
    gate.open(settings);
    return settings;
  }

  /** With a token: the deep link, else the last search refreshed, else the default view; unless the agent searched first. */
  async function firstSearch(saved: PopupState | null, settings: SearchSettings) {
    if (runner.started()) return;
    const initial = props.initial;
    if (initial) {
      // A deep link is typed by another program or a person: checked like the form.
      if (initial.view?.kind === 'filters') commands.searchForm(initial.view.form, { offset: initial.offset });
      else void runner.run(initial.view ?? defaultView(settings.userId), initial.offset);
      return;
    }
    // A search that failed last time is left for the agent to run again.
    if (saved && !saved.page) return;
    // The account's callbacks from today on were the default view for want of a user ID: one saved since changes it.
    if (saved?.view === 'upcoming') void runner.run(defaultView(settings.userId), saved.offset, { sort: saved.sort });
    else if (saved) void runner.run(storedView(saved), saved.offset, { sort: saved.sort });
    else void runner.run(defaultView(settings.userId), 0);
  }

  async function start(isLive: () => boolean) {
    const saved = props.initial ? Promise.resolve(null) : readPopupState();
    // The last search shows at once; the settings decide whether to refresh it.
    void saved.then((s) => {
      if (isLive() && s) dispatch({ type: 'restored', form: s.form, carried: filledFilters(s.form), view: storedView(s), page: s.page, sort: s.sort });
    });
    const settings = await readSettings();
    if (isLive() && settings?.hasToken) await firstSearch(await saved, settings);
  }

  return {
    dispatch,
    ...runner,
    ...commands,
    start,
    edit: (field: FormField, value: string) => dispatch({ type: 'edit', field, value }),
    clear() {
      runner.stop();
      dispatch({ type: 'clear' });
      void clearPopupState();
      props.onSearched?.(new URLSearchParams());
    },
    /** Retry: the last request again, or the settings when they were never read. */
    async retry() {
      if (runner.retry()) return;
      const settings = await readSettings();
      if (settings?.hasToken) await firstSearch(await (props.initial ? null : readPopupState()), settings);
    },
  };
}

export type SearchController = ReturnType<typeof createController> & { state: SearchState };

/** The search page's state machine and the commands that drive it. */
export function useSearch(props: UseSearchProps): SearchController {
  const ref = useRef<SearchState>(null as unknown as SearchState);
  if (!ref.current) ref.current = initialState(props.initial?.form);
  const [state, setState] = useState(ref.current);
  const [focusTarget, setFocusTarget] = useState<{ field: FormField } | null>(null);
  const controller = useMemo(() => createController(props, ref, setState, (field) => setFocusTarget({ field })), []);

  useEffect(() => {
    let live = true;
    void controller.start(() => live);
    return () => {
      live = false;
      controller.stop();
    };
  }, []);

  // After the screen shows the problem (a closed group opens for it), the field takes focus.
  useEffect(() => {
    if (focusTarget) document.getElementById(fieldId(focusTarget.field))?.focus();
  }, [focusTarget]);

  return { ...controller, state };
}
