import { browser, type Browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import type { BadgeMode } from '../../sites/sites-messages';
import type { AnswerOf, RequestOf } from '../../core/messaging/define-message';
import type { LeadReply, leadSummaries, leadSummary } from '../lookup-messages';
import type { LeadLookups } from './lead-lookups';
import { createTabBudget, type TabBudget } from './tab-budget';
import { STORAGE_KEYS } from '../../core/storage/storage-keys';

type LeadSummaryRequest = RequestOf<typeof leadSummary>;
type LeadSummariesRequest = RequestOf<typeof leadSummaries>;

/**
 * How many distinct leads one tab may look up. The badge shows one lead at a
 * time: an agent opens a few a minute, a page switching leads by script to
 * read their callbacks opens dozens. A list page in inline mode shows a few
 * hundred; a page that keeps inventing rows asks for thousands.
 */
export interface LeadBudgets {
  badge: TabBudget;
  inline: TabBudget;
}

export const BADGE_LEADS_PER_MINUTE = 10;
export const INLINE_LEADS_PER_10_MINUTES = 500;

export function createLeadBudgets(): LeadBudgets {
  return {
    badge: createTabBudget({ limit: BADGE_LEADS_PER_MINUTE, windowMs: 60_000, key: STORAGE_KEYS.badgeBudget }),
    inline: createTabBudget({ limit: INLINE_LEADS_PER_10_MINUTES, windowMs: 10 * 60_000, key: STORAGE_KEYS.inlineBudget }),
  };
}

/** A page of a site switched off asked anyway (it asks before it knows its mode): no lookup. */
const SITE_OFF: LeadReply = {
  ok: false,
  error: { kind: 'refused', message: 'The badge is switched off for this site.' },
};

const PAUSED: LeadReply = {
  ok: false,
  error: { kind: 'paused', message: 'This tab asked for too many leads; lookups are paused for a minute.' },
};

/** The tab of a content script (a web page); extension pages have no budget. */
function pageTab(sender?: Browser.runtime.MessageSender): number | undefined {
  const id = sender?.tab?.id;
  return id !== undefined && id >= 0 && /^https?:/.test(sender?.url ?? '') ? id : undefined;
}

/** Each refresh a person asks for is a lookup of its own against the tab's budget: a page cannot refresh one lead forever. */
const refreshKey = (leadId: string) => `${leadId}#refresh-${Date.now()}-${Math.random()}`;

/**
 * The badge's and the chips' questions (each may come again with
 * `afterRefresh` after a stale reply that said `refreshing`). Replies carry
 * only the LeadSummary (what the badge shows) or a ServiceError; the token
 * stays with the search function the lookups were built on, and "no token"
 * arrives from it as the 'no-token' error. A web page's tab gets its budget of
 * distinct leads, by its site's mode (a badge page's list question gets the
 * badge's budget); past it, 'paused'.
 */
export function createLeadSummaryHandlers(
  lookups: LeadLookups,
  budgets: LeadBudgets = createLeadBudgets(),
  /** The mode of the site a web page belongs to, from its address (the sender's, never one the message names). */
  modeOf: (href: string) => Promise<BadgeMode> = async () => 'badge',
  /**
   * Starts reading what a search needs (the saved connection), beside the mode
   * check and the cache: in a worker just started for this question, reading it
   * only once the lead turned out not to be cached came after both.
   */
  prepare: () => void = () => undefined,
) {
  const pageMode = async (tabId: number | undefined, sender?: Browser.runtime.MessageSender) =>
    tabId === undefined ? undefined : modeOf(sender?.url ?? '');
  return {
    'lead-summary': async (request: LeadSummaryRequest, sender?: Browser.runtime.MessageSender): Promise<AnswerOf<typeof leadSummary>> => {
      prepare();
      const tabId = pageTab(sender);
      if ((await pageMode(tabId, sender)) === 'off') return SITE_OFF;
      const key = request.refresh ? refreshKey(request.leadId) : request.leadId;
      if (tabId !== undefined && !(await budgets.badge.allow(tabId, key))) return PAUSED;
      return lookups.get(request.leadId, {
        afterRefresh: request.afterRefresh === true,
        refresh: request.refresh === true,
        priority: 'badge',
        ...(tabId !== undefined && { tabId }),
      });
    },
    'lead-summaries': async (request: LeadSummariesRequest, sender?: Browser.runtime.MessageSender): Promise<AnswerOf<typeof leadSummaries>> => {
      const tabId = pageTab(sender);
      const mode = await pageMode(tabId, sender);
      if (mode === 'off') return { ok: true, summaries: Object.fromEntries(request.leadIds.map((id) => [id, SITE_OFF])) };
      const budget = mode === 'inline' ? budgets.inline : budgets.badge;
      const allowed: string[] = [];
      for (const id of request.leadIds) if (tabId === undefined || (await budget.allow(tabId, id))) allowed.push(id);
      const summaries = await lookups.getMany(allowed, {
        afterRefresh: request.afterRefresh === true,
        priority: 'inline',
        ...(tabId !== undefined && { tabId }),
      });
      for (const id of request.leadIds) summaries[id] ??= PAUSED;
      return { ok: true, summaries };
    },
  };
}

/**
 * A tab that closes or loads another page no longer needs its lookups still
 * waiting (tabs events need no permission); a closed tab's budgets go too. A
 * tab that navigates keeps its budget: reloading must not refill it.
 */
export function dropLookupsOfGoneTabs(lookups: LeadLookups, budgets: readonly TabBudget[]): () => void {
  const onRemoved = (tabId: number) => {
    lookups.dropTab(tabId);
    for (const budget of budgets) void budget.forget(tabId);
  };
  const onUpdated = (tabId: number, change: Browser.tabs.OnUpdatedInfo) => {
    if (change.status === 'loading') lookups.dropTab(tabId);
  };
  browser.tabs.onRemoved.addListener(onRemoved);
  browser.tabs.onUpdated.addListener(onUpdated);
  return () => {
    browser.tabs.onRemoved.removeListener(onRemoved);
    browser.tabs.onUpdated.removeListener(onUpdated);
  };
}

/** Storage 'local:connectionEpoch': content scripts watch it and ask again. */
export const CONNECTION_EPOCH_KEY = STORAGE_KEYS.connectionEpoch;

/**
 * When the token or the API address changes, every cached answer belongs to the
 * old connection: drop them, then tell open badges to ask again. A new account
 * time zone changes every summary's urgency and times: the same.
 */
export function resetLeadsOnConnectionChange(lookups: LeadLookups, watchConnection: (cb: () => void) => () => void): () => void {
  const epoch = storage.defineItem<number>(CONNECTION_EPOCH_KEY, { fallback: 0 });
  const reset = async () => {
    await lookups.clear();
    const current = await epoch.getValue();
    await epoch.setValue((Number.isSafeInteger(current) ? current : 0) + 1);
  };
  return watchConnection(() => void reset());
}
