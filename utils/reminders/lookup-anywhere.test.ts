import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  MENU_LINK,
  MENU_SELECTION,
  leadIdFromLink,
  leadIdFromSelection,
  onMenuClicked,
  onOmniboxEntered,
  omniboxSuggestion,
  startLookupAnywhere,
} from './lookup-anywhere';

beforeEach(() => fakeBrowser.reset());

describe('leadIdFromSelection', () => {
  it.each([
    ['12345', '12345'],
    ['  12345\n', '12345'],
    ['Lead #12345', '12345'],
    ['lead_id: 12345', '12345'],
    ['call 555 1234', null],
    ['0012', null],
    ['no digits', null],
    ['', null],
    [undefined, null],
    ['1234567890123456789', null],
  ])('%j → %j', (text, id) => {
    expect(leadIdFromSelection(text)).toBe(id);
  });
});

describe('leadIdFromLink', () => {
  it.each([
    ['https://crm.example.com/lead?lead_id=42', '42'],
    ['https://crm.example.com/#/view?leadId=42', '42'],
    ['https://crm.example.com/about', null],
    ['javascript:alert(1)', null],
  ])('%s → %j', (url, id) => {
    expect(leadIdFromLink(url)).toBe(id);
  });
});

describe('handlers', () => {
  it('the menu opens the tab view for the lead beside the tab it was used in', async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    expect(await onMenuClicked({ menuItemId: MENU_SELECTION, selectionText: 'Lead 777' }, { id: 4, index: 2, windowId: 1 })).toBe('777');
    expect(create).toHaveBeenLastCalledWith({
      url: 'chrome-extension://test-extension-id/search.html?lead_id=777',
      openerTabId: 4,
      windowId: 1,
      index: 3,
    });
    expect(await onMenuClicked({ menuItemId: MENU_LINK, linkUrl: 'https://crm.example.com/?lead_id=9' })).toBe('9');
    expect(await onMenuClicked({ menuItemId: 'someone-else' })).toBeNull();
    expect(create).toHaveBeenCalledTimes(2);
  });

  it('the omnibox suggests, then opens where the address bar asked', async () => {
    expect(omniboxSuggestion(' 12345 ')).toBe('Callbacks for lead 12345');
    expect(omniboxSuggestion('abc')).toBe('Type a lead ID to see its callbacks');
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    expect(await onOmniboxEntered('12345', 'newForegroundTab')).toBe('12345');
    expect(create).toHaveBeenLastCalledWith({ url: 'chrome-extension://test-extension-id/search.html?lead_id=12345', active: true });
    await onOmniboxEntered('not a lead', 'newBackgroundTab');
    expect(create).toHaveBeenLastCalledWith({ url: 'chrome-extension://test-extension-id/search.html', active: false });
  });
});

describe('startLookupAnywhere', () => {
  it('a worker start only registers listeners: the menu items are made on install and browser start (Chrome keeps them)', async () => {
    const menus = {
      removeAll: vi.fn(async () => {}),
      create: vi.fn(),
      onClicked: { addListener: vi.fn() },
    };
    Object.assign(fakeBrowser, { contextMenus: menus });
    // The fake browser has no omnibox events: this test is about the menus.
    const omnibox = fakeBrowser.omnibox;
    Object.assign(fakeBrowser, { omnibox: undefined });
    try {
      startLookupAnywhere();
      expect(menus.onClicked.addListener).toHaveBeenCalledTimes(1);
      expect(menus.removeAll).not.toHaveBeenCalled();
      expect(menus.create).not.toHaveBeenCalled();

      await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
      await vi.waitFor(() => expect(menus.create.mock.calls.map(([item]) => (item as { id: string }).id)).toEqual([MENU_SELECTION, MENU_LINK]));
      await fakeBrowser.runtime.onStartup.trigger();
      await vi.waitFor(() => expect(menus.removeAll).toHaveBeenCalledTimes(2));
    } finally {
      Object.assign(fakeBrowser, { omnibox });
      delete (fakeBrowser as { contextMenus?: unknown }).contextMenus;
    }
  });
});
