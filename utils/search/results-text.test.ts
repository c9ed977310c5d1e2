import { describe, expect, it } from 'vitest';
import { normalizeCallback } from '../core/api/normalize';
import { EMPTY_FORM } from './form-state';
import type { Results } from './results';
import { emptyText, scopeText, summaryText } from './results-text';

const rows = (n: number) => Array.from({ length: n }, (_, i) => normalizeCallback({ id: String(i) }));

describe('the sentences around a list', () => {
  it('an empty list says what was looked for', () => {
    expect(emptyText({ kind: 'due' })).toBe('None of your callbacks need action: nothing is past due or due today.');
    expect(emptyText({ kind: 'upcoming' })).toBe('The account has no callbacks from today on.');
    expect(emptyText({ kind: 'filters', form: { ...EMPTY_FORM, lead_id: '1' } })).toBe('No callbacks matched Lead ID 1.');
  });

  it('an order that covers the page says so, and what to do', () => {
    const page: Results = { mode: 'page', page: { offset: 0, limit: 20, total: 12250, results: rows(20) } };
    expect(scopeText('page', 'time-desc', page, 'en-US')).toBe(
      '“Time, latest first” orders this page only: 12,250 callbacks match, more than the 5,000 that can be sorted together. Narrow the dates to sort every match.',
    );
    const unknown: Results = { mode: 'page', page: { offset: 0, limit: 20, total: 20, results: rows(20), totalAtLeast: true } };
    expect(scopeText('page', 'agent', unknown, 'en-US')).toMatch(/^“Agent, A–Z” orders this page only: Convoso did not say how many/);
    expect(scopeText('every', 'time-desc', page, 'en-US')).toBe('');
    expect(scopeText(null, 'received', page, 'en-US')).toBe('');
  });

  it('the first pages of a larger set say how many were sorted', () => {
    const capped: Results = { mode: 'all', callbacks: rows(30), offset: 0, limit: 20, capped: { total: 9000, atLeast: false } };
    expect(scopeText('held', 'time-asc', capped, 'en-US')).toBe('“Time, earliest first” orders the first 30 callbacks only: more than 5,000 match. Narrow the dates to sort every match.');
    expect(summaryText({ offset: 0, limit: 20, total: 30, results: rows(20) }, capped, 'en-US')).toBe('9,000 callbacks, showing 1–20 of the first 30 callbacks.');
  });
});
