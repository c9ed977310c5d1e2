import { browser } from 'wxt/browser';
import type { StorageItemKey } from 'wxt/utils/storage';
import { storage } from 'wxt/utils/storage';
import { isProtectedKey, sealer as extensionSealer, type Sealer } from '../../utils/core/storage/sealed';

// Whole storage areas as the extension means them, for the tests: the unit tests seed
// and inspect settings with these, and the real-browser harness runs them in the test
// build's bridge page (tests/harness/bridge/). The extension itself reads setting by setting.

export type Area = 'local' | 'session';

/** Sealed values opened, the others as stored. */
export async function readArea(area: Area, sealer: Sealer = extensionSealer): Promise<Record<string, unknown>> {
  const raw = await browser.storage[area].get(null);
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(raw)) {
    const key = `${area}:${name}` as StorageItemKey;
    const opened = isProtectedKey(key) ? await sealer.unseal(key, value) : null;
    out[name] = opened?.state === 'ok' ? opened.value : value;
  }
  return out;
}

/** Writes values as a trusted context would: protected keys sealed, whatever they hold. */
export async function writeArea(area: Area, items: Record<string, unknown>, sealer: Sealer = extensionSealer): Promise<void> {
  const entries = Object.entries(items).map(([name, value]) => ({ key: `${area}:${name}` as StorageItemKey, value }));
  await sealer.writeSealed(entries.filter((e) => isProtectedKey(e.key)));
  await storage.setItems(entries.filter((e) => !isProtectedKey(e.key)));
}
