import type { Site } from './schema';

// Convoso's own admin and agent pages (see docs/API.md). The manifest's static
// content script covers them, so they are never registered at runtime and can
// be switched to inline or off but not removed.

export const BUILT_IN_SITES: readonly Site[] = [
  { id: 'convoso-admin', pattern: 'https://admin.convoso.com/*', mode: 'badge', rules: [] },
  { id: 'convoso-admin-dt', pattern: 'https://admin-dt.convoso.com/*', mode: 'badge', rules: [] },
  { id: 'convoso-agent', pattern: 'https://agent.convoso.com/*', mode: 'badge', rules: [] },
  { id: 'convoso-agent-dt', pattern: 'https://agent-dt.convoso.com/*', mode: 'badge', rules: [] },
];

/** For the static content script's `matches`. */
export const CONVOSO_MATCHES: readonly string[] = BUILT_IN_SITES.map((s) => s.pattern);

const BUILT_IN_IDS = new Set(BUILT_IN_SITES.map((s) => s.id));

export function isBuiltInSite(site: Pick<Site, 'id'>): boolean {
  return BUILT_IN_IDS.has(site.id);
}
