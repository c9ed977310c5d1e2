import { beforeEach, describe, expect, it, vi } from 'vitest';
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
});
