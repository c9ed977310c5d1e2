import type { HostUser } from '../core/hosts/host-access';
import { CONVOSO_MATCHES, isBuiltInSite } from './built-in';
import { readSites } from './store';

/** The hosts the sites use: Convoso's own pages (the manifest's) and the sites added since; unknown while the list is unreadable. */
export const sitesHostUser: HostUser = {
  fixed: CONVOSO_MATCHES,
  async inUse() {
    const { sites, problems } = await readSites();
    return problems.length > 0 ? null : sites.filter((site) => !isBuiltInSite(site)).map((site) => site.pattern);
  },
};
