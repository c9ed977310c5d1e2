import type { Browser } from 'wxt/browser';

export type SenderRole = 'extension-page' | 'page-frame' | 'content-script' | 'unknown';

const isWebUrl = (url: string | undefined) => /^https?:\/\//.test(url ?? '');

/** What `senderRole` knows of this extension: its id, its origin, its framed pages, and the web page of a tab. */
export interface Own {
  id: string;
  origin: string;
  /** Paths of the extension's pages shown only inside web pages (the badge, the chips). */
  frames?: readonly string[];
  /** The web page a tab shows, as far as the browser named it (tab-pages.ts). */
  pageOf?: (tab: Browser.tabs.Tab | undefined) => string | undefined;
}

/** The web page a framed page's tab shows: the browser's `tab.url`, else what `own.pageOf` knows. */
export function framedIn(sender: Browser.runtime.MessageSender, own: Pick<Own, 'pageOf'>): string | undefined {
  return own.pageOf ? own.pageOf(sender.tab) : sender.tab?.url;
}

/**
 * Who sent a message. Extension pages (popup, options, the search tab) live at
 * the extension's own origin; content scripts run in a tab on an http(s) page.
 * The framed pages (`own.frames`) are shown only inside a web page: from there
 * they speak for that page's tab, and anywhere else (a top-level tab, no web
 * page around them) they are refused, so a page that opens one by itself gets
 * neither an extension page's rights nor a way around its tab's budgets.
 * Anything else (another extension, a page without a tab, a sandboxed frame) is
 * unknown and refused.
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
export function senderRole(sender: Browser.runtime.MessageSender, own: Own): SenderRole {
  if (sender.id !== own.id) return 'unknown';
  const url = sender.url ?? '';
  if (url.startsWith(`${own.origin}/`)) {
    // The path after the origin, without a query or hash (no URL parsing that could throw).
    const path = url.slice(own.origin.length).split(/[?#]/, 1)[0]!;
    if (!(own.frames ?? []).includes(path)) return 'extension-page';
    const inWebPage = sender.tab?.id !== undefined && sender.tab.id >= 0 && (sender.frameId ?? 0) > 0 && isWebUrl(framedIn(sender, own));
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
export function asItsPage(sender: Browser.runtime.MessageSender, page: string | undefined): Browser.runtime.MessageSender {
  return { ...sender, url: page };
}
