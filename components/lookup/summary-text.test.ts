import { describe, expect, it } from 'vitest';
import type { LeadSummary } from '../../utils/lookup/lookup-messages';
import { ageText, badgeText, chipText, countText, nextText } from './summary-text';

/** Local wall time `days` from now at hh:mm, as Convoso writes it. */
function wallIn(days: number, hh: number, mm: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  d.setHours(hh, mm, 0, 0);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
}

const summary = (next: string | null, total = 12250, overdue = 3, extra: Partial<LeadSummary> = {}): LeadSummary => ({
  leadId: '55',
  total,
  shown: Math.min(total, 20),
  urgency: overdue ? 'past_due' : 'upcoming',
  next: next ? { local: next } : null,
  overdue,
  callbacks: [],
  ...extra,
});

describe('the badge’s words (Intl, en-US)', () => {
  it.each([
    ['tomorrow', wallIn(1, 9, 5), /^12,250 callbacks · 3 past due · Next: tomorrow 9:05 AM$/],
    ['later this week', wallIn(3, 15, 30), /^12,250 callbacks · 3 past due · Next: (Sun|Mon|Tue|Wed|Thu|Fri|Sat) 3:30 PM$/],
    ['in two months', wallIn(60, 0, 0), /^12,250 callbacks · 3 past due · Next: [A-Z][a-z]{2} \d{1,2}(, \d{4})?, 12:00 AM$/],
  ])('a callback %s', (_, next, text) => {
    expect(badgeText(summary(next), new Date())).toMatch(text);
  });

  it.each<[string, LeadSummary, string]>([
    ['none', summary(null, 0, 0, { shown: 0 }), 'No callbacks'],
    ['one', summary(null, 1, 0), '1 callback'],
    ['some, one past due', summary(null, 3, 1), '3 callbacks · 1 past due'],
    ['a full page without a total', summary(null, 100, 0, { totalAtLeast: true }), 'At least 100 callbacks'],
  ])('counts: %s', (_, s, text) => {
    expect(countText(s)).toBe(text);
  });

  it('no next callback: the counts alone', () => {
    expect(nextText(summary(null), new Date())).toBeNull();
    expect(badgeText(summary(null, 2, 0), new Date())).toBe('2 callbacks');
  });
});

describe('the badge with an account zone', () => {
  it('labels the time with the account’s zone when the browser reads another', () => {
    // 12:00 New York on Jan 15 = 9:00 Los Angeles; the callback at 9:30 on the account's (LA) clock.
    const now = new Date('2025-01-15T17:00:00Z');
    const s = summary('2025-01-15T09:30:00', 2, 0, { timeZone: 'America/Los_Angeles' });
    expect(nextText(s, now, 'America/New_York')).toBe('Next: today 9:30 AM PT');
    expect(nextText(s, now, 'America/Los_Angeles')).toBe('Next: today 9:30 AM');
  });
});

describe('an answer’s age', () => {
  const now = new Date('2025-06-03T12:00:00Z');
  it.each<[string, number, string | null]>([
    ['fresh', now.getTime() - 60_000, null],
    ['just under five minutes', now.getTime() - 299_999, null],
    ['five minutes', now.getTime() - 300_000, 'checked 5 minutes ago'],
    ['59 minutes', now.getTime() - 59 * 60_000, 'checked 59 minutes ago'],
    ['an hour', now.getTime() - 61 * 60_000, 'checked 1 hour ago'],
    ['from the future (a clock moved)', now.getTime() + 600_000, null],
  ])('%s', (_, asOf, text) => {
    expect(ageText(asOf, now)).toBe(text);
  });
});

describe('a chip’s words', () => {
  it('read as callbacks, and say nothing for a lead without any', () => {
    expect(chipText(summary(null, 3, 1))).toBe('3 callbacks · 1 past due');
    expect(chipText(summary(null, 1, 0))).toBe('1 callback');
    expect(chipText(summary(null, 0, 0, { shown: 0 }))).toBeNull();
  });
});
