import * as v from 'valibot';
import { SearchQueryInputSchema } from '../api/query-input';
import type { ApiError } from '../api/errors';
import type { SearchPage } from '../api/model';
import type { BadgePosition } from '../../lookup/content/position';
import type { SiteConfig } from '../../lookup/content/site-config';
import { LEAD_ID, MAX_LEAD_IDS } from '../lead/lead-id';

// Every message between parts of the extension is one of these requests,
// validated with valibot by the background before anything else looks at it.

export const LeadIdSchema = v.pipe(v.string(), v.regex(LEAD_ID, 'A lead ID is a positive whole number.'));

export const SearchRequestSchema = v.strictObject({
  type: v.literal('search'),
  query: SearchQueryInputSchema,
  /** An export's pages: they neither cancel nor are cancelled by the page's own searches. */
  purpose: v.optional(v.literal('export')),
});

export const SettingsStatusRequestSchema = v.strictObject({ type: v.literal('settings-status') });

/** A one-result search with the saved settings, or with values the options form has not saved yet. */
export const TestConnectionRequestSchema = v.strictObject({
  type: v.literal('test-connection'),
  token: v.optional(v.pipe(v.string(), v.maxLength(500))),
  baseUrl: v.optional(v.pipe(v.string(), v.maxLength(2000))),
  method: v.optional(v.picklist(['GET', 'POST'])),
});

/**
 * `afterRefresh`: the previous reply was a stale summary marked `refreshing`;
 * answer from that refresh once it lands (or from the cache), never with a new search.
 */
const AfterRefreshSchema = v.optional(v.literal(true));

export const LeadSummaryRequestSchema = v.strictObject({
  type: v.literal('lead-summary'),
  leadId: LeadIdSchema,
  afterRefresh: AfterRefreshSchema,
});

/** Inline mode: many leads of a list page at once. */
export const LeadSummariesRequestSchema = v.strictObject({
  type: v.literal('lead-summaries'),
  leadIds: v.pipe(v.array(LeadIdSchema), v.minLength(1), v.maxLength(MAX_LEAD_IDS)),
  afterRefresh: AfterRefreshSchema,
});

export const OpenOptionsRequestSchema = v.strictObject({ type: v.literal('open-options') });

export const OpenSearchTabRequestSchema = v.strictObject({
  type: v.literal('open-search-tab'),
  leadId: LeadIdSchema,
});

/** A content script's configuration for its own page: the background reads the page's address from the sender. */
export const SiteConfigRequestSchema = v.strictObject({ type: v.literal('site-config') });
/** Offsets from the bottom-right corner, as utils/lookup/content/position.ts keeps them. */
const BadgeOffsetSchema = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000));
/** Where the agent dragged the badge; stored for the sender's origin, never for one the message names. */
export const SaveBadgePositionRequestSchema = v.strictObject({
  type: v.literal('save-badge-position'),
  right: BadgeOffsetSchema,
  bottom: BadgeOffsetSchema,
});

/**
 * The options page, after it changed the site list or access: the background
 * reconciles the scripts (it alone does) and answers once that is done.
 */
export const SyncSitesRequestSchema = v.strictObject({ type: v.literal('sync-sites') });

export const RequestSchema = v.variant('type', [
  SearchRequestSchema,
  SettingsStatusRequestSchema,
  TestConnectionRequestSchema,
  LeadSummaryRequestSchema,
  LeadSummariesRequestSchema,
  OpenOptionsRequestSchema,
  OpenSearchTabRequestSchema,
  SiteConfigRequestSchema,
  SaveBadgePositionRequestSchema,
  SyncSitesRequestSchema,
]);

export type Request = v.InferOutput<typeof RequestSchema>;
export type RequestType = Request['type'];

/** Errors the service itself raises, beside the API client's. */
export type ServiceError =
  | ApiError
  | { kind: 'no-token'; message: string }
  | { kind: 'refused'; message: string }
  /** A tab asked for more leads than its budget (tab-budget.ts), or the lookup queue is full: try later. */
  | { kind: 'paused'; message: string }
  | { kind: 'internal'; message: string };

export type Reply<T> = ({ ok: true } & T) | { ok: false; error: ServiceError };

/**
 * What a content script gets of an error: the router strips everything but the
 * kind and the sentence (no API excerpt or code reaches a web page's process).
 */
export type PageError = { kind: ServiceError['kind']; message: string };

/**
 * A lead's summary for the badge. `refreshing`: the summary is older than the
 * cache period and a refresh is running; ask again with `afterRefresh` to get it.
 */
export type LeadReply = Reply<{ summary: LeadSummary; refreshing?: true }>;

export interface SettingsStatus {
  hasToken: boolean;
  /** At most the last 4 characters, e.g. "••••3f9a". */
  tokenHint: string;
  tokenStorage: 'local' | 'session';
  baseUrl: string;
  method: 'GET' | 'POST';
  pageSize: number;
  /** The agent's own Convoso user ID, for the "Mine" quick filter; '' when not set. */
  userId: string;
  /** The Convoso account's IANA time zone; '' for the browser's. */
  timeZone?: string;
  /** Stored values that were corrupted or outdated and fell back to their default. */
  problems: string[];
}

export interface TestConnectionResult {
  total: number;
  /** Convoso gave no usable total: `total` is a lower bound. */
  totalAtLeast?: true;
}

/**
 * What a content script may learn about a lead: only what the badge shows.
 * Defined in ../lead/summary.ts, re-exported here for the reply map.
 */
export type { LeadSummary } from '../../lookup/lead-summary';
import type { LeadSummary } from '../../lookup/lead-summary';

export interface ReplyMap {
  search: Reply<{ page: SearchPage }>;
  'settings-status': Reply<{ status: SettingsStatus }>;
  'test-connection': Reply<TestConnectionResult>;
  'lead-summary': LeadReply;
  'lead-summaries': Reply<{ summaries: Record<string, LeadReply> }>;
  'open-options': Reply<{}>;
  'open-search-tab': Reply<{}>;
  'site-config': Reply<{ config: SiteConfig; position: BadgePosition }>;
  'save-badge-position': Reply<{}>;
  /** `failures`: by site id, why its script could not be registered. */
  'sync-sites': Reply<{ failures: Record<string, string> }>;
}

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

/** Who may ask what: content scripts get only the lead's summary, the two openers and their own page's configuration. */
export const CONTENT_SCRIPT_REQUESTS: ReadonlySet<RequestType> = new Set([
  'lead-summary',
  'lead-summaries',
  'open-options',
  'open-search-tab',
  'site-config',
  'save-badge-position',
]);
