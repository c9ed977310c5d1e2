import { browser } from 'wxt/browser';
import { parseLeadId } from '../core/lead/lead-id';
import { leadIdFromUrl } from '../core/lead/detectors';

// "Callbacks for lead 12345" from anywhere: the context menu on a selection or
// a link, and the `cb` keyword in the address bar. Both open the tab view
// filtered to the lead; neither gives a web page anything.

export const MENU_SELECTION = 'lead-from-selection';
export const MENU_LINK = 'lead-from-link';

/**
 * The lead id in selected text: the text's only number ("12345", "Lead #12345",
 * "lead_id: 12345"). Several numbers ("call 555 1234 about 77") name no lead.
 */
export function leadIdFromSelection(text: string | undefined): string | null {
  if (!text || text.length > 200) return null;
  const numbers = text.match(/\d+/g) ?? [];
  return numbers.length === 1 ? parseLeadId(numbers[0]) : null;
}

/** A link's lead id: a `lead_id` / `leadId` parameter, as the badge's URL rule reads it. */
export function leadIdFromLink(url: string | undefined): string | null {
  return url ? leadIdFromUrl(url) : null;
}

export function leadSearchUrl(leadId: string | null): string {
  return browser.runtime.getURL(leadId ? `/search.html?lead_id=${encodeURIComponent(leadId)}` : '/search.html');
}

interface MenuClick {
  menuItemId: string | number;
  selectionText?: string;
  linkUrl?: string;
}

interface Tab {
  id?: number;
  index?: number;
  windowId?: number;
}

/** Opens the tab view for the lead the menu was used on, beside the tab it came from. */
export async function onMenuClicked(info: MenuClick, tab?: Tab): Promise<string | null> {
  const leadId =
    info.menuItemId === MENU_SELECTION
      ? leadIdFromSelection(info.selectionText)
      : info.menuItemId === MENU_LINK
        ? leadIdFromLink(info.linkUrl)
        : null;
  if (info.menuItemId !== MENU_SELECTION && info.menuItemId !== MENU_LINK) return null;
  // No lead in what was clicked: the empty tab view, where the agent can type one.
  const url = leadSearchUrl(leadId);
  const beside = tab?.id !== undefined && tab.id >= 0 ? { openerTabId: tab.id, windowId: tab.windowId, index: (tab.index ?? 0) + 1 } : {};
  await browser.tabs.create({ url, ...beside });
  return leadId;
}

/** What the address bar offers while `cb …` is typed. */
export function omniboxSuggestion(text: string): string {
  const leadId = parseLeadId(text);
  return leadId ? `Callbacks for lead ${leadId}` : 'Type a lead ID to see its callbacks';
}

/** `cb 12345` + Enter: the tab view for lead 12345, where the address bar asked for it. */
export async function onOmniboxEntered(text: string, disposition: string): Promise<string | null> {
  const leadId = parseLeadId(text);
  const url = leadSearchUrl(leadId);
  if (disposition === 'currentTab') {
    const [active] = await browser.tabs.query({ active: true, currentWindow: true });
    if (active?.id !== undefined) {
      await browser.tabs.update(active.id, { url });
      return leadId;
    }
  }
  await browser.tabs.create({ url, active: disposition !== 'newBackgroundTab' });
  return leadId;
}

type MenusApi = {
  removeAll(): Promise<void>;
  create(props: Record<string, unknown>): unknown;
  onClicked: { addListener(cb: (info: MenuClick, tab?: Tab) => void): void };
};

/** Chrome's `contextMenus`, Firefox's `menus` (which also answers to contextMenus). */
function menusApi(): MenusApi | undefined {
  const b = browser as unknown as { contextMenus?: MenusApi; menus?: MenusApi };
  return b.contextMenus ?? b.menus;
}

/**
 * Menus are made on install/update and browser start in Chrome, at start of
 * Firefox's (once per session) background page; removeAll first, as Chrome
 * would refuse duplicates. Listeners are registered
 * synchronously so a click that woke the worker is not missed.
 */
export function startLookupAnywhere() {
  const menus = menusApi();
  if (menus) {
    menus.onClicked.addListener((info, tab) => void onMenuClicked(info, tab).catch(() => undefined));
    // Chrome keeps menu items across worker and browser restarts: they are made
    // on install/update and browser start, not at every worker start, where the
    // calls would queue ahead of the lookup that woke the worker.
    const createMenus = () =>
      void menus
        .removeAll()
        .then(() => {
          menus.create({ id: MENU_SELECTION, title: 'Callbacks for lead %s', contexts: ['selection'] });
          menus.create({ id: MENU_LINK, title: 'Callbacks for the lead in this link', contexts: ['link'] });
        })
        .catch(() => undefined);
    // Firefox's MV2 background page starts once per session (and also on
    // enabling the extension, when neither event fires): there it runs now.
    if (import.meta.env.MANIFEST_VERSION === 2) createMenus();
    else {
      browser.runtime.onInstalled.addListener(createMenus);
      browser.runtime.onStartup.addListener(createMenus);
    }
  }
  const omnibox = (browser as unknown as { omnibox?: typeof browser.omnibox }).omnibox;
  if (omnibox) {
    omnibox.setDefaultSuggestion({ description: 'Type a lead ID to see its callbacks' });
    omnibox.onInputChanged.addListener((text) => omnibox.setDefaultSuggestion({ description: omniboxSuggestion(text) }));
    omnibox.onInputEntered.addListener((text, disposition) => void onOmniboxEntered(text, disposition).catch(() => undefined));
  }
}
