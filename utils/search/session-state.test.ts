import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { normalizeCallback } from '../core/api/normalize';
import { EMPTY_FORM } from './form-state';
import { clearPopupState, readPopupState, writePopupState, type PopupState } from './session-state';

const state: PopupState = {
  view: 'filters',
  sort: 'time-desc',
  form: { ...EMPTY_FORM, lead_id: '424242', stage: 'PENDING' },
  offset: 20,
  page: {
    offset: 20,
    limit: 20,
    total: 41,
    results: [normalizeCallback({ id: '1', lead_id: '424242', callback_time: '2025-06-03 03:00 PM', stage: 'New', extra: 'x' })],
  },
};

describe('popup session state', () => {
  beforeEach(() => fakeBrowser.reset());

  it('round-trips through storage.session', async () => {
    await writePopupState(state);
    expect(await readPopupState()).toEqual(state);
    expect(await fakeBrowser.storage.local.get()).toEqual({});
  });

  it('is null when nothing was saved, and after clearing', async () => {
    expect(await readPopupState()).toBeNull();
    await writePopupState(state);
    await clearPopupState();
    expect(await readPopupState()).toBeNull();
  });

  it.each([
    ['a string', 'hello'],
    ['a form with an unknown key', { ...state, form: { ...state.form, auth_token: 'test-token-not-real-0001' } }],
    ['a negative offset', { ...state, offset: -1 }],
    ['an unknown stage', { ...state, page: { ...state.page!, results: [{ ...state.page!.results[0]!, stage: 'later' }] } }],
    ['a missing page', { view: 'filters', sort: 'received', form: state.form, offset: 0 }],
    ['an unknown view', { ...state, view: 'oldest' }],
    ['an unknown order', { ...state, sort: 'random' }],
    ['an older build’s value, without view and order', { form: state.form, offset: 0, page: null }],
    ['a bad wall time', { ...state, page: { ...state.page!, results: [{ ...state.page!.results[0]!, callbackTime: { local: 'soon' } }] } }],
  ])('ignores %s', async (_, value) => {
    await fakeBrowser.storage.session.set({ popupState: value });
    expect(await readPopupState()).toBeNull();
  });

  it('accepts a saved form without results', async () => {
    await writePopupState({ ...state, page: null });
    expect(await readPopupState()).toEqual({ ...state, page: null });
  });
});
