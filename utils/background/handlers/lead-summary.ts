import { storage } from 'wxt/utils/storage';
import type { ReplyMap, Request } from '../../messaging/protocol';
import { baseUrlSetting, localTokenSetting, sessionTokenSetting } from '../../settings/settings';
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
export function createLeadSearch(deps: { fetch?: typeof fetch; sleep?: (ms: number, signal?: AbortSignal) => Promise<void> } = {}): LeadSearch {
  const sleep = deps.sleep ?? abortableSleep;
  return (leadId, signal, outsideSlot) =>
    searchWithSavedConnection(
      { lead_id: leadId, limit: LEAD_SEARCH_LIMIT },
      {
        signal,
        fetch: deps.fetch,
        // A badge waits out a 429 by itself (up to LEAD_MAX_WAIT_MS in all), without holding a slot others could use.
        maxWaitMs: LEAD_MAX_WAIT_MS,
        sleep: (ms, s) => (outsideSlot ? outsideSlot(sleep(ms, s)) : sleep(ms, s)),
      },
    );
}

/** A badge shows "Looking up…" meanwhile; past this it says Convoso is limiting requests, with Retry. */
export const LEAD_MAX_WAIT_MS = 20_000;

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Storage 'local:connectionEpoch': content scripts watch it and ask again. */
export const CONNECTION_EPOCH_KEY = 'local:connectionEpoch' as const;

/**
 * When the token or the API address changes, every cached answer belongs to the
 * old connection: drop them, then tell open badges to ask again.
 */
export function resetLeadsOnConnectionChange(lookups: LeadLookups): () => void {
  const epoch = storage.defineItem<number>(CONNECTION_EPOCH_KEY, { fallback: 0 });
  const reset = async () => {
    await lookups.clear();
    const current = await epoch.getValue();
    await epoch.setValue((Number.isSafeInteger(current) ? current : 0) + 1);
  };
  const stops = [localTokenSetting, sessionTokenSetting, baseUrlSetting].map((s) => s.watch(() => void reset()));
  return () => stops.forEach((stop) => stop());
}
