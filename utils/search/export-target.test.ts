import { describe, expect, it } from 'vitest';
import { normalizeCallback } from '../core/api/normalize';
import { EMPTY_FORM } from './form-state';
import { exportTarget } from './export-target';
import type { Results } from './results';

const early = normalizeCallback({ id: '1', callback_time: '2025-06-01 09:00:00' });
const late = normalizeCallback({ id: '2', callback_time: '2025-06-02 09:00:00' });
const TODAY = '2025-06-03';
const all: Results = { mode: 'all', callbacks: [early, late], offset: 0, limit: 20 };
const page: Results = { mode: 'page', page: { offset: 0, limit: 20, total: 0, results: [] } };
const pending = { ...EMPTY_FORM, stage: 'PENDING' };

describe('exportTarget', () => {
  it('the due view, holding every match, is written from memory in the order shown', () => {
    const target = exportTarget({ form: EMPTY_FORM, sort: 'time-desc', shown: { view: { kind: 'due' }, results: all } }, TODAY);
    expect(target.held?.().map((c) => c.id)).toEqual(['2', '1']);
  });

  it('the filters in force are exported, from memory when the list shown holds every match of them', () => {
    expect(exportTarget({ form: pending, sort: 'received', shown: { view: { kind: 'filters', form: pending }, results: all } }, TODAY).held).not.toBeNull();
    expect(exportTarget({ form: pending, sort: 'received', shown: { view: { kind: 'filters', form: pending }, results: page } }, TODAY)).toEqual({ form: pending, held: null });
    // Typed since, not searched yet: what the chips say.
    expect(exportTarget({ form: pending, sort: 'received', shown: { view: { kind: 'due' }, results: all } }, TODAY)).toEqual({ form: pending, held: null });
  });

  it('the account’s callbacks from today on, and a blank form with nothing shown, are a search from today', () => {
    expect(exportTarget({ form: { ...EMPTY_FORM, limit: '50' }, sort: 'received', shown: { view: { kind: 'upcoming' }, results: page } }, TODAY).form).toEqual({
      ...EMPTY_FORM,
      start_date: TODAY,
      limit: '50',
    });
    expect(exportTarget({ form: EMPTY_FORM, sort: 'received', shown: null }, TODAY)).toEqual({ form: { ...EMPTY_FORM, start_date: TODAY }, held: null });
  });
});
