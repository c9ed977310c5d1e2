import type { WallTime } from './wall-clock';
import { zoneLabel, type Zones } from './time-zone';
import { DAY_MS, HOUR_MS, MINUTE_MS, msUntil, wallTimeMs } from './wall-clock';

// Wall times are formatted as what they are, a reading of the account's clock:
// their "as if UTC" instant is formatted in UTC, so the browser's own zone never
// shifts them. ICU's narrow no-break spaces ("3:00\u202fPM") become plain spaces so
// the text is the same on every engine and ICU version.

function tidy(text: string): string {
  return text.replace(/[\u202f\u00a0]/g, ' ');
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A cached UTC formatter: building Intl formatters is slow, badges format a lot. */
export function wallFormatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
    formatters.set(key, formatter);
  }
  return formatter;
}

export function formatWallMs(ms: number, locale: string, options: Intl.DateTimeFormatOptions): string {
  return tidy(wallFormatter(locale, options).format(ms));
}

/** " PT" when the account's clock is not the browser's, else ''. */
export function zoneSuffix(ms: number, zones: Zones | undefined, locale: string): string {
  const label = zones ? zoneLabel(ms, zones, locale) : '';
  return label ? ` ${label}` : '';
}

/**
 * "Jun 3, 2025, 3:00 PM", as Convoso wrote it, and "Jun 3, 2025, 3:00 PM PT"
 * when the account's zone reads differently from the browser's; a time that
 * does not parse is shown as it came.
 */
export function formatWallTime(t: WallTime, locale = 'en-US', zones?: Zones): string {
  const ms = wallTimeMs(t);
  if (ms === null) return t.local;
  const text = formatWallMs(ms, locale, { month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit' });
  return text + zoneSuffix(ms, zones, locale);
}

/**
 * Compact real distance from `now` to a time of the account's clock: "now" within a
 * minute either way, then whole minutes, hours, days, rounded down:
 * "in 5 min", "in 2 h", "in 3 d", "45 min overdue", "3 d overdue". Empty for a
 * time that does not parse.
 */
export function relativeTime(t: WallTime, now: Date, zones?: Zones): string {
  const ms = wallTimeMs(t);
  if (ms === null) return '';
  const diff = msUntil(ms, now, zones);
  const abs = Math.abs(diff);
  if (abs < MINUTE_MS) return 'now';
  const amount =
    abs < HOUR_MS ? `${Math.floor(abs / MINUTE_MS)} min` : abs < DAY_MS ? `${Math.floor(abs / HOUR_MS)} h` : `${Math.floor(abs / DAY_MS)} d`;
  return diff > 0 ? `in ${amount}` : `${amount} overdue`;
}
