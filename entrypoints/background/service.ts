import { browser } from 'wxt/browser';
import { createLeadLookups } from '../../utils/lookup/background/lead-lookups';
import { startPowerTools } from '../../utils/reminders/start-power-tools';
import { createRouter } from '../../utils/core/messaging/router';
import { createLeadBudgets, createLeadSearch, createLeadSummaryHandlers, dropLookupsOfGoneTabs, resetLeadsOnConnectionChange } from '../../utils/lookup/background/lead-summary';
import { openOptions, openSearchTab, openerLimit } from '../../utils/lookup/background/openers';
import { createSearchHandler } from '../../utils/search/background/search';
import { settingsStatus } from '../../utils/connection/background/settings-status';
import { createSiteConfigHandler, saveBadgePosition } from '../../utils/sites/background/site-config';
import { createSitesMemo } from '../../utils/sites/background/sites-memo';
import { createTestConnectionHandler } from '../../utils/connection/background/test-connection';
import { pushConfigChanges } from '../../utils/lookup/background/config-push';
import { createSettingsMemo } from '../../utils/core/api/settings-memo';
import { startSiteSync } from '../../utils/sites/background/site-sync';

/** Wires the message router and the storage watchers. Called once from the background entrypoint. */
export function startService() {
  restrictStorageToExtension();
  // Read and unsealed once per storage change, not once per lookup.
  const settings = createSettingsMemo();
  const lookups = createLeadLookups({ search: createLeadSearch({ settings }) });
  resetLeadsOnConnectionChange(lookups);
  const budgets = createLeadBudgets();
  const siteList = createSitesMemo();
  dropLookupsOfGoneTabs(lookups, [budgets.badge, budgets.inline, openerLimit]);

  // Listeners first, all at start-up: a message or event that woke the worker is not missed.
  const sites = startSiteSync();
  const route = createRouter(
    {
      search: createSearchHandler(),
      'settings-status': settingsStatus,
      'test-connection': createTestConnectionHandler(),
      // A content script may ask before it knows its site's mode: the page's mode is checked here.
      ...createLeadSummaryHandlers(
        lookups,
        budgets,
        async (href) => (await siteList.configFor(href)).mode,
        // A failed read is the lookup's to report, when it needs the settings.
        () => void settings().catch(() => undefined),
      ),
      'open-options': (request, sender) => openOptions(request, sender),
      'open-search-tab': (request, sender) => openSearchTab(request, sender),
      'site-config': createSiteConfigHandler(siteList),
      'save-badge-position': saveBadgePosition,
      'sync-sites': async () => ({ ok: true, failures: await sites.request() }),
    },
    { id: browser.runtime.id, origin: new URL(browser.runtime.getURL('/')).origin },
  );
  // Registered synchronously at start-up so a message that woke the worker is not missed.
  browser.runtime.onMessage.addListener((message, sender) => route(message, sender));

  // Content scripts cannot watch storage any more: tell them when their configuration changed.
  pushConfigChanges();
  startPowerTools();
}

type AccessLevelArea = { setAccessLevel?: (details: { accessLevel: 'TRUSTED_CONTEXTS' }) => Promise<void> };

/**
 * Chrome: storage.local and storage.session for the extension's own pages and
 * background only, so a content script cannot even read them. Called at every
 * start (the level is not kept across restarts). Firefox has no such call:
 * there, sealing (utils/core/storage/sealed.ts) is what keeps settings safe.
 */
export function restrictStorageToExtension(): void {
  for (const area of [browser.storage.local, browser.storage.session] as unknown as (AccessLevelArea | undefined)[]) {
    if (typeof area?.setAccessLevel !== 'function') continue;
    try {
      void Promise.resolve(area.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' })).catch(() => undefined);
    } catch {
      // An older browser without the call for this area: sealing still holds.
    }
  }
}
