import { describe, expect, it } from 'vitest';
import { EMPTY_FORM, type SearchForm } from './form-state';
import { applyPreset, localDate, type Preset } from './presets';

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
  it.each<[Preset, Partial<SearchForm>, Partial<SearchForm>]>([
    ['today', {}, { start_date: '2025-06-03', end_date: '2025-06-03' }],
    ['today', { start_date: '2025-01-01', user_id: '7', stage: 'PENDING' }, { start_date: '2025-06-03', end_date: '2025-06-03', user_id: '7', stage: 'PENDING' }],
    ['overdue', {}, { stage: 'PASTDUE' }],
    ['overdue', { stage: 'COMPLETED', lead_id: '424242', start_date: '2025-06-01' }, { stage: 'PASTDUE', lead_id: '424242', start_date: '2025-06-01' }],
  ])('%s on %o gives %o', (preset, before, after) => {
    expect(applyPreset(form(before), preset, now)).toEqual(form(after));
  });
});
