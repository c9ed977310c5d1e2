import { browser } from 'wxt/browser';
import { isBuiltInSite } from './built-in';
import type { Site } from './schema';

// CRM sites the user adds get the same content script as Convoso's own pages,
// registered at runtime for the site's pattern once the browser granted access.

/** The badge's content script as built by WXT (entrypoints/content). */
export const CONTENT_SCRIPT_FILE = 'content-scripts/content.js';
const PREFIX = 'site-';
/** As the manifest's script (entrypoints/content/index.ts): the badge must not wait for the page's load event. */
const RUN_AT = 'document_start' as const;

export function scriptIdFor(site: Pick<Site, 'id'>): string {
  return `${PREFIX}${site.id}`;
}

/** Built-in sites run the manifest's script; a site switched off runs none. */
export function wantsRegistration(site: Site): boolean {
  return !isBuiltInSite(site) && site.mode !== 'off';
}

export type SiteStatus =
  | 'built-in' // the manifest's content script covers it
  | 'active' // access granted and the script registered
  | 'off'
  | 'no-access' // the browser has not granted (or the user revoked) access to the site
  | 'not-registered'; // access granted, but the script is not registered (yet)

export const SITE_STATUS_TEXT: Record<SiteStatus, string> = {
  'built-in': 'Active (built in)',
  active: 'Active',
  off: 'Off',
  'no-access': 'Not active: the browser has not granted access to this site',
  'not-registered': 'Not active: the page script is not registered',
};

async function hasAccess(pattern: string): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: [pattern] });
  } catch {
    return false;
  }
}

async function registeredIds(): Promise<Map<string, { matches: string[]; runAt?: string }>> {
  try {
    const scripts = await browser.scripting.getRegisteredContentScripts();
    return new Map(scripts.filter((s) => s.id.startsWith(PREFIX)).map((s) => [s.id, { matches: s.matches ?? [], runAt: s.runAt }]));
  } catch {
    return new Map();
  }
}

export async function siteStatuses(sites: readonly Site[]): Promise<Record<string, SiteStatus>> {
  const registered = await registeredIds();
  const entries = await Promise.all(
    sites.map(async (site): Promise<[string, SiteStatus]> => {
      if (isBuiltInSite(site)) return [site.id, site.mode === 'off' ? 'off' : 'built-in'];
      if (site.mode === 'off') return [site.id, 'off'];
      if (!(await hasAccess(site.pattern))) return [site.id, 'no-access'];
      return [site.id, registered.has(scriptIdFor(site)) ? 'active' : 'not-registered'];
    }),
  );
  return Object.fromEntries(entries);
}

export async function registerSite(site: Site): Promise<void> {
  const script = {
    id: scriptIdFor(site),
    matches: [site.pattern],
    js: [CONTENT_SCRIPT_FILE],
    runAt: RUN_AT,
  };
  try {
    await browser.scripting.registerContentScripts([{ ...script, persistAcrossSessions: true }]);
  } catch (error) {
    // Firefox versions without persistent registrations refuse the flag; the
    // background (utils/sites/background/site-sync.ts) re-registers at every browser start instead.
    if (!/persistAcrossSessions/i.test(String(error))) throw error;
    await browser.scripting.registerContentScripts([script]);
  }
}

/**
 * Makes the registered scripts match `sites` and the granted access: registers
 * what is missing or changed, unregisters what was removed, switched off, or
 * lost its access. Only the background calls it, one run at a time
 * (utils/sites/background/site-sync.ts), so two runs never race to register one id.
 * Gives back, by site id, why a wanted registration failed.
 */
export async function reconcileRegistrations(sites: readonly Site[]): Promise<Record<string, string>> {
  const registered = await registeredIds();
  const access = await Promise.all(sites.map((site) => wantsRegistration(site) && hasAccess(site.pattern)));
  const wanted = new Map<string, Site>();
  sites.forEach((site, i) => {
    if (access[i]) wanted.set(scriptIdFor(site), site);
  });
  const stale = [...registered].filter(([id, { matches, runAt }]) => {
    const site = wanted.get(id);
    // Registered by an older version at document_idle: replaced (on update, onInstalled runs this).
    return !site || matches.length !== 1 || matches[0] !== site.pattern || (runAt !== undefined && runAt !== RUN_AT);
  });
  if (stale.length > 0) {
    await browser.scripting.unregisterContentScripts({ ids: stale.map(([id]) => id) }).catch(() => undefined);
  }
  const staleIds = new Set(stale.map(([id]) => id));
  const failures: Record<string, string> = {};
  for (const [id, site] of wanted) {
    if (registered.has(id) && !staleIds.has(id)) continue;
    try {
      await registerSite(site);
    } catch (error) {
      // Shown as "not registered" in the options page's list, where the user can try again.
      failures[site.id] = error instanceof Error ? error.message : String(error);
    }
  }
  return failures;
}
