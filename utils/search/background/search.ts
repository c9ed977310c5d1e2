import type { Browser } from 'wxt/browser';
import type { ReplyMap, Request } from '../../core/messaging/protocol';
import { searchWithSavedConnection } from '../../core/api/saved-connection';

type SearchRequest = Extract<Request, { type: 'search' }>;

/**
 * One search in flight per page: a new search from the same popup or tab
 * cancels the previous one, so a slow answer never overwrites a newer one.
 */
export function createSearchHandler(deps: { fetch?: typeof fetch } = {}) {
  const inFlight = new Map<string, AbortController>();

  return async function search(request: SearchRequest, sender: Browser.runtime.MessageSender): Promise<ReplyMap['search']> {
    const key = `${request.purpose ?? 'search'}|${String(sender.documentId ?? sender.url ?? '')}`;
    inFlight.get(key)?.abort();
    const controller = new AbortController();
    inFlight.set(key, controller);
    try {
      const result = await searchWithSavedConnection(request.query, { signal: controller.signal, fetch: deps.fetch });
      // The page only: the account's zone reaches the popup through settings-status.
      return result.ok ? { ok: true, page: result.page } : result;
    } finally {
      if (inFlight.get(key) === controller) inFlight.delete(key);
    }
  };
}
