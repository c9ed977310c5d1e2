import type { Browser } from 'wxt/browser';
import { searchCallbacks } from '../../api/client';
import { isNoMatch } from '../../api/errors';
import type { ReplyMap, Request } from '../../messaging/protocol';
import { readConnection } from '../../settings/connection';
import { NO_TOKEN } from '../no-token';

type SearchRequest = Extract<Request, { type: 'search' }>;

/**
 * One search in flight per page: a new search from the same popup or tab
 * cancels the previous one, so a slow answer never overwrites a newer one.
 */
export function createSearchHandler(deps: { fetch?: typeof fetch } = {}) {
  const inFlight = new Map<string, AbortController>();

  return async function search(request: SearchRequest, sender: Browser.runtime.MessageSender): Promise<ReplyMap['search']> {
    const settings = await readConnection();
    if (!settings.token) return { ok: false, error: NO_TOKEN };

    const key = String(sender.documentId ?? sender.url ?? '');
    inFlight.get(key)?.abort();
    const controller = new AbortController();
    inFlight.set(key, controller);
    const query = { limit: settings.pageSize, ...request.query };
    try {
      const result = await searchCallbacks(
        query,
        {
          token: settings.token,
          baseUrl: settings.baseUrl,
          method: settings.method,
          timeoutMs: settings.timeoutMs,
          signal: controller.signal,
          fetch: deps.fetch,
        },
      );
      if (result.ok) return { ok: true, page: result.page };
      // Convoso answers "record not found" (6001) where it means "nothing matched".
      if (isNoMatch(result.error)) {
        return { ok: true, page: { offset: Number(query.offset ?? 0), limit: Number(query.limit), total: 0, results: [] } };
      }
      return { ok: false, error: result.error };
    } finally {
      if (inFlight.get(key) === controller) inFlight.delete(key);
    }
  };
}
