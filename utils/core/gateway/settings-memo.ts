import { browser } from 'wxt/browser';
import { areaName, STORAGE_KEYS } from '../storage/storage-keys';
import type { SavedSettings } from './saved-connection';

/**
 * What the background keeps in storage.session for itself (caches, budgets,
 * pauses): no setting a search reads. Its frequent writes (every lookup's
 * answer, every tab's budget) must not throw the kept settings away.
 */
const NOT_SETTINGS: ReadonlySet<string> = new Set(
  [STORAGE_KEYS.leadCache, STORAGE_KEYS.trafficHosts, STORAGE_KEYS.badgeBudget, STORAGE_KEYS.inlineBudget, STORAGE_KEYS.openerBudget, STORAGE_KEYS.backgroundRefresh, STORAGE_KEYS.popupState].map(areaName),
);

/**
 * The settings a lookup uses, read and unsealed once, then kept in memory
 * until extension storage changes (any key of local or session but the
 * background's own records above: a token, the API address, the zone, the
 * past-due spelling). Without it every badge lookup read and decrypted six
 * items in two rounds before its request.
 */
export function createSettingsMemo(readSettings: () => Promise<SavedSettings>): () => Promise<SavedSettings> {
  let current: Promise<SavedSettings> | null = null;
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local' && area !== 'session') return;
    if (Object.keys(changes).every((key) => NOT_SETTINGS.has(key))) return;
    current = null;
  });
  return () => {
    const read = (current ??= readSettings());
    // A failed read is not kept: the next lookup tries again.
    read.catch(() => {
      if (current === read) current = null;
    });
    return read;
  };
}
