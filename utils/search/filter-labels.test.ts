import { describe, expect, it } from 'vitest';
import { EMPTY_FORM, type SearchForm } from './form-state';
import { chipFields, emptySentence, filterText, filtersUsed } from './filter-labels';

const form = (values: Partial<SearchForm>): SearchForm => ({ ...EMPTY_FORM, ...values });

describe('filtersUsed', () => {
  it.each([
    [form({}), []],
    [form({ lead_id: '777777' }), ['Lead ID 777777']],
    [form({ stage: 'PASTDUE', recipient: 'Personal', limit: '50' }), ['Recipient Personal', 'Stage Past due']],
    [form({ comments: 'x', id: '9', start_date: '2025-06-01' }), ['Start date 2025-06-01', 'Comments “x”', 'Callback ID 9']],
  ])('%o', (f, expected) => {
    expect(filtersUsed(f)).toEqual(expected);
  });
});

describe('emptySentence', () => {
  it.each([
    [form({}), 'No callbacks matched, with no filters set.'],
    [form({ lead_id: '777777' }), 'No callbacks matched Lead ID 777777.'],
    [form({ lead_id: '1', stage: 'PENDING' }), 'No callbacks matched Lead ID 1 and Stage Pending.'],
    [form({ lead_id: '1', user_id: '2', stage: 'MISSED' }), 'No callbacks matched Lead ID 1, User ID 2 and Stage Missed.'],
  ])('%o', (f, expected) => {
    expect(emptySentence(f)).toBe(expected);
  });
});

describe('chips', () => {
  it('one per filter set, besides the Lead ID typed in its own field', () => {
    const f = form({ lead_id: '1001', user_id: '70003', stage: 'PASTDUE', limit: '50', comments: ' ' });
    expect(chipFields(f)).toEqual(['user_id', 'stage']);
    expect(chipFields(f).map((field) => filterText(f, field))).toEqual(['User ID 70003', 'Stage Past due']);
  });
});
