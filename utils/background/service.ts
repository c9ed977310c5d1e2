import { browser } from 'wxt/browser';
import { syncRegisteredSites } from '../sites/registration';
import { createLeadLookups } from './lead-lookups';
import { startPowerTools } from './power-tools';
import { createRouter } from './router';
import { createLeadBudgets, createLeadSearch, createLeadSummaryHandlers, dropLookupsOfGoneTabs, resetLeadsOnConnectionChange } from './handlers/lead-summary';
import { openOptions, openSearchTab, openerLimit } from './handlers/openers';
import { createSearchHandler } from './handlers/search';
import { settingsStatus } from './handlers/settings-status';
import { saveBadgePosition, siteConfig } from './handlers/site-config';
import { createTestConnectionHandler } from './handlers/test-connection';
import { pushConfigChanges } from './config-push';

/** Wires the message router and the storage watchers. Called once from the background entrypoint. */
export function startService() {
  restrictStorageToExtension();
  const lookups = createLeadLookups({ search: createLeadSearch() });
  resetLeadsOnConnectionChange(lookups);
  const budgets = createLeadBudgets();
  dropLookupsOfGoneTabs(lookups, [budgets.badge, budgets.inline, openerLimit]);

  const route = createRouter(
    {
      search: createSearchHandler(),
      'settings-status': settingsStatus,
      'test-connection': createTestConnectionHandler(),
      ...createLeadSummaryHandlers(lookups, budgets),
      'open-options': (request, sender) => openOptions(request, sender),
      'open-search-tab': (request, sender) => openSearchTab(request, sender),
      'site-config': siteConfig,
      'save-badge-position': saveBadgePosition,
    },
    { id: browser.runtime.id, origin: new URL(browser.runtime.getURL('/')).origin },
  );
  // Registered synchronously at start-up so a message that woke the worker is not missed.
  browser.runtime.onMessage.addListener((message, sender) => route(message, sender));

  // Registrations of user CRM sites do not survive every restart (Firefox) and
  // policy may change while the browser runs: reconcile at start and on change.
  void syncRegisteredSites();
  browser.storage.managed?.onChanged?.addListener(() => void syncRegisteredSites());
  // A listener makes the browser start the background with itself, so the
  // access level above is set before the first page's content script runs.
  browser.runtime.onStartup.addListener(() => undefined);
  // Content scripts cannot watch storage any more: tell them when their configuration changed.
  pushConfigChanges();
  startPowerTools();
}

type AccessLevelArea = { setAccessLevel?: (details: { accessLevel: 'TRUSTED_CONTEXTS' }) => Promise<void> };

/**
 * Chrome: storage.local and storage.session for the extension's own pages and
 * background only, so a content script cannot even read them. Called at every
 * start (the level is not kept across restarts). Firefox has no such call:
 * there, sealing (utils/settings/sealed.ts) is what keeps settings safe.
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
