import { describe, expect, it } from 'vitest';
import { normalizeCallback } from '../core/api/normalize';
import { EMPTY_FORM } from './form-state';
import { exportTarget } from './export-target';

const early = normalizeCallback({ id: '1', callback_time: '2025-06-01 09:00:00' });
const late = normalizeCallback({ id: '2', callback_time: '2025-06-02 09:00:00' });
const TODAY = '2025-06-03';

describe('exportTarget: the list on screen, never more', () => {
  it('a list holding every match is written from memory, in the order shown', () => {
    const target = exportTarget({ form: EMPTY_FORM, sort: 'time-desc', shown: { view: { kind: 'due' }, results: { mode: 'all', callbacks: [early, late], offset: 0, limit: 20 } } }, TODAY);
    expect(target.held?.().map((c) => c.id)).toEqual(['2', '1']);
  });

  it('a search by filters is the shown search, whatever was typed since', () => {
    const shown = { view: { kind: 'filters' as const, form: { ...EMPTY_FORM, stage: 'PENDING' } }, results: { mode: 'page' as const, page: { offset: 0, limit: 20, total: 0, results: [] } } };
    expect(exportTarget({ form: { ...EMPTY_FORM, lead_id: '9' }, sort: 'received', shown }, TODAY)).toEqual({ form: shown.view.form, held: null });
  });

  it('the account’s callbacks from today on, and a blank form with nothing shown, are a search from today', () => {
    const upcoming = { view: { kind: 'upcoming' as const }, results: { mode: 'page' as const, page: { offset: 0, limit: 20, total: 0, results: [] } } };
    expect(exportTarget({ form: { ...EMPTY_FORM, limit: '50' }, sort: 'received', shown: upcoming }, TODAY).form).toEqual({ ...EMPTY_FORM, start_date: TODAY, limit: '50' });
    expect(exportTarget({ form: EMPTY_FORM, sort: 'received', shown: null }, TODAY).form).toEqual({ ...EMPTY_FORM, start_date: TODAY });
    expect(exportTarget({ form: { ...EMPTY_FORM, user_id: '7' }, sort: 'received', shown: null }, TODAY).form).toEqual({ ...EMPTY_FORM, user_id: '7' });
  });
});
