import { describe, expect, it } from 'vitest';
import { normalizeCallback } from '../core/api/normalize';
import { EMPTY_FORM } from './form-state';
import type { Results } from './results';
import { initialState, reduce, type Action, type SearchState } from './search-state';
import type { View } from './views';

const view: View = { kind: 'filters', form: { ...EMPTY_FORM, lead_id: '1' } };
const results = (n: number): Results => ({ mode: 'page', page: { offset: 0, limit: 20, total: n, results: Array.from({ length: n }, (_, i) => normalizeCallback({ id: String(i) })) } });
const run = (actions: Action[], from: SearchState = initialState()) => actions.reduce(reduce, from);

describe('the search state machine', () => {
  it('an answer to a request that is no longer in flight changes nothing', () => {
    const state = run([
      { type: 'search', id: 1 },
      { type: 'search', id: 2 },
      { type: 'answer', id: 1, view, results: results(1), sort: 'received', scope: null },
    ]);
    expect(state.shown).toBeNull();
    expect(state.busy).toEqual({ id: 2, kind: 'search' });
    expect(reduce(state, { type: 'answer', id: 2, view, results: results(2), sort: 'received', scope: null }).shown?.results).toEqual(results(2));
  });

  it('the last search restored shows at once, unless the agent searched first', () => {
    const restored: Action = { type: 'restored', form: view.form, carried: ['lead_id'], view, page: null, sort: 'received' };
    expect(run([restored]).carried).toEqual(['lead_id']);
    expect(run([{ type: 'search', id: 1 }, restored]).carried).toEqual([]);
  });

  it('a field the agent changes is no longer carried over, and its mark goes', () => {
    const state = run([
      { type: 'restored', form: { ...EMPTY_FORM, user_id: '7', stage: 'PASTDUE' }, carried: ['user_id', 'stage'], view, page: null, sort: 'received' },
      { type: 'invalid', errors: { stage: 'Bad.', user_id: 'Bad.' } },
      { type: 'edit', field: 'stage', value: 'PENDING' },
    ]);
    expect(state.carried).toEqual(['user_id']);
    expect(state.errors).toEqual({ user_id: 'Bad.' });
  });

  it('a failed search clears the list; a failed sort keeps it and its order', () => {
    const shown = run([{ type: 'search', id: 1 }, { type: 'answer', id: 1, view, results: results(3), sort: 'received', scope: null }]);
    const error = { kind: 'network' as const, message: 'Offline.' };
    const sortFailed = run([{ type: 'sort-start', id: 2, key: 'time-desc' }, { type: 'fail', id: 2, view, error }], shown);
    expect(sortFailed).toMatchObject({ shown: shown.shown, sort: 'received', error, busy: null });
    const searchFailed = run([{ type: 'search', id: 3 }, { type: 'fail', id: 3, view, error }], shown);
    expect(searchFailed).toMatchObject({ shown: null, error, failedView: view });
  });

  it('a sort that fetched every match holds them all and pages here; Cancel keeps the order it had', () => {
    const shown = run([{ type: 'search', id: 1 }, { type: 'answer', id: 1, view, results: results(3), sort: 'received', scope: null }]);
    const callbacks = results(45).mode === 'page' ? (results(45) as Extract<Results, { mode: 'page' }>).page.results : [];
    const sorted = run([{ type: 'sort-start', id: 2, key: 'time-desc' }, { type: 'sort-done', id: 2, key: 'time-desc', callbacks }, { type: 'go', offset: 20 }], shown);
    expect(sorted).toMatchObject({ sort: 'time-desc', scope: 'every', busy: null, shown: { results: { mode: 'all', offset: 20, limit: 20 } } });
    const cancelled = run([{ type: 'sort-start', id: 2, key: 'time-desc' }, { type: 'cancelled' }, { type: 'sort-done', id: 2, key: 'time-desc', callbacks }], shown);
    expect(cancelled).toMatchObject({ sort: 'received', busy: null, note: { kind: 'cancelled', what: 'sort' }, shown: shown.shown });
  });

  it('Clear keeps only the settings', () => {
    const settings = { hasToken: true, userId: '7', timeZone: '', pageSize: 20, problems: [] };
    const state = run([{ type: 'settings', settings }, { type: 'edit', field: 'lead_id', value: '1' }, { type: 'search', id: 1 }, { type: 'clear' }]);
    expect(state).toEqual({ ...initialState(), settings });
  });
});
