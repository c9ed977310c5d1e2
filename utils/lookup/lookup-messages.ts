import * as v from 'valibot';
import type { CallbackStage, WallTime } from '../core/api/model';
import { LEAD_ID, MAX_LEAD_IDS } from '../core/lead/lead-id';
import { defineMessage } from '../core/messaging/define-message';
import type { Reply } from '../core/messaging/replies';
import type { AccountClock } from '../core/time/clock-offset';
import type { SiteConfig } from '../sites/sites-messages';

// The lookup's messages: what a CRM page's content script may ask of the
// background (its lead's summary, its site's configuration, two tabs to open,
// its badge's place), and what the background tells it.

export const LeadIdSchema = v.pipe(v.string(), v.regex(LEAD_ID, 'A lead ID is a positive whole number.'));

/**
 * `afterRefresh`: the previous reply was a stale summary marked `refreshing`;
 * answer from that refresh once it lands (or from the cache), never with a new search.
 */
const AfterRefreshSchema = v.optional(v.literal(true));

/**
 * A lead's summary for the badge. `asOf`: when Convoso gave it (epoch ms), for
 * showing an older answer's age. `refreshing`: the summary is older than the
 * badge's fresh window and a refresh is running; ask again with `afterRefresh` to get it.
 */
export type LeadReply = Reply<{ summary: LeadSummary; asOf: number; refreshing?: true }>;

/** `refresh`: a person asked to refresh; the cache is passed by, and it still counts against the tab's budget. */
export const leadSummary = defineMessage<LeadReply>()('lead-summary', 'page', {
  leadId: LeadIdSchema,
  afterRefresh: AfterRefreshSchema,
  refresh: v.optional(v.literal(true)),
});

/** Inline mode: many leads of a list page at once. */
export const leadSummaries = defineMessage<Reply<{ summaries: Record<string, LeadReply> }>>()('lead-summaries', 'page', {
  leadIds: v.pipe(v.array(LeadIdSchema), v.minLength(1), v.maxLength(MAX_LEAD_IDS)),
  afterRefresh: AfterRefreshSchema,
});

/** The badge's "Set up": a content script cannot open the options page itself. */
export const openOptions = defineMessage<Reply<{}>>()('open-options', 'page', {});

/** The badge's "View all": the tab view, filtered to the lead. */
export const openSearchTab = defineMessage<Reply<{}>>()('open-search-tab', 'page', { leadId: LeadIdSchema });

/** A content script's configuration for its own page: the background reads the page's address from the sender. */
export const siteConfig = defineMessage<Reply<{ config: SiteConfig; position: BadgePosition }>>()('site-config', 'page', {});

/** Where the agent dragged the badge on a site: distances from the window's bottom-right corner (content/position.ts). */
export interface BadgePosition {
  right: number;
  bottom: number;
}

/** Offsets from the bottom-right corner, as utils/lookup/content/position.ts keeps them. */
const BadgeOffsetSchema = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000));
/** Where the agent dragged the badge; stored for the sender's origin, never for one the message names. */
export const saveBadgePosition = defineMessage<Reply<{}>>()('save-badge-position', 'page', {
  right: BadgeOffsetSchema,
  bottom: BadgeOffsetSchema,
});

/**
 * What the background tells content scripts (tabs.sendMessage) when their
 * configuration (`sites`) or the connection (`connection`: token, API address)
 * changed. It carries no data: they ask again with 'site-config' or for their leads.
 */
export interface ConfigChangedNotice {
  type: 'config-changed';
  sites: boolean;
  connection: boolean;
}

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
