import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { createRouter } from './router';
import { createSearchHandler } from './handlers/search';
import { settingsStatus } from './handlers/settings-status';
import { createTestConnectionHandler } from './handlers/test-connection';

/** Wires the message router and the storage watchers. Called once from the background entrypoint. */
export function startService() {
  const route = createRouter(
    {
      search: createSearchHandler(),
      'settings-status': settingsStatus,
      'test-connection': createTestConnectionHandler(),
    },
    { id: browser.runtime.id, origin: new URL(browser.runtime.getURL('/')).origin },
  );
  browser.runtime.onMessage.addListener((message, sender) => route(message, sender));
}
