import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LeadSummary } from '../../utils/lookup/lookup-messages';
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

/** The background's summary of one pending callback at `next`, on `zone`'s clock. */
async function summarizedIn(zone: string, next: string, now: Date): Promise<LeadSummary> {
  const { summarizeLead } = await import('../../utils/lookup/summarize-lead');
  const { readCallback } = await import('../../utils/core/api/normalize');
  const callback = readCallback({ id: '1', lead_id: '55', stage: 'PENDING', callback_time: next.replace('T', ' ') });
  return summarizeLead('55', { offset: 0, limit: 100, total: 1, results: [callback] }, now, zone);
}

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

describe('the badge line with an account zone', () => {
  // The summary is made in the background (Intl there); the badge writes its line from
  // the clock the summary carries, building and calling no Intl formatter.
  it.each([
    ['America/Los_Angeles', wallIn(1, 9, 30)],
    ['Asia/Tokyo', wallIn(2, 23, 0)],
    ['Europe/Berlin', wallIn(3, 7, 15)],
  ])('%s: the same words as Intl gives, without Intl', async (zone, next) => {
    const now = new Date();
    const made = await summarizedIn(zone, next, now);
    expect(made.clock).toBeDefined();
    expect(made.next).not.toBeNull();
    const viaIntl = badgeText({ ...made, clock: undefined }, now, 'en-US');

    // Formatters already built (by the summary, above) are watched through their prototype.
    const proto = Intl.DateTimeFormat.prototype;
    const calls = [
      // `format` is a getter (it hands out a bound function).
      vi.spyOn(proto as unknown as { readonly format: string }, 'format', 'get'),
      vi.spyOn(proto, 'formatToParts'),
      vi.spyOn(Intl, 'DateTimeFormat'),
      vi.spyOn(Intl, 'NumberFormat'),
    ];
    expect(badgeText(made, now, 'en-US')).toBe(viaIntl);
    for (const call of calls) expect(call).not.toHaveBeenCalled();
  });

  it('past the clock’s stretch it asks Intl again', () => {
    const made: LeadSummary = { ...summary(wallIn(1, 9, 0)), timeZone: 'UTC', clock: { offsetMs: 0, from: 0, until: 1, nextLabel: '', labelAt: 0, labelOffset: 0 } };
    const built = vi.spyOn(Intl.DateTimeFormat.prototype, 'formatToParts');
    badgeText(made, new Date(), 'en-US');
    expect(built).toHaveBeenCalled();
  });
});

describe('when the badge does not use the clock the summary carries', () => {
  // A clock that reads 6 h ahead and labels everything "XT": only the fallback
  // (Intl, the summary's real zone) gives the right words.
  const zone = 'America/Los_Angeles';
  async function madeWithWrongClock(): Promise<{ made: LeadSummary; truth: (browser?: string, locale?: string) => string }> {
    const real = await summarizedIn(zone, wallIn(2, 10, 0), new Date());
    const made: LeadSummary = { ...real, clock: { ...real.clock!, offsetMs: real.clock!.offsetMs + 6 * 3_600_000, nextLabel: 'XT' } };
    return { made, truth: (browser, locale = 'en-US') => badgeText({ ...real, clock: undefined }, new Date(), locale, browser) };
  }

  it('a browser zone named by the caller', async () => {
    const { made, truth } = await madeWithWrongClock();
    expect(badgeText(made, new Date(), 'en-US', 'Asia/Tokyo')).toBe(truth('Asia/Tokyo'));
  });
  it('another locale', async () => {
    const { made, truth } = await madeWithWrongClock();
    expect(badgeText(made, new Date(), 'en-GB')).toBe(truth(undefined, 'en-GB'));
  });
  it('the label, once the browser reads another offset at that time (its zone changed)', async () => {
    const { made } = await madeWithWrongClock();
    const moved: LeadSummary = { ...made, clock: { ...made.clock!, offsetMs: made.clock!.offsetMs - 6 * 3_600_000, labelOffset: made.clock!.labelOffset + 60 } };
    expect(badgeText(moved, new Date(), 'en-US')).not.toMatch(/XT/);
  });
});
