import { browser } from 'wxt/browser';

// What an administrator can limit of the extension's traffic to Convoso, by
// browser policy (public/managed_schema.json, the same keys in Chrome's and
// Firefox's policies). Each value is checked on its own: a bad one is ignored
// and reported, never a reason to ignore the rest. The background applies it;
// the options page shows what it fixed.

export interface TrafficPolicy {
  /** The browser's request budget to Convoso (default 60). */
  requestsPerMinute?: number;
  /** The toolbar count and reminders refresh at most this often, whatever the agent chose. */
  minRefreshMinutes?: number;
  /** How long a lead's answer is shown without asking Convoso again (default 10). */
  leadCacheMinutes?: number;
  /** false: sites set to inline chips show the badge instead. */
  allowInlineChips?: boolean;
  /** false: the toolbar count is off and cannot be turned on. */
  allowToolbarCount?: boolean;
  /** false: reminders are off and cannot be turned on. */
  allowReminders?: boolean;
  /** Policy values that were invalid and ignored. */
  problems: string[];
}

type NumberKey = 'requestsPerMinute' | 'minRefreshMinutes' | 'leadCacheMinutes';
type FlagKey = 'allowInlineChips' | 'allowToolbarCount' | 'allowReminders';

/** The accepted range of each number. */
export const TRAFFIC_POLICY_RANGES: Readonly<Record<NumberKey, readonly [number, number]>> = {
  requestsPerMinute: [1, 600],
  minRefreshMinutes: [1, 240],
  leadCacheMinutes: [1, 60],
};
const FLAGS: readonly FlagKey[] = ['allowInlineChips', 'allowToolbarCount', 'allowReminders'];

export function parseTrafficPolicy(raw: unknown): TrafficPolicy {
  const policy: TrafficPolicy = { problems: [] };
  if (!raw || typeof raw !== 'object') return policy;
  const values = raw as Record<string, unknown>;
  for (const [key, [min, max]] of Object.entries(TRAFFIC_POLICY_RANGES) as [NumberKey, readonly [number, number]][]) {
    const value = values[key];
    if (value === undefined) continue;
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) policy[key] = value;
    else policy.problems.push(`Policy ${key} ignored: it must be a whole number from ${min} to ${max}.`);
  }
  for (const key of FLAGS) {
    const value = values[key];
    if (value === undefined) continue;
    if (typeof value === 'boolean') policy[key] = value;
    else policy.problems.push(`Policy ${key} ignored: it must be true or false.`);
  }
  return policy;
}

/** Reading storage.managed fails where no policy store exists (Firefox without one): nothing is limited then. */
export async function readTrafficPolicy(): Promise<TrafficPolicy> {
  try {
    return parseTrafficPolicy(await browser.storage.managed.get());
  } catch {
    return { problems: [] };
  }
}

/** Calls `cb` when the browser's policy changes (Chrome reports it; Firefox reads its policy at start). */
export function watchTrafficPolicy(cb: () => void): () => void {
  const onChanged = (_changes: unknown, area: string) => {
    if (area === 'managed') cb();
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}
