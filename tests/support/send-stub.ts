import { vi, type Mock } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { RequestOf } from '../../utils/core/messaging/define-message';
import type * as connection from '../../utils/connection/connection-messages';
import type * as lookup from '../../utils/lookup/lookup-messages';
import type * as search from '../../utils/search/search-messages';
import type * as gateway from '../../utils/core/gateway/gateway-messages';
import type * as sites from '../../utils/sites/sites-messages';

/** Every request a page can send. */
export type Request =
  | RequestOf<typeof search.search>
  | RequestOf<typeof search.cancelSearch>
  | RequestOf<typeof gateway.trafficStatus>
  | RequestOf<typeof connection.settingsStatus>
  | RequestOf<typeof connection.testConnection>
  | RequestOf<typeof lookup.leadSummary>
  | RequestOf<typeof lookup.leadSummaries>
  | RequestOf<typeof lookup.pageLead>
  | RequestOf<typeof lookup.openOptions>
  | RequestOf<typeof lookup.openSearchTab>
  | RequestOf<typeof lookup.siteConfig>
  | RequestOf<typeof lookup.saveBadgePosition>
  | RequestOf<typeof sites.syncSites>;

/** The background as a component test plays it: each request the page sends, and what it answers. */
export type BackgroundStub = Mock<(request: Request) => Promise<unknown>>;

/**
 * Answers the page's requests with `background`: the page's real `send` runs and reaches it
 * through the fake browser's runtime.sendMessage. A spy rather than a module mock: the
 * component files share their modules (isolate: false), and a mocked module stays mocked
 * for every file after it. Undone by vi.restoreAllMocks().
 */
export function stubBackground(background: BackgroundStub): void {
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(((message: unknown) => background(message as Request)) as never);
}
