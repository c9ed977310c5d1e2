import { CALLBACK_STAGES, CLOSED_STAGES, type Callback, type CallbackStage, type SearchPage } from '../core/api/model';
import { clip } from '../core/format/clip';
import type { BadgeCallback, LeadSummary, LeadUrgency } from './lookup-messages';
import type { Zones } from '../core/time/time-zone';
import { HOUR_MS, msUntil, nowWallMs, wallTimeMs } from '../core/time/wall-clock';

// The background turns one search page into what the badge may learn (see
// messaging/lead-summary.ts): ranked, cut down, and with texts shortened.

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

  const next = nextRanked?.callback.callbackTime ? { local: nextRanked.callback.callbackTime.local } : null;

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
    next,
    overdue,
    callbacks: ranked.slice(0, BADGE_CALLBACKS).map(toBadge),
    ...(timeZone && { timeZone }),
  };
}
