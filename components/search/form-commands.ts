import type { FilterField } from '../../utils/core/api/vocabulary';
import { DATE_FIELDS, checkForm, type DateField, type FormField, type SearchForm } from '../../utils/search/form-state';
import { formToSubmit, leadAlone } from '../../utils/search/lead-lookup';
import { applyPreset, type Preset } from '../../utils/search/presets';
import type { Note } from '../../utils/search/search-state';
import type { Runner, RunnerDeps } from './search-runner';
import { fieldId } from './field-id';

// What the agent does to the form: search it, a quick filter, a saved search, a
// chip removed, the lead alone. Each is checked like the form (a problem is
// marked at its field and nothing is sent) before the runner asks for anything.

export interface FormDeps extends RunnerDeps {
  now(): Date;
  browserTimeZone?: string;
  /** Moves focus to a field once the screen shows its problem. */
  focus(field: FormField): void;
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

export function createFormCommands(deps: FormDeps, runner: Runner) {
  /** Validates first: a problem is marked at its field and nothing is sent. */
  function searchForm(form: SearchForm, opts: { note?: Note | null; badDates?: ReadonlySet<DateField>; offset?: number } = {}) {
    const check = checkForm(form, opts.offset ?? 0, opts.badDates ?? new Set());
    if (!check.ok) {
      deps.dispatch({ type: 'invalid', errors: Object.fromEntries(check.issues.map((i) => [i.field, i.message])) });
      deps.focus(check.issues[0]!.field as FormField);
      return;
    }
    void runner.run({ kind: 'form', form }, opts.offset ?? 0, { note: opts.note });
  }

  /** The form as typed; a Lead ID typed now leaves out what the last search left behind, and says so. */
  function submitForm(typed: SearchForm, carried: readonly FilterField[], badDates: ReadonlySet<DateField>) {
    const { form, dropped } = formToSubmit(typed, carried);
    const left = Object.keys(dropped).length > 0;
    if (left) deps.dispatch({ type: 'fill', form, carried });
    searchForm(form, { note: left ? { kind: 'dropped', filters: dropped } : null, badDates });
  }

  return {
    searchForm,
    submit() {
      const { form, carried } = deps.get();
      submitForm(form, carried, unreadableDates());
    },

    /** A quick filter fills its fields, keeps the rest, and searches at once. */
    async preset(preset: Preset) {
      // "Today" is the account's today: a quick filter pressed before the settings arrive waits for them.
      const settings = await deps.settings();
      const { form } = deps.get();
      const context = { now: deps.now(), userId: settings?.userId ?? '', timeZone: settings?.timeZone ?? '', browserTimeZone: deps.browserTimeZone };
      const next = applyPreset(form, preset, context);
      deps.dispatch({ type: 'fill', form: next });
      // A date the preset just filled is no longer the unreadable one in the input.
      const stillBad = new Set([...unreadableDates()].filter((f) => next[f] === ''));
      searchForm(next, { badDates: stillBad });
    },

    runForm(form: SearchForm) {
      deps.dispatch({ type: 'fill', form });
      searchForm(form);
    },

    /** A chip's ×: that filter goes, and the search runs without it. */
    removeFilter(field: FilterField) {
      deps.dispatch({ type: 'edit', field, value: '' });
      const { form, carried } = deps.get();
      submitForm(form, carried, unreadableDates());
    },

    /** One click from an empty combined search: the lead alone. */
    leadAlone() {
      const shown = deps.get().shown;
      if (shown?.view.kind !== 'filters') return;
      const form = leadAlone(shown.view.form);
      deps.dispatch({ type: 'fill', form });
      searchForm(form);
    },

    /** The filters a lead lookup left out, back with the lead. */
    addBack() {
      const { note, form } = deps.get();
      if (note?.kind !== 'dropped') return;
      const combined = { ...form, ...note.filters };
      deps.dispatch({ type: 'fill', form: combined });
      searchForm(combined);
    },
  };
}

export type FormCommands = ReturnType<typeof createFormCommands>;
