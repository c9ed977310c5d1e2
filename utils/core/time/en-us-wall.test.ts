import { describe, expect, it } from 'vitest';
import { enUsWall } from './en-us-wall';

const SHAPES: Intl.DateTimeFormatOptions[] = [
  { hour: 'numeric', minute: '2-digit' },
  { weekday: 'short' },
  { month: 'short', day: 'numeric' },
  { month: 'short', day: 'numeric', year: 'numeric' },
  { month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit' },
];

const intl = (ms: number, options: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat('en-US', { ...options, timeZone: 'UTC' }).format(ms).replace(/[\u202f\u00a0]/g, ' ');

// Every hour and a spread of minutes of two days, every day of a leap year and of
// the years around it, a few far years.
const INSTANTS = [
  ...Array.from({ length: 48 }, (_, h) => Date.UTC(2026, 10, 30, h, (h * 7) % 60)),
  ...Array.from({ length: 366 }, (_, d) => Date.UTC(2024, 0, 1 + d, 12, 0)),
  ...Array.from({ length: 24 }, (_, m) => Date.UTC(2025, m, 31, 23, 59)),
  Date.UTC(1000, 0, 1),
  Date.UTC(1999, 11, 31, 23, 59),
  Date.UTC(9999, 11, 31, 12, 30),
];

describe('enUsWall', () => {
  it.each(SHAPES.map((s) => [JSON.stringify(s), s] as const))('writes %s as Intl does, at every instant', (_, shape) => {
    for (const ms of INSTANTS) expect(enUsWall(ms, shape)).toBe(intl(ms, shape));
  });

  it.each([
    ['noon', Date.UTC(2026, 0, 5, 12, 0), { hour: 'numeric', minute: '2-digit' }, '12:00 PM'],
    ['midnight', Date.UTC(2026, 0, 5, 0, 0), { hour: 'numeric', minute: '2-digit' }, '12:00 AM'],
    ['one minute to midnight', Date.UTC(2026, 0, 5, 23, 59), { hour: 'numeric', minute: '2-digit' }, '11:59 PM'],
    ['a single-digit day', Date.UTC(2026, 11, 3, 9, 5), { month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit' }, 'Dec 3, 2026, 9:05 AM'],
  ] as const)('%s', (_, ms, shape, text) => {
    expect(enUsWall(ms, shape)).toBe(text);
  });

  it.each([
    ['a long month', { month: 'long', day: 'numeric' }],
    ['a 24-hour clock', { hour: 'numeric', minute: '2-digit', hour12: false }],
    ['two-digit hours', { hour: '2-digit', minute: '2-digit' }],
    ['seconds', { hour: 'numeric', minute: '2-digit', second: '2-digit' }],
    ['a zone name', { hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }],
    ['a weekday with the date', { weekday: 'short', month: 'short', day: 'numeric' }],
  ] as const)('leaves %s to Intl', (_, shape) => {
    expect(enUsWall(Date.UTC(2026, 5, 1), shape as Intl.DateTimeFormatOptions)).toBeNull();
  });

  it.each([
    ['year 999', Date.UTC(999, 0, 1)],
    ['year 10000', Date.UTC(10000, 0, 1)],
    ['an invalid date', Number.NaN],
  ])('leaves %s to Intl', (_, ms) => {
    expect(enUsWall(ms, { month: 'short', day: 'numeric', year: 'numeric' })).toBeNull();
  });
});
