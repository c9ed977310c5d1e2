import { route, type Route } from '../../core/messaging/router';
import { syncSites, type SiteConfig } from '../sites-messages';
import { createSitesMemo } from './sites-memo';
import { startSiteSync } from './site-sync';

/**
 * The sites' background part: it alone registers the CRM sites' scripts and
 * applies the policy; it tells the lookup what each page's site is configured as.
 */
export function startSites(): { routes: Route[]; configFor: (href: string) => Promise<SiteConfig> } {
  const sites = createSitesMemo();
  const sync = startSiteSync();
  return {
    routes: [route(syncSites, async () => ({ ok: true as const, failures: await sync.request() }))],
    configFor: sites.configFor,
  };
}
