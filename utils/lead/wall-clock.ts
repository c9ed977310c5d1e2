import type { WallTime } from '../api/model';

// Convoso sends wall-clock times in the account's time zone and never names it.
// We assume the agent's browser runs in that same zone (agents work the account's
// hours), so `now` is read with its *local* getters and both sides are compared as
// naive wall-clock times. To keep arithmetic free of DST jumps and of the test
// machine's zone, both are mapped onto the UTC time line ("as if UTC"): the
// resulting milliseconds are only ever compared with each other, never shown.

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

/** `now` as a wall-clock time of the browser's zone, on the same line as wallTimeMs. */
export function nowWallMs(now: Date): number {
  return Date.UTC(
    now.getFullYear(),
    now.getMonth(),
    now.getDate(),
    now.getHours(),
    now.getMinutes(),
    now.getSeconds(),
    now.getMilliseconds(),
  );
}

/** Days since the epoch of a wall-clock instant, for "today" / "tomorrow". */
export function wallDay(ms: number): number {
  return Math.floor(ms / DAY_MS);
}
