import { browser } from 'wxt/browser';
import { patternCoversHosts, patternsShareHosts } from './match-pattern';

// Host access is asked for one host at a time (a CRM site, another API address)
// and given back when nothing uses it any more. Features say which host patterns
// they use; what is given back is decided here, once for all of them (the
// options page and the background wire the features in).

export interface HostUser {
  /** Patterns the manifest grants: never asked for, so never given back. */
  fixed: readonly string[];
  /** Patterns asked for at run time and still used; null when it cannot tell (an unreadable list): then nothing is given back. */
  inUse: () => Promise<readonly string[] | null>;
}

export interface HostAccess {
  /**
   * Drops the access to `pattern` unless a pattern in use reaches one of its
   * hosts (host permissions ignore paths, so the browser would drop that access
   * too), or the manifest grants it. Never throws: keeping an unused permission
   * is the lesser harm.
   */
  release(pattern: string): Promise<void>;
}

export function createHostAccess(users: readonly HostUser[]): HostAccess {
  return {
    async release(pattern) {
      try {
        if (users.some((user) => user.fixed.some((fixed) => patternCoversHosts(fixed, pattern)))) return;
        const inUse = await Promise.all(users.map((user) => user.inUse()));
        if (inUse.some((patterns) => patterns === null || patterns.some((used) => patternsShareHosts(used, pattern)))) return;
        await browser.permissions.remove({ origins: [pattern] });
      } catch {
        // Refused for a permission the manifest requires (test builds grant loopback hosts), or unreadable: kept.
      }
    },
  };
}
