import type { Browser } from 'wxt/browser';

export type SenderRole = 'extension-page' | 'content-script' | 'unknown';

/**
 * Who sent a message. Extension pages (popup, options, the search tab) live at
 * the extension's own origin; content scripts run in a tab on an http(s) page.
 * Anything else (another extension, a page without a tab, a sandboxed frame)
 * is unknown and refused.
 *
 * extension-page: { id: OWN, url: 'chrome-extension://OWN/popup.html' }
 *                 { id: OWN, url: 'chrome-extension://OWN/search.html?lead_id=1', tab: {...} }
 * content-script: { id: OWN, url: 'https://crm.example.com/lead/1', tab: {...} }
 * unknown:        { id: 'other-extension', url: 'chrome-extension://other/x.html' }
 *                 { id: OWN, url: 'https://crm.example.com/' } (no tab)
 *                 { id: OWN, url: 'file:///tmp/x.html', tab: {...} }
 */
export function senderRole(sender: Browser.runtime.MessageSender, ownId: string, ownOrigin: string): SenderRole {
  if (sender.id !== ownId) return 'unknown';
  const url = sender.url ?? '';
  if (url.startsWith(`${ownOrigin}/`)) return 'extension-page';
  if (sender.tab && /^https?:\/\//.test(url)) return 'content-script';
  return 'unknown';
}
