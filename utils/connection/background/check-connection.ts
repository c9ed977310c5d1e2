import type { Convoso } from '../../core/gateway/convoso';
import type { SavedSearchResult } from '../../core/gateway/saved-connection';
import type { RequestMethod } from '../schemas';

/**
 * One one-result search with the given connection (values the options page may
 * not have saved yet): Test connection, and Save's check of the token. `once`:
 * no retry after a failure (Save's check only informs: offline, it saves at once).
 */
export function checkConnection(
  convoso: Convoso,
  overrides: { token?: string; baseUrl?: string; method?: RequestMethod },
  deps: { fetch?: typeof fetch; once?: boolean } = {},
): Promise<SavedSearchResult> {
  return convoso.search({ limit: 1 }, { overrides, ...(deps.fetch && { fetch: deps.fetch }), ...(deps.once && { maxWaitMs: 0 }) });
}
