import type { LeadSummary } from '../../utils/lookup/lookup-messages';
import { formatWallMs, zoneSuffix } from '../../utils/core/time/format-time';
import type { Zones } from '../../utils/core/time/time-zone';
import { nowWallMs, wallDay, wallTimeMs } from '../../utils/core/time/wall-clock';

// The badge's words for a lead summary, computed at each redraw so "today" and
// "in 2 h" follow the clock without asking the background again.

/** The zones a summary's times are read in: its account zone, this browser's own. */
export function summaryZones(summary: Pick<LeadSummary, 'timeZone'>, browser?: string): Zones {
  return { account: summary.timeZone, browser };
}

const formatCount = (n: number, locale: string) => n.toLocaleString(locale);

/** "No callbacks", "1 callback", "3 callbacks · 1 past due", "At least 100 callbacks". */
export function countText(summary: LeadSummary, locale = 'en-US'): string {
  if (summary.total === 0 && summary.shown === 0) return 'No callbacks';
  const count = `${summary.totalAtLeast ? 'At least ' : ''}${formatCount(summary.total, locale)} ${summary.total === 1 ? 'callback' : 'callbacks'}`;
  return summary.overdue > 0 ? `${count} · ${formatCount(summary.overdue, locale)} past due` : count;
}

/**
 * "Next: today 3:30 PM", "Next: tomorrow 9:00 AM", "Next: Tue 9:00 AM", "Next: Dec 3, 9:00 AM" (a year only when it differs);
 * "today" is the account's today, and the time says "PT" when the browser's clock reads otherwise.
 */
export function nextText(summary: LeadSummary, now: Date, locale = 'en-US', browserZone?: string): string | null {
  const at = wallTimeMs(summary.next);
  if (at === null) return null;
  const zones = summaryZones(summary, browserZone);
  const nowMs = nowWallMs(now, zones);
  const days = wallDay(at) - wallDay(nowMs);
  const time = formatWallMs(at, locale, { hour: 'numeric', minute: '2-digit' }) + zoneSuffix(at, zones, locale);
  let day: string;
  if (days === 0) day = 'today';
  else if (days === 1) day = 'tomorrow';
  else if (days > 1 && days < 7) day = formatWallMs(at, locale, { weekday: 'short' });
  else {
    const sameYear = new Date(at).getUTCFullYear() === new Date(nowMs).getUTCFullYear();
    day = `${formatWallMs(at, locale, sameYear ? { month: 'short', day: 'numeric' } : { month: 'short', day: 'numeric', year: 'numeric' })},`;
  }
  return `Next: ${day} ${time}`;
}

/** The badge's one line: counts, then the next callback when there is one. */
export function badgeText(summary: LeadSummary, now: Date, locale = 'en-US', browserZone?: string): string {
  const next = nextText(summary, now, locale, browserZone);
  const count = countText(summary, locale);
  return next ? `${count} · ${next}` : count;
}
