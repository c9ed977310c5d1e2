import { browser, type Browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import type { BadgeMode } from '../../sites/sites-messages';
import type { AnswerOf, RequestOf } from '../../core/messaging/define-message';
import type { LeadReply, leadSummaries, leadSummary } from '../lookup-messages';
import { LEAD_SEARCH_LIMIT, type LeadLookups, type LeadSearch } from './lead-lookups';
import type { Convoso } from '../../core/gateway/convoso';
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

export function createLeadBudgets(now?: () => number): LeadBudgets {
  return {
    badge: createTabBudget({ limit: BADGE_LEADS_PER_MINUTE, windowMs: 60_000, now }),
    inline: createTabBudget({ limit: INLINE_LEADS_PER_10_MINUTES, windowMs: 10 * 60_000, now }),
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

/**
 * The badge's two questions (each may come again with `afterRefresh` after a
 * stale reply that said `refreshing`). Replies carry only the LeadSummary (what the badge
 * shows) or a ServiceError; the token stays with the search function the
 * lookups were built on, and "no token" arrives from it as the 'no-token' error.
 * A web page's tab gets its budget of distinct leads; past it, 'paused'.
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
  const switchedOff = async (tabId: number | undefined, sender?: Browser.runtime.MessageSender) =>
    tabId !== undefined && (await modeOf(sender?.url ?? '')) === 'off';
  return {
    'lead-summary': async (request: LeadSummaryRequest, sender?: Browser.runtime.MessageSender): Promise<AnswerOf<typeof leadSummary>> => {
      prepare();
      const tabId = pageTab(sender);
      if (await switchedOff(tabId, sender)) return SITE_OFF;
      if (tabId !== undefined && !budgets.badge.allow(tabId, request.leadId)) return PAUSED;
      return lookups.get(request.leadId, { afterRefresh: request.afterRefresh === true, priority: 'badge', ...(tabId !== undefined && { tabId }) });
    },
    'lead-summaries': async (request: LeadSummariesRequest, sender?: Browser.runtime.MessageSender): Promise<AnswerOf<typeof leadSummaries>> => {
      const tabId = pageTab(sender);
      if (await switchedOff(tabId, sender)) return { ok: true, summaries: Object.fromEntries(request.leadIds.map((id) => [id, SITE_OFF])) };
      const allowed = tabId === undefined ? request.leadIds : request.leadIds.filter((id) => budgets.inline.allow(tabId, id));
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
    for (const budget of budgets) budget.forget(tabId);
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

/**
 * The lookups' search: one API search for the lead with the saved connection.
 * Without a token nothing is sent and the badge gets 'no-token' ("Set up");
 * Convoso's "no record" arrives as an empty page (a lead without callbacks).
 */
export function createLeadSearch(
  convoso: Convoso,
  deps: { fetch?: typeof fetch; sleep?: (ms: number, signal?: AbortSignal) => Promise<void> } = {},
): LeadSearch {
  const sleep = deps.sleep ?? abortableSleep;
  return (leadId, signal, outsideSlot) =>
    convoso.searchCached(
      { lead_id: leadId, limit: LEAD_SEARCH_LIMIT },
      {
        signal,
        fetch: deps.fetch,
        // A badge waits out a 429 by itself (up to LEAD_MAX_WAIT_MS in all), without holding a slot others could use.
        maxWaitMs: LEAD_MAX_WAIT_MS,
        sleep: (ms, s) => (outsideSlot ? outsideSlot(sleep(ms, s)) : sleep(ms, s)),
      },
    );
}

/** A badge shows "Looking up…" meanwhile; past this it says Convoso is limiting requests, with Retry. */
export const LEAD_MAX_WAIT_MS = 20_000;

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
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
