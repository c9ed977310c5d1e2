import { resolveZones, wallToInstant, zonedWallMs, type Zones } from './time-zone';

/**
 * A wall-clock time in the Convoso account's time zone, which the API never names.
 * `local` is ISO-like without a zone (`2025-06-03T15:00:00`) so it sorts as text.
 */
export type WallTime = { local: string };

// Convoso sends wall-clock times in the account's time zone and never names it;
// the options' "Account time zone" says which it is (default: the browser's).
// `now` is read as that zone's clock, and both sides are compared as wall-clock
// readings mapped onto the UTC time line ("as if UTC"): those milliseconds are
// only compared with each other, never shown. Distances ("in 2 h") go through
// real instants (wallToInstant), so a daylight-saving change in between counts.

const WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Milliseconds of a wall time on the "as if UTC" line, or null if it is not one. */
export function wallTimeMs(t: WallTime | null | undefined): number | null {
  const m = t ? WALL.exec(t.local) : null;
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((p) => (p === undefined ? 0 : Number(p))) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (mo < 1 || mo > 12 || h > 23 || mi > 59 || s > 59) return null;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  // Date.UTC rolls Feb 30 over into March: refuse instead.
  if (new Date(ms).getUTCDate() !== d) return null;
  return ms;
}

/**
 * `now` as the account zone's clock reads it, on the same line as wallTimeMs.
 * Without zones (or without an account zone), the browser's own clock.
 */
export function nowWallMs(now: Date, zones?: Zones): number {
  return zonedWallMs(now.getTime(), resolveZones(zones).account);
}

/** Days since the epoch of a wall-clock instant, for "today" / "tomorrow". */
export function wallDay(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

/** Real milliseconds from `now` to a wall time of the account (negative when past). */
export function msUntil(wallMs: number, now: Date, zones?: Zones): number {
  return wallToInstant(wallMs, resolveZones(zones).account) - now.getTime();
}

/**
 * YYYY-MM-DD of `now` in the account's zone: Convoso's dates are the account's,
 * so an agent in New York at 1 AM on a Pacific account is still in yesterday.
 */
export function localDate(now: Date, zones?: Zones): string {
  return new Date(nowWallMs(now, zones)).toISOString().slice(0, 10);
}
