import { browser, type Browser } from 'wxt/browser';
import type { ReplyMap, Request } from '../../messaging/protocol';

type OpenSearchTabRequest = Extract<Request, { type: 'open-search-tab' }>;

/** The badge's "Set up": a content script cannot open the options page itself. */
export async function openOptions(): Promise<ReplyMap['open-options']> {
  await browser.runtime.openOptionsPage();
  return { ok: true };
}

/**
 * The badge's "View all": the popup's tab view, filtered to the lead. The id was
 * validated by the router (LeadIdSchema: digits only), so it is safe in a URL,
 * but it is still encoded so this never depends on that.
 */
export async function openSearchTab(
  request: OpenSearchTabRequest,
  sender?: Browser.runtime.MessageSender,
): Promise<ReplyMap['open-search-tab']> {
  const url = browser.runtime.getURL(`/search.html?lead_id=${encodeURIComponent(request.leadId)}`);
  await browser.tabs.create({ url, ...besideSender(sender) });
  return { ok: true };
}

/**
 * Asked from a CRM tab: open right beside it, in its window, so the agent's
 * tabs stay in order and closing the new tab returns to the lead.
 */
function besideSender(sender?: Browser.runtime.MessageSender): Browser.tabs.CreateProperties {
  const tab = sender?.tab;
  if (!tab || tab.id === undefined || tab.id < 0) return {};
  return { openerTabId: tab.id, windowId: tab.windowId, index: tab.index + 1 };
}
