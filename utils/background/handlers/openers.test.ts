import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openOptions, openSearchTab } from './openers';

describe('openers', () => {
  beforeEach(() => fakeBrowser.reset());

  it('opens the options page', async () => {
    const open = vi.spyOn(fakeBrowser.runtime, 'openOptionsPage').mockResolvedValue(undefined);
    expect(await openOptions()).toEqual({ ok: true });
    expect(open).toHaveBeenCalledTimes(1);
  });

  it("opens the search tab filtered to the lead", async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    expect(await openSearchTab({ type: 'open-search-tab', leadId: '424242' })).toEqual({ ok: true });
    expect(create).toHaveBeenCalledWith({ url: fakeBrowser.runtime.getURL('/search.html?lead_id=424242' as '/') });
  });

  it('opens it beside the CRM tab that asked, in its window', async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    const tab = { id: 7, index: 2, windowId: 3 } as Browser.tabs.Tab;
    await openSearchTab({ type: 'open-search-tab', leadId: '424242' }, { tab, frameId: 0 });
    expect(create).toHaveBeenCalledWith({
      url: fakeBrowser.runtime.getURL('/search.html?lead_id=424242' as '/'),
      openerTabId: 7,
      windowId: 3,
      index: 3,
    });
  });
});
