import type { Convoso } from '../../core/gateway/convoso';
import { route, type Route } from '../../core/messaging/router';
import { readTrafficPolicy, watchTrafficPolicy, type TrafficPolicy } from '../../core/storage/traffic-policy';
import type { SiteConfig } from '../../sites/sites-messages';
import { leadSummaries, leadSummary, openOptions, openSearchTab, saveBadgePosition, siteConfig } from '../lookup-messages';
import { pushConfigChanges } from './config-push';
import { createLeadLookups, DEFAULT_FRESH_MS } from './lead-lookups';
import { createLeadSearch } from './lead-search';
import { createLeadBudgets, createLeadSummaryHandlers, dropLookupsOfGoneTabs, resetLeadsOnConnectionChange } from './lead-summary';
import { openOptions as openOptionsPage, openSearchTab as openTabView, openerLimit } from './openers';
import { createSiteConfigHandler, saveBadgePosition as saveBadgePositionFor } from './page-config';

export interface LookupDeps {
  convoso: Convoso;
  /** The sites feature's configuration of a page (its mode and rules), from the page's address. */
  configFor: (href: string) => Promise<SiteConfig>;
  /** Calls back when a saved setting changes what Convoso answers; returns how to stop. */
  watchConnection: (cb: () => void) => () => void;
}

/** A site set to inline chips shows the badge while the administrator's policy does not allow chips. */
export function withTrafficPolicy(config: SiteConfig, policy: TrafficPolicy): SiteConfig {
  return policy.allowInlineChips === false && config.mode === 'inline' ? { ...config, mode: 'badge' } : config;
}

/**
 * The lookup's background part: the lead cache and its lookups, the per-tab
 * budgets, the notices to content scripts, and the answers to their messages.
 */
export function startLookup(deps: LookupDeps): Route[] {
  let policy = readTrafficPolicy();
  let freshMs = DEFAULT_FRESH_MS;
  const applyPolicy = () => void policy.then((p) => (freshMs = (p.leadCacheMinutes ?? DEFAULT_FRESH_MS / 60_000) * 60_000));
  applyPolicy();
  watchTrafficPolicy(() => {
    policy = readTrafficPolicy();
    applyPolicy();
  });
  const configFor = async (href: string) => withTrafficPolicy(await deps.configFor(href), await policy);

  const lookups = createLeadLookups({ search: createLeadSearch(deps.convoso), freshMs: () => freshMs });
  resetLeadsOnConnectionChange(lookups, deps.watchConnection);
  const budgets = createLeadBudgets();
  dropLookupsOfGoneTabs(lookups, [budgets.badge, budgets.inline, openerLimit]);
  // Content scripts cannot watch storage: they are told when their configuration changed.
  pushConfigChanges();
  // A content script may ask before it knows its site's mode: the page's mode is checked here.
  const leads = createLeadSummaryHandlers(lookups, budgets, async (href) => (await configFor(href)).mode, () => deps.convoso.prepare());
  return [
    route(leadSummary, leads['lead-summary']),
    route(leadSummaries, leads['lead-summaries']),
    route(openOptions, (request, sender) => openOptionsPage(request, sender)),
    route(openSearchTab, (request, sender) => openTabView(request, sender)),
    route(siteConfig, createSiteConfigHandler(configFor)),
    route(saveBadgePosition, saveBadgePositionFor),
  ];
}
