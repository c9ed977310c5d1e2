import { browser } from 'wxt/browser';
import { syncRegisteredSites } from '../sites/registration';
import { createLeadLookups } from './lead-lookups';
import { createRouter } from './router';
import { createLeadBudgets, createLeadSearch, createLeadSummaryHandlers, dropLookupsOfGoneTabs, resetLeadsOnConnectionChange } from './handlers/lead-summary';
import { openOptions, openSearchTab, openerLimit } from './handlers/openers';
import { createSearchHandler } from './handlers/search';
import { settingsStatus } from './handlers/settings-status';
import { createTestConnectionHandler } from './handlers/test-connection';

/** Wires the message router and the storage watchers. Called once from the background entrypoint. */
export function startService() {
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
    },
    { id: browser.runtime.id, origin: new URL(browser.runtime.getURL('/')).origin },
  );
  // Registered synchronously at start-up so a message that woke the worker is not missed.
  browser.runtime.onMessage.addListener((message, sender) => route(message, sender));

  // Registrations of user CRM sites do not survive every restart (Firefox) and
  // policy may change while the browser runs: reconcile at start and on change.
  void syncRegisteredSites();
  browser.storage.managed?.onChanged?.addListener(() => void syncRegisteredSites());
}
