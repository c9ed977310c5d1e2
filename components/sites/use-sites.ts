import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { siteStatuses, type SiteStatus } from '../../utils/sites/registration';
import type { Site } from '../../utils/sites/schema';
import { readSites, watchSites } from '../../utils/sites/store';

/**
 * The stored site list, what the stored list could not hold, and each site's
 * status (access, registration). Only reads: the background owns registrations
 * and the policy, so opening the options changes nothing.
 */
export function useSites() {
  const [sites, setSites] = useState<Site[]>([]);
  const [problems, setProblems] = useState<string[]>([]);
  const [statuses, setStatuses] = useState<Record<string, SiteStatus>>({});

  /**
   * Statuses of the stored list, for changes the list does not show: access
   * granted or revoked, scripts registered. watchSites cannot cover these: a
   * mode change stores the list before it registers the script.
   */
  const recheck = async () => setStatuses(await siteStatuses((await readSites()).sites));

  useEffect(() => {
    const show = (read: { sites: Site[]; problems: string[] }) => {
      setSites(read.sites);
      setProblems(read.problems);
      void siteStatuses(read.sites).then(setStatuses);
    };
    void readSites().then(show);
    const stop = watchSites(show);
    // Access granted or revoked in the browser's own settings.
    const onPermissions = () => void recheck();
    try {
      browser.permissions.onAdded.addListener(onPermissions);
      browser.permissions.onRemoved.addListener(onPermissions);
    } catch {
      // Not every browser (or test double) has these events; the list refreshes on every change anyway.
    }
    return () => {
      stop();
      try {
        browser.permissions.onAdded.removeListener(onPermissions);
        browser.permissions.onRemoved.removeListener(onPermissions);
      } catch {
        // See above.
      }
    };
  }, []);

  return { sites, problems, statuses, recheck };
}
