import type { Convoso } from '../../core/gateway/convoso';
import type { LeadSearch } from './lead-lookups';

export const LEAD_SEARCH_LIMIT = 100;
/**
 * The longest a lead's search waits for its turn, Convoso's pauses included:
 * a badge shows "Looking up…" meanwhile; past it the badge says Convoso is
 * limiting requests, with Retry.
 */
export const LEAD_MAX_WAIT_MS = 20_000;

/**
 * The lookups' search: one API search for the lead with the saved connection,
 * through the traffic gate at the lookup's current priority. Without a token
 * nothing is sent and the badge gets 'no-token' ("Set up"); Convoso's "no
 * record" arrives as an empty page (a lead without callbacks).
 */
export function createLeadSearch(convoso: Convoso, deps: { fetch?: typeof fetch } = {}): LeadSearch {
  return (leadId, ticket) =>
    convoso.searchCached(
      { lead_id: leadId, limit: LEAD_SEARCH_LIMIT },
      {
        signal: ticket.signal,
        waitSignal: ticket.waitSignal,
        // Read by the gate at each pick: a badge asking for a lead raises it above the chips.
        get priority() {
          return ticket.priority;
        },
        maxWaitMs: LEAD_MAX_WAIT_MS,
        ...(deps.fetch && { fetch: deps.fetch }),
      },
    );
}
