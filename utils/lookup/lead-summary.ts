import type { CallbackStage, WallTime } from '../core/api/model';
import type { AccountClock } from '../core/time/clock-offset';

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
  /**
   * With `timeZone`: its offset from UTC while it holds, and the label the next
   * callback's time needs here, so the badge writes its line without Intl (clock-offset.ts).
   */
  clock?: AccountClock;
}
