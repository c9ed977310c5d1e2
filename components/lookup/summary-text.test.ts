import { describe, expect, it } from 'vitest';
import type { LeadSummary } from '../../utils/lookup/lookup-messages';
import { badgeText } from './summary-text';

/** Local wall time `days` from now at hh:mm, as Convoso writes it. */
function wallIn(days: number, hh: number, mm: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  d.setHours(hh, mm, 0, 0);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
}

const summary = (next: string | null, total = 12250, overdue = 3): LeadSummary => ({
  leadId: '55',
  total,
  shown: 20,
  urgency: overdue ? 'past_due' : 'upcoming',
  next: next ? { local: next } : null,
  overdue,
  callbacks: [],
});

describe('the badge line (Intl)', () => {
  it.each([
    ['tomorrow', wallIn(1, 9, 5), /^12,250 callbacks · 3 past due · Next: tomorrow 9:05 AM$/],
    ['later this week', wallIn(3, 15, 30), /^12,250 callbacks · 3 past due · Next: (Sun|Mon|Tue|Wed|Thu|Fri|Sat) 3:30 PM$/],
    ['in two months', wallIn(60, 0, 0), /^12,250 callbacks · 3 past due · Next: [A-Z][a-z]{2} \d{1,2}(, \d{4})?, 12:00 AM$/],
  ])('a callback %s', (_, next, text) => {
    expect(badgeText(summary(next), new Date(), 'en-US')).toMatch(text);
  });

  it('in another locale', () => {
    expect(badgeText(summary(null, 1234, 0), new Date(), 'de-DE')).toBe('1.234 callbacks');
  });
});
