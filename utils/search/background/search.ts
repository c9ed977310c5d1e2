import type { Browser } from 'wxt/browser';
import type { AnswerOf, RequestOf } from '../../core/messaging/define-message';
import type { Convoso, ConvosoSearchOptions } from '../../core/gateway/convoso';
import { route, type Route } from '../../core/messaging/router';
import { cancelSearch as cancelMessage, search as searchMessage, type SearchPurpose } from '../search-messages';

type SearchRequest = RequestOf<typeof searchMessage>;
type Sender = Browser.runtime.MessageSender;

/** The gate's priorities this feature uses (CONTRACTS §1): a person's search, or bulk pages. */
export type SearchPriority = 'interactive' | 'bulk';

export const priorityOf = (purpose: SearchPurpose | undefined): SearchPriority => (purpose ? 'bulk' : 'interactive');

/**
 * A page's searches run in two lanes: what it shows (its searches and the pages
 * of a sort) and its export. A new request in a lane cancels the one in flight
 * there, so a slow answer never overwrites a newer one and an abandoned one stops
 * costing the account a request; the export and the page's own searches never
 * cancel each other.
 */
const laneOf = (purpose: SearchPurpose | undefined, sender: Sender) =>
  // Firefox names no document: two tabs on the same address are told apart by their tab.
  `${purpose === 'export' ? 'export' : 'view'}|${sender.documentId ?? `${sender.tab?.id ?? ''}|${sender.url ?? ''}`}`;

export function createSearchHandlers(convoso: Convoso, deps: { fetch?: typeof fetch } = {}) {
  const inFlight = new Map<string, AbortController>();

  async function search(request: SearchRequest, sender: Sender): Promise<AnswerOf<typeof searchMessage>> {
    const lane = laneOf(request.purpose, sender);
    inFlight.get(lane)?.abort();
    const controller = new AbortController();
    inFlight.set(lane, controller);
    // The gate's priority (CONTRACTS §1): export and sort pages are bulk traffic.
    const options: ConvosoSearchOptions = {
      signal: controller.signal,
      fetch: deps.fetch,
      priority: priorityOf(request.purpose),
    };
    try {
      const result = await convoso.search(request.query, options);
      // The page only: the account's zone reaches the popup through settings-status.
      return result.ok ? { ok: true, page: result.page } : result;
    } finally {
      if (inFlight.get(lane) === controller) inFlight.delete(lane);
    }
  }

  async function cancel(request: RequestOf<typeof cancelMessage>, sender: Sender): Promise<AnswerOf<typeof cancelMessage>> {
    const lane = laneOf(request.purpose, sender);
    const controller = inFlight.get(lane);
    controller?.abort();
    inFlight.delete(lane);
    return { ok: true, cancelled: controller ? 1 : 0 };
  }

  return { search, cancel };
}

/** One search in flight per page and lane; see `laneOf`. */
export function createSearchHandler(convoso: Convoso, deps: { fetch?: typeof fetch } = {}) {
  return createSearchHandlers(convoso, deps).search;
}

/** The search feature's messages, answered in the background. */
export function searchRoutes(convoso: Convoso): Route[] {
  const handlers = createSearchHandlers(convoso);
  return [route(searchMessage, handlers.search), route(cancelMessage, handlers.cancel)];
}
