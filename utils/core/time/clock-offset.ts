import { canonicalTimeZone, wallToInstant, zoneLabel, zonedWallMs } from './time-zone';
import { HOUR_MS, MINUTE_MS, DAY_MS } from './wall-clock';

// The badge's line reads "now" on the account's clock and may label the next
// callback's time "PT". With an account zone both need Intl, and a page's first Intl
// formatter costs its renderer about 11 ms. The background (whose Intl is already
// built) works them out with the summary: the zone's offset from UTC and until when
// it holds, and the label; the badge reads now from them while they hold.

/** An account clock's offset from UTC, true from `from` until just before `until` (epoch ms). */
export interface ClockOffset {
  offsetMs: number;
  from: number;
  until: number;
}

/** What the badge's first line needs of an account zone, worked out in the background. */
export interface AccountClock extends ClockOffset {
  /** The label the next callback's time needs in this browser ('PT'), or ''. */
  nextLabel: string;
  /**
   * The browser's offset (Date's getTimezoneOffset, minutes) at the next callback's
   * instant when the label was worked out: a browser whose zone has changed since
   * (a laptop that travelled) reads it otherwise, and the badge asks Intl again.
   */
  labelAt: number;
  labelOffset: number;
}

/** The longest stretch a clock is trusted for (offsetFrom's span). */
export const CLOCK_SPAN_MS = 2 * DAY_MS;

/**
 * `timeZone`'s offset at `fromMs` and the stretch (at most `spanMs`) it holds for: the
 * first change is looked for hour by hour, then narrowed to the minute. (No zone
 * changes and changes back within an hour; the time zone database has no such pair.)
 *
 * America/Los_Angeles from 2025-03-08T12:00Z -> -8 h until 2025-03-09T10:00Z (DST starts)
 * America/Los_Angeles from 2025-06-01T12:00Z -> -7 h for the whole span
 */
export function offsetFrom(timeZone: string, fromMs: number, spanMs = CLOCK_SPAN_MS): ClockOffset {
  const offsetAt = (t: number) => zonedWallMs(t, timeZone) - t;
  const offsetMs = offsetAt(fromMs);
  for (let t = fromMs + HOUR_MS; t < fromMs + spanMs + HOUR_MS; t += HOUR_MS) {
    const at = Math.min(t, fromMs + spanMs);
    if (offsetAt(at) === offsetMs) continue;
    let same = at - HOUR_MS;
    let changed = at;
    while (changed - same > MINUTE_MS) {
      const mid = same + Math.floor((changed - same) / 2);
      if (offsetAt(mid) === offsetMs) same = mid;
      else changed = mid;
    }
    return { offsetMs, from: fromMs, until: same };
  }
  return { offsetMs, from: fromMs, until: fromMs + spanMs };
}

const lastOffsets = new Map<string, ClockOffset>();

/** Whether `clock` holds at the instant `t`. */
const holds = (clock: ClockOffset, t: number) => t >= clock.from && t < clock.until;

/** offsetFrom, kept per zone while it holds: every lead summarised asks again. */
function offsetNow(zone: string, t: number): ClockOffset {
  const last = lastOffsets.get(zone);
  if (last && holds(last, t)) return last;
  const fresh = offsetFrom(zone, t);
  lastOffsets.set(zone, fresh);
  return fresh;
}

/** The account clock a summary carries, for `next` (a wall time of that clock), or undefined without a known zone. */
export function accountClock(timeZone: string | undefined, now: Date, next: number | null): AccountClock | undefined {
  const zone = timeZone ? canonicalTimeZone(timeZone) : null;
  if (!zone) return undefined;
  const labelAt = next === null ? now.getTime() : wallToInstant(next, zone);
  return {
    ...offsetNow(zone, now.getTime()),
    nextLabel: next === null ? '' : zoneLabel(next, { account: zone }),
    labelAt,
    labelOffset: new Date(labelAt).getTimezoneOffset(),
  };
}

/** Whether `clock`'s label was worked out in the zone this browser is in now. */
export function labelHolds(clock: AccountClock): boolean {
  return new Date(clock.labelAt).getTimezoneOffset() === clock.labelOffset;
}

/** The account clock's reading at `now`, if `clock` still holds then; else null (ask Intl). */
export function readClock(clock: ClockOffset | undefined, now: Date): number | null {
  const t = now.getTime();
  return clock && holds(clock, t) ? t + clock.offsetMs : null;
}
