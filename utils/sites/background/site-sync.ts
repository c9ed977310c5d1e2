import { browser } from 'wxt/browser';
import { applyManagedConfig } from '../../core/storage/managed';
import { reconcileRegistrations } from '../registration';
import { readSites, SITES_KEY } from '../store';

// The background is the one owner of CRM-site script registrations and of the
// administrator's policy: the options page only edits the stored list and asks
// for permissions. Runs are queued one after another, so two of them never try
// to register the same script id ("Duplicate script ID").

export interface SiteSync {
  /**
   * Reconciles registrations with the stored list (after applying the policy
   * when `policy`), once every earlier request has run. Requests made while one
   * is waiting to start join it. Gives back, by site id, why a registration failed.
   */
  request(options?: { policy?: boolean }): Promise<Record<string, string>>;
}

export function createSiteSync(): SiteSync {
  let waiting: { policy: boolean; done: Promise<Record<string, string>> } | null = null;
  let tail: Promise<unknown> = Promise.resolve();

  async function run(policy: boolean): Promise<Record<string, string>> {
    // Applying the policy gives the list as stored; if that failed, the list is read as it is.
    const sites = policy
      ? await applyManagedConfig().then(
          (applied) => applied.sites,
          async () => (await readSites()).sites,
        )
      : (await readSites()).sites;
    return reconcileRegistrations(sites);
  }

  return {
    request({ policy = false } = {}) {
      if (waiting) {
        waiting.policy ||= policy;
        return waiting.done;
      }
      const job: { policy: boolean; done: Promise<Record<string, string>> } = { policy, done: Promise.resolve({}) };
      job.done = tail.then(() => {
        waiting = null;
        return run(job.policy);
      });
      waiting = job;
      tail = job.done.catch(() => undefined);
      return job.done;
    },
  };
}

/** The storage key as storage.onChanged names it (no area prefix). */
const SITES_STORAGE_KEY = SITES_KEY.replace(/^local:/, '');

/**
 * Wires the events that may change what should be registered: install or
 * update and browser start (registrations may not survive a restart, e.g. in
 * Firefox; the policy may have changed meanwhile), the stored list, the policy,
 * and access granted or revoked. A plain worker start does nothing: Chrome keeps
 * registrations made with persistAcrossSessions.
 */
export function startSiteSync(sync: SiteSync = createSiteSync()): SiteSync {
  const withPolicy = () => void sync.request({ policy: true }).catch(() => undefined);
  const sitesOnly = () => void sync.request().catch(() => undefined);
  browser.runtime.onInstalled.addListener(withPolicy);
  // Also makes the browser start the background with itself, so storage's access
  // level (utils/core/storage/access-level.ts) is set before the first page's content script runs.
  browser.runtime.onStartup.addListener(withPolicy);
  browser.storage.managed?.onChanged?.addListener(withPolicy);
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && SITES_STORAGE_KEY in changes) sitesOnly();
  });
  try {
    browser.permissions.onAdded.addListener(sitesOnly);
    browser.permissions.onRemoved.addListener(sitesOnly);
  } catch {
    // Test doubles without these events; the options page asks for a run after each change anyway.
  }
  return sync;
}
