import { browser, type Browser } from 'wxt/browser';
import type { AnswerOf, RequestOf } from '../../core/messaging/define-message';
import type { openOptions as openOptionsMessage, openSearchTab as openSearchTabMessage } from '../lookup-messages';
import { createTabRateLimit, type TabBudget } from './tab-budget';
import { STORAGE_KEYS } from '../../core/storage/storage-keys';

type OpenSearchTabRequest = RequestOf<typeof openSearchTabMessage>;

/**
 * Tabs a web page's badge may open. The content script only sends these after a
 * trusted press, but its world is not ours to trust (a compromised renderer runs
 * code in it): the background counts too. An agent opens a few; a script, dozens.
 */
export const OPENS_PER_MINUTE = 6;
export const openerLimit: TabBudget = createTabRateLimit({ limit: OPENS_PER_MINUTE, windowMs: 60_000, key: STORAGE_KEYS.openerBudget });

const TOO_MANY = { ok: false, error: { kind: 'paused', message: 'This page opened too many tabs; try again in a minute.' } } as const;

/** Whether a web page's tab (not an extension page) is over its opening budget. */
async function overLimit(sender: Browser.runtime.MessageSender | undefined, limit: TabBudget): Promise<boolean> {
  const tabId = sender?.tab?.id;
  if (tabId === undefined || tabId < 0 || !/^https?:/.test(sender?.url ?? '')) return false;
  return !(await limit.allow(tabId, 'open'));
}

/** The badge's "Set up": a content script cannot open the options page itself. */
export async function openOptions(
  _request?: unknown,
  sender?: Browser.runtime.MessageSender,
  limit: TabBudget = openerLimit,
): Promise<AnswerOf<typeof openOptionsMessage>> {
  if (await overLimit(sender, limit)) return TOO_MANY;
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
  limit: TabBudget = openerLimit,
): Promise<AnswerOf<typeof openSearchTabMessage>> {
  if (await overLimit(sender, limit)) return TOO_MANY;
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
