import { browser, type Browser } from 'wxt/browser';

/**
 * The web page each tab's content script speaks for, as the browser names it
 * (the content script's `sender.url`, which no page can forge). A framed
 * extension page speaks for its tab's page, and Chrome names that page in
 * `sender.tab.url`; Firefox names it only to an extension with a host
 * permission for it, which the built-in Convoso sites' static content script
 * does not give. Then the address the tab's content script last came from is
 * the page's. A tab that starts loading another page, or closes, is forgotten.
 */
export interface TabPages {
  /** Notes the page of a content script's message (top frame only). */
  heard(sender: Browser.runtime.MessageSender): void;
  /** The web page a framed page in `tab` speaks for, if known. */
  pageOf(tab: Browser.tabs.Tab | undefined): string | undefined;
}

export function createTabPages(watch = true): TabPages {
  const pages = new Map<number, string>();
  if (watch) {
    browser.tabs.onRemoved.addListener((tabId) => void pages.delete(tabId));
    browser.tabs.onUpdated.addListener((tabId, change) => {
      if (change.status === 'loading') pages.delete(tabId);
    });
  }
  return {
    heard(sender) {
      const tabId = sender.tab?.id;
      if (tabId === undefined || tabId < 0 || (sender.frameId ?? 0) !== 0 || !sender.url) return;
      pages.set(tabId, sender.url);
    },
    pageOf(tab) {
      if (!tab || tab.id === undefined) return undefined;
      return tab.url ?? pages.get(tab.id);
    },
  };
}
