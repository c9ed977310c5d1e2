import type { StorageItemKey } from 'wxt/utils/storage';

// Every key the extension keeps in browser storage, defined once: each module
// that reads or writes one names it from here, so two places can never drift
// apart on a spelling ('sites' against 'local:sites'). Sealed or not is the
// module's concern (settings are sealed, see sealed.ts); content scripts read
// none of them.
export const STORAGE_KEYS = {
  // The connection (settings.ts)
  tokenStorage: 'local:tokenStorage',
  localToken: 'local:token',
  sessionToken: 'session:token',
  apiBaseUrl: 'local:apiBaseUrl',
  requestMethod: 'local:requestMethod',
  pageSize: 'local:pageSize',
  userId: 'local:userId',
  requestTimeoutMs: 'local:requestTimeoutMs',
  timeZone: 'local:timeZone',
  // CRM sites and the badge
  sites: 'local:sites',
  badgePositions: 'local:badgePositions',
  /** Bumped when the connection changes: the background tells every tab to ask again. */
  connectionEpoch: 'local:connectionEpoch',
  leadCache: 'session:leadCache',
  // The traffic gate's pause per API host, and each tab's lookup budgets: kept across worker restarts
  trafficHosts: 'session:trafficHosts',
  badgeBudget: 'session:badgeBudget',
  inlineBudget: 'session:inlineBudget',
  openerBudget: 'session:openerBudget',
  /** The administrator's policy as the background last applied it (managed.ts). */
  appliedPolicy: 'local:appliedPolicy',
  // What the background learned of the account
  pastDueSpelling: 'local:pastDueSpelling',
  // Power tools (power-tools.ts, reminders.ts)
  dueBadge: 'local:dueBadge',
  dueBadgeMinutes: 'local:dueBadgeMinutes',
  reminders: 'local:reminders',
  reminderMinutes: 'local:reminderMinutes',
  remindersNotified: 'local:remindersNotified',
  /** When the toolbar count and reminders last asked, the last count and the agent's open callbacks, until the browser closes. */
  backgroundRefresh: 'session:backgroundRefresh',
  savedSearches: 'local:savedSearches',
  // The popup's last search, until the browser closes
  popupState: 'session:popupState',
} as const satisfies Record<string, StorageItemKey>;

/** The name a key has inside its area ('local:sites' → 'sites'), as `storage.onChanged` reports it. */
export const areaName = (key: StorageItemKey): string => key.slice(key.indexOf(':') + 1);
