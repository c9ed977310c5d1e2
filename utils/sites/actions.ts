import { browser } from 'wxt/browser';
import type { CustomRule } from '../core/lead/custom-rules';
import { DEFAULT_BASE_URL } from '../core/api/client';
import { baseUrlSetting } from '../connection/settings';
import { CONVOSO_MATCHES, isBuiltInSite } from './built-in';
import { normalizeSitePattern, originPattern, patternsShareHosts } from '../core/hosts/match-pattern';
import { publicSuffixProblem } from '../core/hosts/public-suffix';
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
  const normalized = normalizeSitePattern(input);
  if (!normalized.ok) return normalized;
  const suffix = publicSuffixProblem(normalized.pattern);
  if (suffix) return { ok: false, message: suffix };
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

const DEFAULT_API_ORIGIN = originPattern(DEFAULT_BASE_URL);

/** The host permission an API base URL needs beyond the manifest's, if any. */
export function extraApiOrigin(baseUrl: string): string | null {
  const origin = originPattern(baseUrl);
  return origin && origin !== DEFAULT_API_ORIGIN ? origin : null;
}

/**
 * The host patterns whose access the extension still uses and could lose: the
 * sites added at run time and a non-default API host. Built-in sites and the
 * default API host have their access from the manifest: nothing can take it.
 */
function patternsInUse(sites: readonly Site[], apiBase: string): string[] {
  const apiOrigin = extraApiOrigin(apiBase);
  return [...sites.filter((s) => !isBuiltInSite(s)).map((s) => s.pattern), ...(apiOrigin ? [apiOrigin] : [])];
}

/**
 * Drops the access to `pattern` unless a pattern still in use reaches one of
 * its hosts: host permissions ignore paths, so the browser would drop that
 * access too. Never throws: keeping an unused permission is the lesser harm.
 */
async function dropAccessUnlessUsed(pattern: string, inUse: readonly string[]): Promise<void> {
  if (inUse.some((used) => patternsShareHosts(used, pattern))) return;
  try {
    await browser.permissions.remove({ origins: [pattern] });
  } catch {
    // Refused for permissions the manifest requires (test builds grant loopback hosts): nothing to drop then.
  }
}

/**
 * Remove site: stored list first, then the script, then the access, unless
 * another site or the API address still reaches one of its hosts (the browser
 * would drop their access too: host permissions ignore paths).
 */
export async function removeSite(id: string): Promise<SiteActionResult> {
  const { sites } = await readSites();
  const site = sites.find((s) => s.id === id);
  if (!site) return { ok: true };
  if (isBuiltInSite(site)) return { ok: false, message: 'Convoso’s own pages are built in; switch them off instead.' };
  if (site.managed) return { ok: false, message: 'Your administrator set up this site; it cannot be removed here.' };
  const saved = await saveSites(sites.filter((s) => s.id !== id));
  if (!saved.ok) return saved;
  // The script goes before the access, so the background never sees a site it must still run on without access.
  await askBackgroundToSyncSites();
  const { value: apiBase } = await baseUrlSetting.get();
  await dropAccessUnlessUsed(site.pattern, patternsInUse(sites.filter((s) => s.id !== id), apiBase));
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

/**
 * After the API address changed from `oldBaseUrl` to `newBaseUrl`: drops the
 * old host's access, which the save no longer uses, unless the new address or a
 * CRM site still reaches that host. Never throws (readSites does not either), so
 * it cannot fail the save.
 */
export async function releaseApiHost(oldBaseUrl: string, newBaseUrl: string): Promise<void> {
  const old = originPattern(oldBaseUrl);
  // The manifest's hosts (the default API host, Convoso's own pages) were never asked for: not ours to give back.
  if (!old || [DEFAULT_API_ORIGIN, ...CONVOSO_MATCHES].some((host) => host !== null && patternsShareHosts(host, old))) return;
  const { sites, problems } = await readSites();
  // An unreadable stored site may still reach that host: keep the access rather than guess.
  if (problems.length > 0) return;
  await dropAccessUnlessUsed(old, patternsInUse(sites, newBaseUrl));
}
