import type { Browser } from 'wxt/browser';
import type { AnswerOf, RequestOf } from '../../core/messaging/define-message';
import type { Convoso } from '../../core/gateway/convoso';
import { route, type Route } from '../../core/messaging/router';
import { search as searchMessage } from '../search-messages';

type SearchRequest = RequestOf<typeof searchMessage>;

/**
 * One search in flight per page: a new search from the same popup or tab
 * cancels the previous one, so a slow answer never overwrites a newer one.
 */
export function createSearchHandler(convoso: Convoso, deps: { fetch?: typeof fetch } = {}) {
  const inFlight = new Map<string, AbortController>();

  return async function search(request: SearchRequest, sender: Browser.runtime.MessageSender): Promise<AnswerOf<typeof searchMessage>> {
    const key = `${request.purpose ?? 'search'}|${String(sender.documentId ?? sender.url ?? '')}`;
    inFlight.get(key)?.abort();
    const controller = new AbortController();
    inFlight.set(key, controller);
    try {
      const result = await convoso.search(request.query, { signal: controller.signal, fetch: deps.fetch });
      // The page only: the account's zone reaches the popup through settings-status.
      return result.ok ? { ok: true, page: result.page } : result;
    } finally {
      if (inFlight.get(key) === controller) inFlight.delete(key);
    }
  };
}

/** The search feature's messages, answered in the background. */
export function searchRoutes(convoso: Convoso): Route[] {
  return [route(searchMessage, createSearchHandler(convoso))];
}
