import { browser } from 'wxt/browser';
import type { SavedSettings } from './saved-connection';

/**
 * The settings a lookup uses, read and unsealed once, then kept in memory
 * until extension storage changes (any key of local or session: a token,
 * the API address, the zone, the past-due spelling). Without it every badge
 * lookup read and decrypted six items in two rounds before its request.
 */
export function createSettingsMemo(readSettings: () => Promise<SavedSettings>): () => Promise<SavedSettings> {
  let current: Promise<SavedSettings> | null = null;
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'local' || area === 'session') current = null;
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
