import { CALLBACK_STAGES, CLOSED_STAGES, type Callback, type CallbackStage, type SearchPage, type WallTime } from '../api/model';
import { clip } from '../format/clip';
import { callbacksText, formatCount } from '../format/count';
import { formatWallMs, zoneSuffix } from './format-time';
import type { Zones } from './time-zone';
import { HOUR_MS, msUntil, nowWallMs, wallDay, wallTimeMs } from './wall-clock';

// What a content script may learn about a lead: only what the badge shows, no raw
// API fields. Times are compared with `now` read in the Convoso account's time
// zone (the options' setting; the API never names it), see wall-clock.ts. The
// summary carries that zone, so the badge computes "in 2 h" at every redraw
// without reading settings itself.

export interface BadgeCallback {
  id: string;
  callbackTime: WallTime | null;
  stage: CallbackStage;
  stageLabel: string;
  userName: string;
  campaignName: string;
  /** Cut to COMMENT_MAX characters (the other texts to FIELD_MAX): the badge shows a line, not a record. */
  comments: string;
  /** Open and due before now (or marked past due by Convoso), whatever `stage` says. */
  overdue: boolean;
}

export type LeadUrgency = 'past_due' | 'due_soon' | 'upcoming' | 'none' | 'empty';

export interface LeadSummary {
  leadId: string;
  /** Callbacks of the lead according to the API (may exceed `shown`). */
  total: number;
  /** Convoso gave no usable total and the page was full: there may be more than `total`. */
  totalAtLeast?: true;
  /** Callbacks on the page summarised. */
  shown: number;
  /** past_due: some open callback is overdue; due_soon: the next is within 60 min; upcoming: open ones later or undated; none: none open; empty: no callbacks. */
  urgency: LeadUrgency;
  /** The earliest open callback at or after now. */
  next: WallTime | null;
  overdue: number;
  /** At most BADGE_CALLBACKS: overdue oldest first, then upcoming soonest first, open undated, then closed most recent first. */
  callbacks: BadgeCallback[];
  /** The account's IANA zone the times are written in; absent: the browser's. */
  timeZone?: string;
}

export const BADGE_CALLBACKS = 10;
export const COMMENT_MAX = 200;
/** Every other text field of a badge callback: a name or a label is one line. */
export const FIELD_MAX = 120;
export const DUE_SOON_MS = HOUR_MS;

/** Stages that still need a call: all but CLOSED_STAGES ('unknown' counts as open, see model.ts). */
export const OPEN_STAGES: ReadonlySet<CallbackStage> = new Set(CALLBACK_STAGES.filter((stage) => !CLOSED_STAGES.has(stage)));

// Sort groups, most urgent first.
const OVERDUE = 0;
const UPCOMING = 1;
const OPEN_UNDATED = 2;
const CLOSED = 3;

interface Ranked {
  callback: Callback;
  at: number | null;
  group: number;
}

function rank(callback: Callback, nowMs: number): Ranked {
  const at = wallTimeMs(callback.callbackTime);
  if (CLOSED_STAGES.has(callback.stage)) return { callback, at, group: CLOSED };
  if (callback.stage === 'past_due' || (at !== null && at < nowMs)) return { callback, at, group: OVERDUE };
  return { callback, at, group: at === null ? OPEN_UNDATED : UPCOMING };
}

function compareRanked(a: Ranked, b: Ranked): number {
  if (a.group !== b.group) return a.group - b.group;
  if (a.at !== b.at) {
    if (a.at === null) return 1;
    if (b.at === null) return -1;
    return a.group === CLOSED ? b.at - a.at : a.at - b.at;
  }
  return a.callback.id < b.callback.id ? -1 : a.callback.id > b.callback.id ? 1 : 0;
}

function toBadge({ callback, group }: Ranked): BadgeCallback {
  return {
    id: clip(callback.id, FIELD_MAX),
    callbackTime: callback.callbackTime,
    stage: callback.stage,
    stageLabel: clip(callback.stageLabel, FIELD_MAX),
    userName: clip(callback.userName, FIELD_MAX),
    campaignName: clip(callback.campaignName, FIELD_MAX),
    comments: clip(callback.comments, COMMENT_MAX),
    overdue: group === OVERDUE,
  };
}

/**
 * The badge's view of one search page for `leadId`. Results for other leads (an
 * API that ignored the filter) are dropped, and then the API's total is no longer
 * trusted: `total` becomes what is left.
 */
export function summarizeLead(leadId: string, page: SearchPage, now: Date, timeZone?: string): LeadSummary {
  const zones: Zones = { account: timeZone };
  const nowMs = nowWallMs(now, zones);
  const mine = page.results.filter((c) => c.leadId === leadId);
  const total = mine.length === page.results.length ? Math.max(page.total, mine.length) : mine.length;

  const ranked = mine.map((c) => rank(c, nowMs)).sort(compareRanked);
  const overdue = ranked.filter((r) => r.group === OVERDUE).length;
  const nextRanked = ranked.find((r) => r.group === UPCOMING);
  const anyOpen = ranked.some((r) => r.group !== CLOSED);

  let urgency: LeadUrgency;
  if (mine.length === 0) urgency = 'empty';
  else if (overdue > 0) urgency = 'past_due';
  else if (nextRanked && nextRanked.at !== null && msUntil(nextRanked.at, now, zones) <= DUE_SOON_MS) urgency = 'due_soon';
  else if (anyOpen) urgency = 'upcoming';
  else urgency = 'none';

  return {
    leadId,
    total,
    ...(page.totalAtLeast && mine.length === page.results.length && { totalAtLeast: true as const }),
    shown: mine.length,
    urgency,
    next: nextRanked?.callback.callbackTime ? { local: nextRanked.callback.callbackTime.local } : null,
    overdue,
    callbacks: ranked.slice(0, BADGE_CALLBACKS).map(toBadge),
    ...(timeZone && { timeZone }),
  };
}

/** The zones a summary's times are read in: its account zone, this browser's own. */
export function summaryZones(summary: Pick<LeadSummary, 'timeZone'>, browser?: string): Zones {
  return { account: summary.timeZone, browser };
}

// ---------------------------------------------------------------------------
// Badge text

/** "No callbacks", "1 callback", "3 callbacks · 1 past due", "At least 100 callbacks". */
export function countText(summary: LeadSummary, locale = 'en-US'): string {
  if (summary.total === 0 && summary.shown === 0) return 'No callbacks';
  const count = `${summary.totalAtLeast ? 'At least ' : ''}${callbacksText(summary.total, locale)}`;
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
