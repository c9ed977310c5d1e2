import { browser } from 'wxt/browser';
import type { ConfigChangedNotice } from '../lookup-messages';
import { STORAGE_KEYS, areaName } from '../../core/storage/storage-keys';
import { CONNECTION_EPOCH_KEY } from './lead-summary';

// Content scripts no longer watch storage (they cannot read it): the
// background tells every tab when the site list or the connection changed, and
// their content scripts ask again. Tabs without one refuse the message: ignored.

export function noticeFor(changes: Record<string, unknown>, area: string): ConfigChangedNotice | null {
  // The administrator's policy may allow or forbid inline chips: every page asks for its configuration again.
  if (area === 'managed') return { type: 'config-changed', sites: true, connection: false };
  if (area !== 'local') return null;
  const sites = areaName(STORAGE_KEYS.sites) in changes;
  const connection = areaName(CONNECTION_EPOCH_KEY) in changes;
  return sites || connection ? { type: 'config-changed', sites, connection } : null;
}

async function tellEveryTab(notice: ConfigChangedNotice): Promise<void> {
  let tabs: { id?: number }[] = [];
  try {
    tabs = await browser.tabs.query({});
  } catch {
    return;
  }
  await Promise.all(tabs.map((tab) => (tab.id === undefined ? undefined : browser.tabs.sendMessage(tab.id, notice).catch(() => undefined))));
}

export function pushConfigChanges(): () => void {
  const onChanged = (changes: Record<string, unknown>, area: string) => {
    const notice = noticeFor(changes, area);
    if (notice) void tellEveryTab(notice);
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}
