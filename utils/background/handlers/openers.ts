import { browser } from 'wxt/browser';
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
export async function openSearchTab(request: OpenSearchTabRequest): Promise<ReplyMap['open-search-tab']> {
  await browser.tabs.create({ url: browser.runtime.getURL(`/search.html?lead_id=${encodeURIComponent(request.leadId)}`) });
  return { ok: true };
}
