import { afterEach, describe, expect, it, vi } from 'vitest';
import { accountClock, offsetFrom, readClock } from './clock-offset';
import { zonedWallMs } from './time-zone';

const LA = 'America/Los_Angeles';
const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);

afterEach(() => vi.useRealTimers());

describe('offsetFrom', () => {
  it.each([
    // [zone, from, offset, until]
    ['DST starts in 22 h', LA, '2025-03-08T12:00:00Z', -8 * HOUR, '2025-03-09T10:00:00Z'],
    ['DST ends in 2 h', LA, '2025-11-02T07:00:00Z', -7 * HOUR, '2025-11-02T09:00:00Z'],
    ['no change within the span', LA, '2025-06-01T12:00:00Z', -7 * HOUR, '2025-06-03T12:00:00Z'],
    ['a zone without DST', 'Asia/Kolkata', '2025-03-08T12:00:00Z', 5.5 * HOUR, '2025-03-10T12:00:00Z'],
    ['a half-hour DST change (Lord Howe)', 'Australia/Lord_Howe', '2025-04-05T12:00:00Z', 11 * HOUR, '2025-04-05T15:00:00Z'],
  ])('%s', (_, zone, from, offset, until) => {
    const got = offsetFrom(zone, at(from));
    expect(got.offsetMs).toBe(offset);
    expect(got.from).toBe(at(from));
    // Narrowed to within a minute before the change, never past it.
    expect(got.until).toBeLessThanOrEqual(at(until));
    expect(got.until).toBeGreaterThan(at(until) - 60_000);
  });

  it('reads as Intl does at every minute it covers', () => {
    const got = offsetFrom(LA, at('2025-03-09T09:00:00Z'));
    for (let t = got.from; t < got.until; t += 60_000) expect(t + got.offsetMs).toBe(zonedWallMs(t, LA));
  });
});

describe('readClock', () => {
  const clock = { offsetMs: -8 * HOUR, from: at('2025-03-08T12:00:00Z'), until: at('2025-03-09T10:00:00Z') };
  it.each([
    ['at its start', '2025-03-08T12:00:00Z', at('2025-03-08T04:00:00Z')],
    ['inside', '2025-03-09T09:59:00Z', at('2025-03-09T01:59:00Z')],
    ['at its end', '2025-03-09T10:00:00Z', null],
    ['before its start', '2025-03-08T11:59:00Z', null],
  ])('%s', (_, now, reading) => {
    expect(readClock(clock, new Date(now))).toBe(reading);
  });
  it('without a clock', () => expect(readClock(undefined, new Date())).toBeNull());
});

describe('accountClock', () => {
  it('none without a zone, or with one Intl does not know', () => {
    expect(accountClock(undefined, new Date(), null)).toBeUndefined();
    expect(accountClock('Mars/Olympus_Mons', new Date(), null)).toBeUndefined();
  });
  it('the offset, and no label without a next callback', () => {
    expect(accountClock('america/los_angeles', new Date('2025-06-01T12:00:00Z'), null)).toMatchObject({ offsetMs: -7 * HOUR, nextLabel: '' });
  });
});

describe('a clock read back from storage', () => {
  it('holds for at most two days, with a label of letters, digits and + - :', async () => {
    const { LeadSummarySchema } = await import('../../lookup/background/lead-cache-schema');
    const v = await import('valibot');
    const base = { leadId: '55', total: 0, shown: 0, urgency: 'empty', next: null, overdue: 0, callbacks: [], timeZone: LA };
    const clock = { offsetMs: -8 * HOUR, from: 0, until: 2 * 24 * HOUR, nextLabel: 'GMT+5:30', labelAt: 0, labelOffset: 0 };
    expect(v.safeParse(LeadSummarySchema, { ...base, clock }).success).toBe(true);
    for (const bad of [{ until: 1e300, from: -1e300 }, { until: 0 }, { nextLabel: '<b>PT</b>' }, { offsetMs: 20 * HOUR }]) {
      expect(v.safeParse(LeadSummarySchema, { ...base, clock: { ...clock, ...bad } }).success).toBe(false);
    }
  });
});
