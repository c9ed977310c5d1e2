import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LeadSummary } from '../../utils/messaging/lead-summary';
import { badgeText } from './summary-text';

// The badge writes its line once per page load, in a renderer that has built no
// Intl formatter yet: the first one costs that page about 11 ms (measured in
// Chromium). In en-US with no account zone (the default) the line builds none.

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

afterEach(() => vi.restoreAllMocks());

describe('the badge line in en-US', () => {
  it.each([
    ['tomorrow', wallIn(1, 9, 5), /^12,250 callbacks · 3 past due · Next: tomorrow 9:05 AM$/],
    ['later this week', wallIn(3, 15, 30), /^12,250 callbacks · 3 past due · Next: (Sun|Mon|Tue|Wed|Thu|Fri|Sat) 3:30 PM$/],
    ['in two months', wallIn(60, 0, 0), /^12,250 callbacks · 3 past due · Next: [A-Z][a-z]{2} \d{1,2}(, \d{4})?, 12:00 AM$/],
  ])('a callback %s builds no Intl formatter', (_, next, text) => {
    const dates = vi.spyOn(Intl, 'DateTimeFormat');
    const numbers = vi.spyOn(Intl, 'NumberFormat');
    expect(badgeText(summary(next), new Date(), 'en-US')).toMatch(text);
    expect(dates).not.toHaveBeenCalled();
    expect(numbers).not.toHaveBeenCalled();
  });

  it('says the same as Intl would', () => {
    const next = wallIn(4, 18, 45);
    const ms = Date.parse(`${next}Z`);
    const fmt = (o: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('en-US', { ...o, timeZone: 'UTC' }).format(ms).replace(/[\u202f\u00a0]/g, ' ');
    expect(badgeText(summary(next, 1234, 0), new Date(), 'en-US')).toBe(
      `${new Intl.NumberFormat('en-US').format(1234)} callbacks · Next: ${fmt({ weekday: 'short' })} ${fmt({ hour: 'numeric', minute: '2-digit' })}`,
    );
  });
});
