import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createTabRateLimit } from './tab-budget';
import { OPENS_PER_MINUTE, openOptions, openSearchTab } from './openers';

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

  it('rate-limits a web page: past OPENS_PER_MINUTE in a minute nothing opens (issue 8, item 2)', async () => {
    vi.useFakeTimers({ now: 0, toFake: ['Date'] });
    const limit = createTabRateLimit({ limit: OPENS_PER_MINUTE, windowMs: 60_000, key: 'session:openerBudget' });
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    const open = vi.spyOn(fakeBrowser.runtime, 'openOptionsPage').mockResolvedValue(undefined);
    create.mockClear();
    open.mockClear();
    const sender = { tab: { id: 7, index: 2, windowId: 3 } as Browser.tabs.Tab, url: 'https://crm.example.com/', frameId: 0 };
    const replies = [];
    for (let i = 0; i < 10; i++) replies.push(await openSearchTab({ type: 'open-search-tab', leadId: '424242' }, sender, limit));
    replies.push(await openOptions({ type: 'open-options' }, sender, limit));
    expect(replies.filter((r) => r.ok)).toHaveLength(OPENS_PER_MINUTE);
    expect(replies.at(-1)).toMatchObject({ ok: false, error: { kind: 'paused' } });
    expect(create).toHaveBeenCalledTimes(OPENS_PER_MINUTE);
    expect(open).not.toHaveBeenCalled();
    vi.setSystemTime(60_000);
    expect(await openOptions({ type: 'open-options' }, sender, limit)).toEqual({ ok: true });
    vi.useRealTimers();
    // The extension's own pages are not limited.
    for (let i = 0; i < 10; i++) expect(await openSearchTab({ type: 'open-search-tab', leadId: '1' }, undefined, limit)).toEqual({ ok: true });
  });
});
