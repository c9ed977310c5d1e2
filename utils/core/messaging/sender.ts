import type { Browser } from 'wxt/browser';

export type SenderRole = 'extension-page' | 'page-frame' | 'content-script' | 'unknown';

const isWebUrl = (url: string | undefined) => /^https?:\/\//.test(url ?? '');

/**
 * Who sent a message. Extension pages (popup, options, the search tab) live at
 * the extension's own origin; content scripts run in a tab on an http(s) page.
 * `framePages` are the extension's pages that are shown only inside a web page
 * (the badge, the chips): from there they speak for that page's tab, and
 * anywhere else (a top-level tab, no web page around them) they are refused, so
 * a page that opens one by itself gets neither an extension page's rights nor a
 * way around its tab's budgets. Anything else (another extension, a page without
 * a tab, a sandboxed frame) is unknown and refused.
 *
 * extension-page: { id: OWN, url: 'chrome-extension://OWN/popup.html' }
 *                 { id: OWN, url: 'chrome-extension://OWN/search.html?lead_id=1', tab: {...}, frameId: 0 }
 * page-frame:     { id: OWN, url: 'chrome-extension://OWN/badge.html#1', tab: { url: 'https://crm…' }, frameId: 7 }
 * content-script: { id: OWN, url: 'https://crm.example.com/lead/1', tab: {...} }
 * unknown:        { id: 'other-extension', url: 'chrome-extension://other/x.html' }
 *                 { id: OWN, url: 'chrome-extension://OWN/badge.html#1', tab: {...}, frameId: 0 } (opened as a tab)
 *                 { id: OWN, url: 'https://crm.example.com/' } (no tab)
 *                 { id: OWN, url: 'file:///tmp/x.html', tab: {...} }
 */
export function senderRole(
  sender: Browser.runtime.MessageSender,
  ownId: string,
  ownOrigin: string,
  framePages: readonly string[] = [],
): SenderRole {
  if (sender.id !== ownId) return 'unknown';
  const url = sender.url ?? '';
  if (url.startsWith(`${ownOrigin}/`)) {
    if (!framePages.includes(new URL(url).pathname)) return 'extension-page';
    const inWebPage = sender.tab?.id !== undefined && sender.tab.id >= 0 && (sender.frameId ?? 0) > 0 && isWebUrl(sender.tab.url);
    return inWebPage ? 'page-frame' : 'unknown';
  }
  if (sender.tab && isWebUrl(url)) return 'content-script';
  return 'unknown';
}

/**
 * The sender a handler sees for a framed page: the web page of its tab, as if
 * its content script had asked (`url` is the tab's address), so the tab's
 * budgets, its site's mode and its openers apply to it exactly as to the page.
 */
export function asItsPage(sender: Browser.runtime.MessageSender): Browser.runtime.MessageSender {
  return { ...sender, url: sender.tab?.url };
}
