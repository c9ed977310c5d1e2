import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { readAccountSettings, readAgent, watchConnection } from '../../utils/connection/account';
import { connectionRoutes } from '../../utils/connection/background/connection-routes';
import { createConvoso } from '../../utils/core/gateway/convoso';
import { createRouter } from '../../utils/core/messaging/router';
import { restrictStorageToExtension } from '../../utils/core/storage/access-level';
import { startLookup } from '../../utils/lookup/background/start-lookup';
import { startPowerTools } from '../../utils/reminders/start-power-tools';
import { searchRoutes } from '../../utils/search/background/search';
import { startSites } from '../../utils/sites/background/start-sites';

// The background wires the features: each brings its own messages and
// listeners, and gets what it needs of another (the connection's settings, the
// sites' configuration of a page) handed in here. A classic script (WXT bundles
// it as one file): a stopped worker that a page wakes loads one file.
export default defineBackground({
  main() {
    restrictStorageToExtension();
    // The one way to Convoso; it reads the connection feature's saved settings.
    const convoso = createConvoso(readAccountSettings);
    // Listeners first, all at start-up: a message or event that woke the worker is not missed.
    const sites = startSites();
    const routes = [
      ...searchRoutes(convoso),
      ...connectionRoutes(convoso),
      ...startLookup({ convoso, configFor: sites.configFor, watchConnection }),
      ...sites.routes,
    ];
    const route = createRouter(routes, { id: browser.runtime.id, origin: new URL(browser.runtime.getURL('/')).origin });
    browser.runtime.onMessage.addListener((message, sender) => route(message, sender));
    startPowerTools({ convoso, agent: readAgent, watchConnection: (cb) => watchConnection(cb, 'agent') });
  },
});
