import { DEFAULT_CONFIG, type SiteConfig } from '../sites-messages';
import { urlMatchesPattern } from '../../core/hosts/match-pattern';
import type { Site } from '../schema';

/**
 * The configuration of the site `href` belongs to: the first stored site whose
 * match pattern matches (the list was read through SitesSchema, see store.ts).
 * Convoso's own pages, matched by the manifest rather than by a stored site, get
 * the default: badge mode, built-in detectors only.
 *
 * https://crm.example.com/* + https://crm.example.com/leads/5 -> that site's mode and rules
 * https://crm.example.com/* + https://other.example.com/      -> DEFAULT_CONFIG
 */
export function siteConfigFor(sites: readonly Site[], href: string): SiteConfig {
  const site = sites.find((s) => safeMatch(s.pattern, href));
  return site ? { mode: site.mode, rules: site.rules } : DEFAULT_CONFIG;
}

function safeMatch(pattern: string, href: string): boolean {
  try {
    return urlMatchesPattern(pattern, href);
  } catch {
    return false;
  }
}
