import { DEFAULT_BASE_URL } from '../core/api/client';
import type { HostUser } from '../core/hosts/host-access';
import { originPattern } from '../core/hosts/match-pattern';
import { baseUrlSetting } from './settings';

// Convoso's API host is granted by the manifest; another API address needs the
// user's grant once, and gives it back when the address moves on (utils/core/hosts/host-access.ts).

export const DEFAULT_API_ORIGIN = originPattern(DEFAULT_BASE_URL)!;

/** The host permission an API base URL needs beyond the manifest's, if any. */
export function extraApiOrigin(baseUrl: string): string | null {
  const origin = originPattern(baseUrl);
  return origin && origin !== DEFAULT_API_ORIGIN ? origin : null;
}

/** The hosts the connection uses: Convoso's (the manifest's) and the saved API address's; unknown while that address is unreadable. */
export const apiHostUser: HostUser = {
  fixed: [DEFAULT_API_ORIGIN],
  async inUse() {
    const saved = await baseUrlSetting.get();
    if (saved.problem) return null;
    const extra = extraApiOrigin(saved.value);
    return extra ? [extra] : [];
  },
};
