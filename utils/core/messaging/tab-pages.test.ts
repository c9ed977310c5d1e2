import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createTabPages } from './tab-pages';

beforeEach(() => fakeBrowser.reset());

describe('the page each tab shows, as its content script came from it', () => {
  it('is forgotten when the tab loads another page or closes', async () => {
    const pages = createTabPages();
    pages.heard({ url: 'https://crm.example.com/lead/1', tab: { id: 4 } as never, frameId: 0 });
    pages.heard({ url: 'https://crm.example.com/lead/2', tab: { id: 5 } as never, frameId: 0 });
    expect(pages.pageOf({ id: 4 } as never)).toBe('https://crm.example.com/lead/1');
    await fakeBrowser.tabs.onUpdated.trigger(4, { status: 'loading' }, { id: 4 } as never);
    await fakeBrowser.tabs.onRemoved.trigger(5, { windowId: 1, isWindowClosing: false });
    expect(pages.pageOf({ id: 4 } as never)).toBeUndefined();
    expect(pages.pageOf({ id: 5 } as never)).toBeUndefined();
  });
});
