import { route, type Route } from '../../utils/core/messaging/router';
import * as connection from '../../utils/connection/connection-messages';
import * as lookup from '../../utils/lookup/lookup-messages';
import * as search from '../../utils/search/search-messages';
import * as sites from '../../utils/sites/sites-messages';

/** Every message the background answers, each routed to the stand-in of the same name. */
export const EVERY_MESSAGE = [
  search.search,
  connection.settingsStatus,
  connection.testConnection,
  lookup.leadSummary,
  lookup.leadSummaries,
  lookup.pageLead,
  lookup.openOptions,
  lookup.openSearchTab,
  lookup.siteConfig,
  lookup.saveBadgePosition,
  sites.syncSites,
];

export function connectionRoutesFor(handlers: Record<string, (request: never, sender: never) => Promise<unknown>>): Route[] {
  return EVERY_MESSAGE.map((message) => route(message, handlers[message.type] as never));
}
