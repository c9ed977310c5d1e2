import type { LeadSummary } from '../../utils/lookup/lookup-messages';
import { formatWallMs, zoneSuffix } from '../../utils/core/time/format-time';
import type { Zones } from '../../utils/core/time/time-zone';
import { MINUTE_MS, nowWallMs, wallDay, wallTimeMs } from '../../utils/core/time/wall-clock';

// The badge's and the chips' words for a lead summary, computed at each redraw so
// "today" and "in 2 h" follow the clock without asking the background again.

const LOCALE = 'en-US';
/** An answer older than this says how old it is. */
export const OLD_AFTER_MS = 5 * MINUTE_MS;

/** The zones a summary's times are read in: its account zone, this browser's own. */
export function summaryZones(summary: Pick<LeadSummary, 'timeZone'>, browser?: string): Zones {
  return { account: summary.timeZone, browser };
}

let numbers: Intl.NumberFormat | undefined;
const count = (n: number) => (numbers ??= new Intl.NumberFormat(LOCALE)).format(n);
const callbacks = (n: number) => `${count(n)} ${n === 1 ? 'callback' : 'callbacks'}`;

/** "No callbacks", "1 callback", "3 callbacks · 1 past due", "At least 100 callbacks". */
export function countText(summary: LeadSummary): string {
  if (summary.total === 0 && summary.shown === 0) return 'No callbacks';
  const total = `${summary.totalAtLeast ? 'At least ' : ''}${callbacks(summary.total)}`;
  return summary.overdue > 0 ? `${total} · ${count(summary.overdue)} past due` : total;
}

/**
 * "Next: today 3:30 PM", "Next: tomorrow 9:00 AM", "Next: Tue 9:00 AM", "Next: Dec 3, 9:00 AM" (a year only when it differs);
 * "today" is the account's today, and the time says "PT" when the browser's clock reads otherwise.
 */
export function nextText(summary: LeadSummary, now: Date, browserZone?: string): string | null {
  const at = wallTimeMs(summary.next);
  if (at === null) return null;
  const zones = summaryZones(summary, browserZone);
  const nowMs = nowWallMs(now, zones);
  const days = wallDay(at) - wallDay(nowMs);
  const time = formatWallMs(at, LOCALE, { hour: 'numeric', minute: '2-digit' }) + zoneSuffix(at, zones, LOCALE);
  let day: string;
  if (days === 0) day = 'today';
  else if (days === 1) day = 'tomorrow';
  else if (days > 1 && days < 7) day = formatWallMs(at, LOCALE, { weekday: 'short' });
  else {
    const sameYear = new Date(at).getUTCFullYear() === new Date(nowMs).getUTCFullYear();
    day = `${formatWallMs(at, LOCALE, sameYear ? { month: 'short', day: 'numeric' } : { month: 'short', day: 'numeric', year: 'numeric' })},`;
  }
  return `Next: ${day} ${time}`;
}

/** The badge's whole line: counts, then the next callback when there is one. */
export function badgeText(summary: LeadSummary, now: Date, browserZone?: string): string {
  const next = nextText(summary, now, browserZone);
  const counts = countText(summary);
  return next ? `${counts} · ${next}` : counts;
}

let relative: Intl.RelativeTimeFormat | undefined;

/** "checked 8 minutes ago", "checked 1 hour ago" for an answer older than OLD_AFTER_MS; null for a fresh one. */
export function ageText(asOf: number, now: Date): string | null {
  const age = now.getTime() - asOf;
  if (!(age >= OLD_AFTER_MS)) return null;
  relative ??= new Intl.RelativeTimeFormat(LOCALE, { numeric: 'always' });
  const minutes = Math.floor(age / MINUTE_MS);
  return `checked ${minutes < 60 ? relative.format(-minutes, 'minute') : relative.format(-Math.floor(minutes / 60), 'hour')}`;
}

/** A chip's words: "3 callbacks · 1 past due"; nothing for a lead without callbacks. */
export function chipText(summary: LeadSummary): string | null {
  if (summary.total === 0 && summary.shown === 0) return null;
  return countText(summary);
}
