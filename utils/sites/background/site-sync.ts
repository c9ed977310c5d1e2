import { browser } from 'wxt/browser';
import { reconcileRegistrations } from '../registration';
import { readSites, SITES_KEY } from '../store';
import { areaName } from '../../core/storage/storage-keys';

// The background is the one owner of CRM-site script registrations: the options
// page only edits the stored list and asks for permissions, and the policy's
// sites arrive as a change of the stored list (utils/sites/policy.ts). Runs are
// queued one after another, so two of them never try to register the same
// script id ("Duplicate script ID").

export interface SiteSync {
  /**
   * Reconciles registrations with the stored list, once every earlier request
   * has run. Requests made while one is waiting to start join it. Gives back,
   * by site id, why a registration failed.
   */
  request(): Promise<Record<string, string>>;
}

export function createSiteSync(): SiteSync {
  let waiting: Promise<Record<string, string>> | null = null;
  let tail: Promise<unknown> = Promise.resolve();
  return {
    request() {
      if (waiting) return waiting;
      const job = tail.then(async () => {
        waiting = null;
        return reconcileRegistrations((await readSites()).sites);
      });
      waiting = job;
      tail = job.catch(() => undefined);
      return job;
    },
  };
}

/**
 * Wires the events that may change what should be registered: install or
 * update and browser start (registrations may not survive a restart, e.g. in
 * Firefox), the stored list (the options page, an import, the policy), and
 * access granted or revoked. A plain worker start does nothing: Chrome keeps
 * registrations made with persistAcrossSessions.
 */
export function startSiteSync(sync: SiteSync = createSiteSync()): SiteSync {
  const reconcile = () => void sync.request().catch(() => undefined);
  browser.runtime.onInstalled.addListener(reconcile);
  // Also makes the browser start the background with itself, so storage's access
  // level (utils/core/storage/access-level.ts) is set before the first page's content script runs.
  browser.runtime.onStartup.addListener(reconcile);
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && areaName(SITES_KEY) in changes) reconcile();
  });
  try {
    browser.permissions.onAdded.addListener(reconcile);
    browser.permissions.onRemoved.addListener(reconcile);
  } catch {
    // Test doubles without these events; the options page asks for a run after each change anyway.
  }
  return sync;
}
