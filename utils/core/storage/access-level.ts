import { browser } from 'wxt/browser';

type AccessLevelArea = { setAccessLevel?: (details: { accessLevel: 'TRUSTED_CONTEXTS' }) => Promise<void> };

/**
 * Chrome: storage.local and storage.session for the extension's own pages and
 * background only, so a content script cannot even read them. Called at every
 * start (the level is not kept across restarts). Firefox has no such call:
 * there, sealing (utils/core/storage/sealed.ts) is what keeps settings safe.
 */
export function restrictStorageToExtension(): void {
  for (const area of [browser.storage.local, browser.storage.session] as unknown as (AccessLevelArea | undefined)[]) {
    if (typeof area?.setAccessLevel !== 'function') continue;
    try {
      void Promise.resolve(area.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' })).catch(() => undefined);
    } catch {
      // An older browser without the call for this area: sealing still holds.
    }
  }
}
