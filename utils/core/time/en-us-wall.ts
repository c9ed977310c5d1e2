// The en-US words for a wall time, written out for the shapes the extension shows.
// Building a page's first Intl formatter costs its renderer about 11 ms (10.5–11.8 ms measured:
// the badge took 16–18 ms to draw "Next: today 3:30 PM" against 3 ms for "No
// callbacks"), and the badge draws once per page load. Other locales, and any other
// shape, go to Intl. en-us-wall.test.ts checks every shape against Intl itself.

const WEEKDAYS = 'SunMonTueWedThuFriSat';
const MONTHS = 'JanFebMarAprMayJunJulAugSepOctNovDec';
const three = (names: string, i: number) => names.slice(i * 3, i * 3 + 3);

/** "3:05 PM": hour: 'numeric', minute: '2-digit'. */
const clock = (d: Date) => {
  const h = d.getUTCHours();
  return `${h % 12 || 12}:${String(d.getUTCMinutes()).padStart(2, '0')} ${h < 12 ? 'AM' : 'PM'}`;
};
/** "Dec 3": month: 'short', day: 'numeric'. */
const monthDay = (d: Date) => `${three(MONTHS, d.getUTCMonth())} ${d.getUTCDate()}`;

/** Each shape by its options, written as `key:value` pairs in key order. */
const SHAPES: Record<string, (d: Date) => string> = {
  'hour:numeric,minute:2-digit': clock,
  'weekday:short': (d) => three(WEEKDAYS, d.getUTCDay()),
  'day:numeric,month:short': monthDay,
  'day:numeric,month:short,year:numeric': (d) => `${monthDay(d)}, ${d.getUTCFullYear()}`,
  'day:numeric,hour:numeric,minute:2-digit,month:short,year:numeric': (d) => `${monthDay(d)}, ${d.getUTCFullYear()}, ${clock(d)}`,
};

/**
 * `ms` (a wall time "as if UTC") in en-US words, as Intl writes it with `options` and
 * timeZone UTC (narrow no-break spaces as plain ones); null for a shape not written
 * out here, or a year outside 1000–9999.
 *
 * { hour: 'numeric', minute: '2-digit' }                            -> "12:05 AM"
 * { weekday: 'short' }                                              -> "Thu"
 * { month: 'short', day: 'numeric', year: 'numeric' }               -> "Dec 3, 2026"
 * { month: 'short', day: 'numeric', year, hour, minute }            -> "Dec 3, 2026, 12:05 AM"
 * { month: 'long', day: 'numeric' }, { hour12: false, ... }         -> null
 */
export function enUsWall(ms: number, options: Intl.DateTimeFormatOptions): string | null {
  const write = SHAPES[Object.keys(options).sort().map((k) => `${k}:${(options as Record<string, unknown>)[k]}`).join()];
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  if (!write || !(year >= 1000 && year <= 9999)) return null;
  return write(d);
}
