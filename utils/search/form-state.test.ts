import { describe, expect, it } from 'vitest';
import {
  EMPTY_FORM,
  checkForm,
  formFromParams,
  formToInput,
  formToParams,
  hasMoreFilters,
  type SearchForm,
} from './form-state';

const form = (values: Partial<SearchForm>): SearchForm => ({ ...EMPTY_FORM, ...values });

describe('formFromParams', () => {
  it.each([
    ['lead_id=123', { lead_id: '123' }, 0],
    ['lead_id=%20123%20&stage=pending', { lead_id: '123', stage: 'PENDING' }, 0],
    ['stage=past_due&recipient=personal', { stage: 'PASTDUE', recipient: 'Personal' }, 0],
    ['start_date=2025-06-01&end_date=2025-06-30&limit=50&offset=40', { start_date: '2025-06-01', end_date: '2025-06-30', limit: '50' }, 40],
    ['id=7&comments=call+back', { id: '7', comments: 'call back' }, 0],
  ])('reads %s', (query, expected, offset) => {
    expect(formFromParams(new URLSearchParams(query))).toEqual({ form: form(expected), offset });
  });

  it.each([
    ['auth_token=test-token-not-real-0001&evil=1', {}],
    ['offset=-5', {}],
    ['offset=abc', {}],
    ['stage=SOMETIMES', { stage: 'SOMETIMES' }],
  ])('ignores or keeps as typed: %s', (query, expected) => {
    expect(formFromParams(new URLSearchParams(query))).toEqual({ form: form(expected), offset: 0 });
  });

  it('bounds every value to 500 characters', () => {
    const { form: f } = formFromParams(new URLSearchParams({ comments: 'x'.repeat(900) }));
    expect(f.comments).toHaveLength(500);
  });
});

describe('formToParams round-trips with formFromParams', () => {
  it.each([
    [form({ lead_id: '424242' }), 0, 'lead_id=424242'],
    [form({ stage: 'PASTDUE', user_id: '5', limit: '100' }), 200, 'user_id=5&stage=PASTDUE&limit=100&offset=200'],
    [form({ comments: 'a&b=c' }), 0, 'comments=a%26b%3Dc'],
    [EMPTY_FORM, 0, ''],
  ])('%o at %i', (f, offset, text) => {
    const params = formToParams(f, offset);
    expect(params.toString()).toBe(text);
    expect(formFromParams(params)).toEqual({ form: f, offset });
  });
});

describe('formToInput', () => {
  it('sends only the filters set, and the page size only when chosen', () => {
    expect(formToInput(form({ lead_id: ' 12 ', comments: '  ' }), 40)).toEqual({ lead_id: '12', offset: 40 });
    expect(formToInput(form({ limit: '50' }), 0)).toEqual({ limit: '50', offset: 0 });
  });
});

describe('hasMoreFilters', () => {
  it.each([
    [form({ comments: 'x' }), true],
    [form({ account_id: '1' }), true],
    [form({ id: '1' }), true],
    [form({ list_id: '1' }), true],
    [form({ lead_id: '1', stage: 'PENDING' }), false],
    [form({ comments: '   ' }), false],
  ])('hasMoreFilters(%o) is %s', (f, expected) => {
    expect(hasMoreFilters(f)).toBe(expected);
  });
});

describe('checkForm', () => {
  it('accepts a valid form', () => {
    expect(checkForm(form({ lead_id: '424242', stage: 'PENDING' }), 20)).toEqual({
      ok: true,
      input: { lead_id: '424242', stage: 'PENDING', offset: 20 },
    });
  });

  it.each([
    [form({ lead_id: 'abc' }), ['lead_id']],
    [form({ campaign_id: '12x', user_id: '-3' }), ['campaign_id', 'user_id']],
    [form({ start_date: '2025-02-30' }), ['start_date']],
    [form({ start_date: '2025-06-10', end_date: '2025-06-01' }), ['end_date']],
    [form({ stage: 'SOMETIMES' }), ['stage']],
  ])('reports every problem of %o', (f, fields) => {
    const result = checkForm(f, 0);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues.map((i) => i.field)).toEqual(fields);
      for (const issue of result.issues) expect(issue.message).not.toBe('');
    }
  });

  it('a date input the browser could not read is an error, not "no date"', () => {
    const result = checkForm(form({ lead_id: 'x' }), 0, new Set(['end_date']));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues.map((i) => i.field)).toEqual(['end_date', 'lead_id']);
      expect(result.issues[0]!.message).toMatch(/End date must be a real date/);
    }
  });
});
