import { describe, expect, it } from 'vitest';
import { EMPTY_FORM, type SearchForm } from './form-state';
import { localDate } from '../core/time/wall-clock';
import { applyPreset, availablePresets, presetHint, type Preset } from './presets';

const form = (values: Partial<SearchForm>): SearchForm => ({ ...EMPTY_FORM, ...values });

describe('localDate', () => {
  it.each([
    [new Date(2025, 5, 3, 13, 0), '2025-06-03'],
    [new Date(2025, 0, 1, 0, 0), '2025-01-01'],
    [new Date(2025, 11, 31, 23, 59, 59), '2025-12-31'],
  ])('%s is %s', (now, text) => {
    expect(localDate(now)).toBe(text);
  });
});

describe('applyPreset', () => {
  const now = new Date(2025, 5, 3, 13, 0);
  it.each<[Preset, string, Partial<SearchForm>, Partial<SearchForm>]>([
    ['today', '', {}, { start_date: '2025-06-03', end_date: '2025-06-03' }],
    ['today', '1234', { start_date: '2025-01-01', user_id: '7', stage: 'PENDING' }, { start_date: '2025-06-03', end_date: '2025-06-03', user_id: '7', stage: 'PENDING' }],
    ['overdue', '', {}, { stage: 'PASTDUE' }],
    ['overdue', '1234', { stage: 'COMPLETED', lead_id: '424242', start_date: '2025-06-01' }, { stage: 'PASTDUE', lead_id: '424242', start_date: '2025-06-01' }],
    ['mine', '1234', {}, { user_id: '1234' }],
    ['mine', '1234', { user_id: '7', stage: 'PASTDUE', start_date: '2025-06-03', end_date: '2025-06-03' }, { user_id: '1234', stage: 'PASTDUE', start_date: '2025-06-03', end_date: '2025-06-03' }],
    ['mine', '', { user_id: '7', lead_id: '424242' }, { user_id: '7', lead_id: '424242' }],
    ['due', '1234', { user_id: '7', stage: 'COMPLETED', limit: '50' }, { limit: '50' }],
  ])('%s with user ID %j on %o gives %o', (preset, userId, before, after) => {
    expect(applyPreset(form(before), preset, { now, userId })).toEqual(form(after));
  });
});

describe('availablePresets', () => {
  it.each<[string, Preset[]]>([
    ['', ['today', 'overdue']],
    ['1234', ['due', 'today', 'overdue', 'mine']],
  ])('with user ID %j: %o', (userId, presets) => {
    expect(availablePresets(userId)).toEqual(presets);
  });
});

describe('presetHint', () => {
  it.each<[Preset, string]>([
    ['due', 'Your callbacks that need action, past due and due today: what the toolbar count counts.'],
    ['today', 'Sets the start and end date to today and searches.'],
    ['overdue', 'Sets the stage to Past due and searches.'],
    ['mine', 'Sets the User ID to yours (1234) and searches.'],
  ])('%s: %s', (preset, hint) => {
    expect(presetHint(preset, '1234')).toBe(hint);
  });
});
