import { browser } from 'wxt/browser';
import { syncRegisteredSites } from '../sites/registration';
import { createLeadLookups } from './lead-lookups';
import { startPowerTools } from './power-tools';
import { createRouter } from './router';
import { createLeadSearch, createLeadSummaryHandlers, resetLeadsOnConnectionChange } from './handlers/lead-summary';
import { openOptions, openSearchTab } from './handlers/openers';
import { createSearchHandler } from './handlers/search';
import { settingsStatus } from './handlers/settings-status';
import { createTestConnectionHandler } from './handlers/test-connection';

/** Wires the message router and the storage watchers. Called once from the background entrypoint. */
export function startService() {
  const lookups = createLeadLookups({ search: createLeadSearch() });
  resetLeadsOnConnectionChange(lookups);

  const route = createRouter(
    {
      search: createSearchHandler(),
      'settings-status': settingsStatus,
      'test-connection': createTestConnectionHandler(),
      ...createLeadSummaryHandlers(lookups),
      'open-options': openOptions,
      'open-search-tab': openSearchTab,
    },
    { id: browser.runtime.id, origin: new URL(browser.runtime.getURL('/')).origin },
  );
  // Registered synchronously at start-up so a message that woke the worker is not missed.
  browser.runtime.onMessage.addListener((message, sender) => route(message, sender));

  // Registrations of user CRM sites do not survive every restart (Firefox) and
  // policy may change while the browser runs: reconcile at start and on change.
  void syncRegisteredSites();
  browser.storage.managed?.onChanged?.addListener(() => void syncRegisteredSites());

  startPowerTools();
}
