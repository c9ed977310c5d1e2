import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { readAccountSettings, readAgent, watchConnection } from '../../utils/connection/account';
import { apiHostUser } from '../../utils/connection/api-origin';
import { connectionRoutes } from '../../utils/connection/background/connection-routes';
import { applyConnectionPolicy } from '../../utils/connection/connection-policy';
import { createConvoso } from '../../utils/core/gateway/convoso';
import { startTraffic } from '../../utils/core/gateway/start-traffic';
import { createHostAccess } from '../../utils/core/hosts/host-access';
import { createRouter } from '../../utils/core/messaging/router';
import { restrictStorageToExtension } from '../../utils/core/storage/access-level';
import { startPolicy } from '../../utils/core/storage/managed';
import { startLookup } from '../../utils/lookup/background/start-lookup';
import { startPowerTools } from '../../utils/reminders/start-power-tools';
import { searchRoutes } from '../../utils/search/background/search';
import { startSites } from '../../utils/sites/background/start-sites';
import { applySitesPolicy } from '../../utils/sites/sites-policy';
import { sitesHostUser } from '../../utils/sites/sites-in-use';

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
    // The administrator's policy: each feature applies its own keys.
    startPolicy([applyConnectionPolicy, applySitesPolicy]);
    // Host access a feature no longer uses is given back unless another still uses it.
    const hosts = createHostAccess([apiHostUser, sitesHostUser]);
    const routes = [
      // The traffic gate: the administrator's budget, pause notices to the pages.
      ...startTraffic(convoso.gate),
      ...searchRoutes(convoso),
      ...connectionRoutes(convoso, hosts),
      ...startLookup({ convoso, configFor: sites.configFor, watchConnection }),
      ...sites.routes,
    ];
    const route = createRouter(routes, { id: browser.runtime.id, origin: new URL(browser.runtime.getURL('/')).origin });
    browser.runtime.onMessage.addListener((message, sender) => route(message, sender));
    startPowerTools({ convoso, agent: readAgent, watchConnection: (cb) => watchConnection(cb, 'agent') });
  },
});
