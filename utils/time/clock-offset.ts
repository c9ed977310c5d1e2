import { canonicalTimeZone, zoneLabel, zonedWallMs } from './time-zone';
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
}

/**
 * `timeZone`'s offset at `fromMs` and the stretch (at most `spanMs`) it holds for: the
 * first change is looked for hour by hour, then narrowed to the minute.
 *
 * America/Los_Angeles from 2025-03-08T12:00Z -> -8 h until 2025-03-09T10:00Z (DST starts)
 * America/Los_Angeles from 2025-06-01T12:00Z -> -7 h for the whole span
 */
export function offsetFrom(timeZone: string, fromMs: number, spanMs = 2 * DAY_MS): ClockOffset {
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

/** The account clock a summary carries, for `next` (a wall time of that clock), or undefined without a known zone. */
export function accountClock(timeZone: string | undefined, now: Date, next: number | null): AccountClock | undefined {
  const zone = timeZone ? canonicalTimeZone(timeZone) : null;
  if (!zone) return undefined;
  return { ...offsetFrom(zone, now.getTime()), nextLabel: next === null ? '' : zoneLabel(next, { account: zone }) };
}

/** The account clock's reading at `now`, if `clock` still holds then; else null (ask Intl). */
export function readClock(clock: ClockOffset | undefined, now: Date): number | null {
  const t = now.getTime();
  return clock && t >= clock.from && t < clock.until ? t + clock.offsetMs : null;
}
