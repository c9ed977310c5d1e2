import { describe, expect, it } from 'vitest';
import type { FilterField } from '../core/api/vocabulary';
import { EMPTY_FORM, type SearchForm } from './form-state';
import { droppedText, formToSubmit, leadAlone, offersLeadAlone } from './lead-lookup';

const form = (values: Partial<SearchForm>): SearchForm => ({ ...EMPTY_FORM, ...values });

describe('formToSubmit', () => {
  it.each<[string, Partial<SearchForm>, FilterField[], Partial<SearchForm>, Partial<SearchForm>]>([
    ['a lead typed into a reopened popup leaves the last search’s filters out', { lead_id: '1001', user_id: '70003', stage: 'PASTDUE' }, ['user_id', 'stage'], { lead_id: '1001' }, { user_id: '70003', stage: 'PASTDUE' }],
    ['a filter set now stays with the lead', { lead_id: '1001', user_id: '70003', stage: 'PENDING' }, ['user_id'], { lead_id: '1001', stage: 'PENDING' }, { user_id: '70003' }],
    ['the lead itself carried over: the search is the last one, as shown', { lead_id: '1001', stage: 'PASTDUE' }, ['lead_id', 'stage'], { lead_id: '1001', stage: 'PASTDUE' }, {}],
    ['no lead: the chips in view are the search', { user_id: '70003', stage: 'PASTDUE' }, ['user_id', 'stage'], { user_id: '70003', stage: 'PASTDUE' }, {}],
    ['nothing carried over', { lead_id: '1001', stage: 'PASTDUE' }, [], { lead_id: '1001', stage: 'PASTDUE' }, {}],
    ['the page size is not a filter', { lead_id: '1001', limit: '50' }, [], { lead_id: '1001', limit: '50' }, {}],
  ])('%s', (_, values, carried, sent, dropped) => {
    expect(formToSubmit(form(values), carried)).toEqual({ form: form(sent), dropped });
  });
});

describe('the lead alone', () => {
  it('keeps the lead and the page size only', () => {
    expect(leadAlone(form({ lead_id: ' 1001 ', user_id: '7', stage: 'PASTDUE', limit: '50' }))).toEqual(form({ lead_id: '1001', limit: '50' }));
  });

  it.each<[Partial<SearchForm>, number, boolean]>([
    [{ lead_id: '1001', stage: 'PASTDUE' }, 0, true],
    [{ lead_id: '1001', stage: 'PASTDUE' }, 2, false],
    [{ lead_id: '1001' }, 0, false],
    [{ stage: 'PASTDUE', user_id: '7' }, 0, false],
  ])('is offered for %o with %i matches: %s', (values, total, offered) => {
    expect(offersLeadAlone(form(values), total)).toBe(offered);
  });

  it('names what was left out as the chips read', () => {
    expect(droppedText({ user_id: '70003', stage: 'PASTDUE' })).toBe('User ID 70003, Stage Past due');
  });
});
