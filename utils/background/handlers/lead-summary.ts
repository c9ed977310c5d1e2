import { storage } from 'wxt/utils/storage';
import type { ReplyMap, Request } from '../../messaging/protocol';
import { baseUrlSetting, localTokenSetting, sessionTokenSetting, timeZoneSetting } from '../../settings/settings';
import { LEAD_SEARCH_LIMIT, type LeadLookups, type LeadSearch } from '../lead-lookups';
import { searchWithSavedConnection } from '../saved-search';

type LeadSummaryRequest = Extract<Request, { type: 'lead-summary' }>;
type LeadSummariesRequest = Extract<Request, { type: 'lead-summaries' }>;

/**
 * The badge's two questions (each may come again with `afterRefresh` after a
 * stale reply that said `refreshing`). Replies carry only the LeadSummary (what the badge
 * shows) or a ServiceError; the token stays with the search function the
 * lookups were built on, and "no token" arrives from it as the 'no-token' error.
 */
export function createLeadSummaryHandlers(lookups: LeadLookups) {
  return {
    'lead-summary': async (request: LeadSummaryRequest): Promise<ReplyMap['lead-summary']> =>
      lookups.get(request.leadId, { afterRefresh: request.afterRefresh === true }),
    'lead-summaries': async (request: LeadSummariesRequest): Promise<ReplyMap['lead-summaries']> => ({
      ok: true,
      summaries: await lookups.getMany(request.leadIds, { afterRefresh: request.afterRefresh === true }),
    }),
  };
}

/**
 * The lookups' search: one API search for the lead with the saved connection.
 * Without a token nothing is sent and the badge gets 'no-token' ("Set up");
 * Convoso's "no record" arrives as an empty page (a lead without callbacks).
 */
export function createLeadSearch(deps: { fetch?: typeof fetch } = {}): LeadSearch {
  return (leadId, signal) => searchWithSavedConnection({ lead_id: leadId, limit: LEAD_SEARCH_LIMIT }, { signal, fetch: deps.fetch });
}

/** Storage 'local:connectionEpoch': content scripts watch it and ask again. */
export const CONNECTION_EPOCH_KEY = 'local:connectionEpoch' as const;

/**
 * When the token or the API address changes, every cached answer belongs to the
 * old connection: drop them, then tell open badges to ask again. A new account
 * time zone changes every summary's urgency and times: the same.
 */
export function resetLeadsOnConnectionChange(lookups: LeadLookups): () => void {
  const epoch = storage.defineItem<number>(CONNECTION_EPOCH_KEY, { fallback: 0 });
  const reset = async () => {
    await lookups.clear();
    const current = await epoch.getValue();
    await epoch.setValue((Number.isSafeInteger(current) ? current : 0) + 1);
  };
  const stops = [localTokenSetting, sessionTokenSetting, baseUrlSetting, timeZoneSetting].map((s) => s.watch(() => void reset()));
  return () => stops.forEach((stop) => stop());
}
