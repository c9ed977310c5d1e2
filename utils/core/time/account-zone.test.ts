import { describe, expect, it } from 'vitest';
import { readCallback } from '../api/normalize';
import type { SearchPage } from '../api/model';
import { localDate } from './wall-clock';
import { whenOf } from '../format/when';
import { formatWallTime, relativeTime } from './format-time';
import { badgeText, nextText } from '../../../components/lookup/summary-text';
import { summarizeLead } from '../../lookup/summarize-lead';

// Issue 9: an agent whose browser is in New York works a Pacific account.
// Convoso writes times on the account's clock; every comparison with now reads
// now on that clock, and the times say "PT" where the browser's clock differs.
// Clocks are fixed instants; the browser's zone is passed in, never the process's.

const LA = 'America/Los_Angeles';
const NY = 'America/New_York';
const at = (iso: string) => new Date(iso);

function leadPage(...times: [string, string][]): SearchPage {
  const results = times.map(([time, stage], i) => readCallback({ id: String(i + 1), lead_id: '55', stage, callback_time: time }));
  return { offset: 0, limit: 100, total: results.length, results };
}

describe('relative times and urgency in the account’s zone', () => {
  // 12:00 in New York = 9:00 in Los Angeles, January (EST/PST).
  const now = at('2025-01-15T17:00:00Z');
  const tenPacific = { local: '2025-01-15T10:00:00' };

  it('a callback due at 10:00 Pacific is "in 1 h", not "2 h overdue", for a New York browser', () => {
    expect(relativeTime(tenPacific, now, { account: LA, browser: NY })).toBe('in 1 h');
    // The old assumption (the account is in the browser's zone) gets it wrong:
    expect(relativeTime(tenPacific, now, { browser: NY })).toBe('2 h overdue');
  });
  it('the same in both zones: a Pacific browser on a Pacific account', () => {
    expect(relativeTime(tenPacific, now, { account: LA, browser: LA })).toBe('in 1 h');
    expect(relativeTime(tenPacific, now, { account: '', browser: LA })).toBe('in 1 h');
  });
  it('whenOf: as Convoso wrote it, labelled PT where the browser differs, not overdue', () => {
    expect(whenOf({ callbackTime: tenPacific, stage: 'pending' }, now, 'en-US', { account: LA, browser: NY })).toEqual({
      absolute: 'Jan 15, 2025, 10:00 AM PT',
      relative: 'in 1 h',
      overdue: false,
    });
    expect(whenOf({ callbackTime: tenPacific, stage: 'pending' }, now, 'en-US', { account: LA, browser: LA })).toEqual({
      absolute: 'Jan 15, 2025, 10:00 AM',
      relative: 'in 1 h',
      overdue: false,
    });
  });
  it('a callback 8:00 Pacific is overdue by 1 h in both browsers', () => {
    const eight = { callbackTime: { local: '2025-01-15T08:00:00' }, stage: 'pending' as const };
    expect(whenOf(eight, now, 'en-US', { account: LA, browser: NY })).toMatchObject({ relative: '1 h overdue', overdue: true });
    expect(whenOf(eight, now, 'en-US', { account: LA, browser: LA })).toMatchObject({ relative: '1 h overdue', overdue: true });
  });
  it('formatWallTime labels with the account zone only when asked to and when it differs', () => {
    expect(formatWallTime(tenPacific, 'en-US')).toBe('Jan 15, 2025, 10:00 AM');
    expect(formatWallTime(tenPacific, 'en-US', { account: LA, browser: NY })).toBe('Jan 15, 2025, 10:00 AM PT');
    expect(formatWallTime(tenPacific, 'en-US', { account: NY, browser: NY })).toBe('Jan 15, 2025, 10:00 AM');
  });
});

describe('across a daylight-saving change', () => {
  // Saturday 2025-03-08 10:00 PST; clocks spring forward that night.
  const now = at('2025-03-08T18:00:00Z');
  it('Sunday 10:00 PDT is 23 real hours away, not 24', () => {
    expect(relativeTime({ local: '2025-03-09T10:00:00' }, now, { account: LA, browser: NY })).toBe('in 23 h');
    expect(relativeTime({ local: '2025-03-09T10:00:00' }, now, { account: LA, browser: LA })).toBe('in 23 h');
  });
  it('while the account and the browser are on different sides of their changes (New York changes too, same night)', () => {
    // 2025-03-09 07:00Z: 3:00 AM EDT in New York, 11:00 PM PST Saturday in Los Angeles.
    const late = at('2025-03-09T07:00:00Z');
    expect(relativeTime({ local: '2025-03-09T00:30:00' }, late, { account: LA, browser: NY })).toBe('in 1 h');
  });
  it('Europe changes weeks later: a Berlin browser on a Pacific account in between', () => {
    // 2025-03-20 16:00Z = 9:00 PDT = 17:00 CET.
    const now2 = at('2025-03-20T16:00:00Z');
    expect(whenOf({ callbackTime: { local: '2025-03-20T09:30:00' }, stage: 'new' }, now2, 'en-US', { account: LA, browser: 'Europe/Berlin' })).toEqual({
      absolute: 'Mar 20, 2025, 9:30 AM PT',
      relative: 'in 30 min',
      overdue: false,
    });
  });
});

describe('the badge summary in the account’s zone', () => {
  // 12:00 New York = 9:00 Los Angeles.
  const now = at('2025-01-15T17:00:00Z');
  const page = leadPage(['2025-01-15 09:30:00', 'PENDING'], ['2025-01-15 08:00:00', 'COMPLETED']);

  it('a callback 30 min ahead on the account’s clock is due soon, not past due', () => {
    const summary = summarizeLead('55', page, now, LA);
    expect(summary).toMatchObject({ urgency: 'due_soon', overdue: 0, next: { local: '2025-01-15T09:30:00' }, timeZone: LA });
    expect(nextText(summary, now, NY)).toBe('Next: today 9:30 AM PT');
    expect(nextText(summary, now, LA)).toBe('Next: today 9:30 AM');
    expect(badgeText(summary, now, NY)).toBe('2 callbacks · Next: today 9:30 AM PT');
  });
  it('without an account zone the summary carries none', () => {
    expect(summarizeLead('55', page, now)).not.toHaveProperty('timeZone');
  });
  it('"today" is the account’s today: 1:00 AM in New York is still yesterday in Los Angeles', () => {
    const late = at('2025-01-16T06:00:00Z'); // 1:00 EST Jan 16 = 22:00 PST Jan 15
    const summary = summarizeLead('55', leadPage(['2025-01-15 23:00:00', 'PENDING']), late, LA);
    expect(nextText(summary, late, NY)).toBe('Next: today 11:00 PM PT');
    expect(localDate(late, { account: LA, browser: NY })).toBe('2025-01-15');
    expect(localDate(late, { account: NY, browser: NY })).toBe('2025-01-16');
  });
});

describe('the badge without a usable total (issue 9)', () => {
  it('a full page without a total says "At least"', () => {
    const page = { ...leadPage(['2025-01-15 09:30:00', 'PENDING'], ['2025-01-15 10:30:00', 'PENDING']), limit: 2, totalAtLeast: true as const };
    const now = at('2025-01-15T17:00:00Z');
    const summary = summarizeLead('55', page, now, LA);
    expect(summary).toMatchObject({ total: 2, totalAtLeast: true });
    expect(badgeText(summary, now, LA)).toBe('At least 2 callbacks · Next: today 9:30 AM');
  });
});
