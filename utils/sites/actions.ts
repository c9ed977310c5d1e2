import { browser } from 'wxt/browser';
import type { CustomRule } from '../core/lead/custom-rules';
import type { HostAccess } from '../core/hosts/host-access';
import { isBuiltInSite } from './built-in';
import { checkSitePattern } from './check-pattern';
import { askBackgroundToSyncSites } from './ask-sync';
import type { Site, SiteMode } from './schema';
import { newSiteId, readSites, saveSites } from './store';

// What the options page does to the site list. Every function that may need a
// permission prompt calls `permissions.request` before its first other `await`:
// browsers only show the prompt while the click that asked for it is still being
// handled.

export type SiteActionResult = { ok: true; site?: Site } | { ok: false; message: string };

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Why `input` cannot be added to `sites`, or its match pattern. Synchronous, so it can run before the prompt. */
export function checkNewSite(sites: readonly Site[], input: string): { ok: true; pattern: string } | { ok: false; message: string } {
  const normalized = checkSitePattern(input);
  if (!normalized.ok) return { ok: false, message: normalized.message };
  const same = sites.find((s) => s.pattern === normalized.pattern);
  if (same) {
    return { ok: false, message: `${normalized.pattern} is already in the list${isBuiltInSite(same) ? ' (built in)' : ''}.` };
  }
  return normalized;
}

/**
 * Add site: ask the browser for access to the site, store the site, then wait
 * for the background to register the content script there. Refused access
 * stores nothing; a failed registration takes the site out of the list again.
 */
export async function addSite(sites: readonly Site[], input: string): Promise<SiteActionResult> {
  const checked = checkNewSite(sites, input);
  if (!checked.ok) return checked;
  const { pattern } = checked;
  let granted: boolean;
  try {
    granted = await browser.permissions.request({ origins: [pattern] });
  } catch (error) {
    return { ok: false, message: `The browser could not ask for access to ${pattern} (${describe(error)}). Nothing was added.` };
  }
  if (!granted) return { ok: false, message: `Access to ${pattern} was not granted, so the site was not added.` };

  const current = await readSites();
  if (current.sites.some((s) => s.pattern === pattern)) {
    return { ok: false, message: `${pattern} is already in the list.` };
  }
  const site: Site = { id: newSiteId(), pattern, mode: 'badge', rules: [] };
  const saved = await saveSites([...current.sites, site]);
  if (!saved.ok) return saved;
  const failure = (await askBackgroundToSyncSites())[site.id];
  if (failure !== undefined) {
    const { sites } = await readSites();
    await saveSites(sites.filter((s) => s.id !== site.id));
    await askBackgroundToSyncSites();
    return { ok: false, message: `The page script could not be registered for ${pattern} (${failure}). Nothing was added.` };
  }
  return { ok: true, site };
}

/**
 * Remove site: stored list first, then the script, then the access, unless
 * another site or the API address still reaches one of its hosts (the browser
 * would drop their access too: host permissions ignore paths).
 */
export async function removeSite(id: string, hosts: HostAccess): Promise<SiteActionResult> {
  const { sites } = await readSites();
  const site = sites.find((s) => s.id === id);
  if (!site) return { ok: true };
  if (isBuiltInSite(site)) return { ok: false, message: 'Convoso’s own pages are built in; switch them off instead.' };
  if (site.managed) return { ok: false, message: 'Your administrator set up this site; it cannot be removed here.' };
  const saved = await saveSites(sites.filter((s) => s.id !== id));
  if (!saved.ok) return saved;
  // The script goes before the access, so the background never sees a site it must still run on without access.
  await askBackgroundToSyncSites();
  await hosts.release(site.pattern);
  return { ok: true };
}

async function updateSite(id: string, change: (site: Site) => Site): Promise<SiteActionResult> {
  const { sites } = await readSites();
  const site = sites.find((s) => s.id === id);
  if (!site) return { ok: false, message: 'That site is no longer in the list.' };
  if (site.managed) return { ok: false, message: 'Your administrator set up this site; it cannot be changed here.' };
  const next = change(site);
  const saved = await saveSites(sites.map((s) => (s.id === id ? next : s)));
  if (!saved.ok) return saved;
  await askBackgroundToSyncSites();
  return { ok: true, site: next };
}

export function setSiteMode(id: string, mode: SiteMode): Promise<SiteActionResult> {
  return updateSite(id, (site) => ({ ...site, mode }));
}

/** The caller validates the rules first (validateRule); the schema still refuses malformed ones. */
export function setSiteRules(id: string, rules: CustomRule[]): Promise<SiteActionResult> {
  return updateSite(id, (site) => ({ ...site, rules }));
}

/** "Grant access" for sites that lost it or were imported: one prompt for all, then the background registers them. */
export async function grantSiteAccess(patterns: readonly string[]): Promise<SiteActionResult> {
  if (patterns.length === 0) return { ok: true };
  let granted: boolean;
  try {
    granted = await browser.permissions.request({ origins: [...patterns] });
  } catch (error) {
    return { ok: false, message: `The browser could not ask for access (${describe(error)}).` };
  }
  if (!granted) return { ok: false, message: 'Access was not granted; those sites stay inactive.' };
  await askBackgroundToSyncSites();
  return { ok: true };
}
