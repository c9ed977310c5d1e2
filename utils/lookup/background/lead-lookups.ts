import type { SearchPage } from '../../core/api/model';
import { INTERNAL_ERROR, type ServiceError } from '../../core/messaging/replies';
import type { LeadReply } from '../lookup-messages';
import { summarizeLead } from '../summarize-lead';
import { createLeadCache, LEAD_MAX_AGE_MS } from './lead-cache';
import { createInFlight, NO_TAB, type LookupPriority, type LookupTicket } from './lead-in-flight';

// A lead's callbacks, as the badge and the chips ask for them (issue 21):
// - the badge's lead: an answer younger than the fresh window (10 minutes, or
//   the administrator's leadCacheMinutes) is served without asking Convoso;
//   an older one, up to an hour, is shown at once marked `refreshing` while one
//   search refreshes it, and the badge asks once more with `afterRefresh`;
// - chips: any answer up to an hour old is served as it is, with its age (`asOf`);
// - `refresh` (a person asked): asks Convoso whatever the cache holds.
// One search per lead at a time, whoever asks; the traffic gate paces them.

export type LeadSearch = (
  leadId: string,
  ticket: LookupTicket,
  /** `timeZone`: the account's zone the page's times are in (options), '' for the browser's. */
) => Promise<{ ok: true; page: SearchPage; timeZone?: string } | { ok: false; error: ServiceError }>;

export type { LeadReply, LookupPriority };

export interface GetOptions {
  /** Answer from the refresh in flight or the cache; search only if neither has anything usable. */
  afterRefresh?: boolean;
  /** A person asked to refresh: ask Convoso whatever the cache holds. */
  refresh?: boolean;
  /** 'badge' (the lead a tab shows) goes before 'inline' (chips of a list page), and uses the fresh window. */
  priority?: LookupPriority;
  /** The tab that asked: its lookups still waiting are dropped when it closes or navigates (dropTab). */
  tabId?: number;
}

export interface LeadLookups {
  get(leadId: string, options?: GetOptions): Promise<LeadReply>;
  getMany(leadIds: readonly string[], options?: GetOptions): Promise<Record<string, LeadReply>>;
  /** Forgets everything and discards answers still in flight (token, address or zone changed). */
  clear(): Promise<void>;
  /** The tab closed or navigated: lookups only it still waits for are dropped, unsearched. */
  dropTab(tabId: number): void;
}

export interface LeadLookupsDeps {
  search: LeadSearch;
  /** How long the badge's answer is fresh (the administrator's leadCacheMinutes); default DEFAULT_FRESH_MS. */
  freshMs?: () => number;
}

export const DEFAULT_FRESH_MS = 10 * 60_000;

const CANCELLED: LeadReply = { ok: false, error: { kind: 'aborted', message: 'The lookup was cancelled.' } };
const BUSY: LeadReply = { ok: false, error: { kind: 'paused', message: 'Too many lookups are waiting. Try again in a moment.' } };
const FAILED: LeadReply = { ok: false, error: INTERNAL_ERROR };
const UNREADABLE: LeadReply = {
  ok: false,
  error: { kind: 'bad-response', status: 200, excerpt: '', message: 'Convoso counted callbacks for this lead but sent none the extension can read.' },
};

export function createLeadLookups(deps: LeadLookupsDeps): LeadLookups {
  const freshMs = deps.freshMs ?? (() => DEFAULT_FRESH_MS);
  const cache = createLeadCache();
  const inFlight = createInFlight(FAILED);
  // Bumped by clear(): an answer that started before it must not land in the cache.
  let generation = 0;

  function fetchLead(leadId: string, options: GetOptions): Promise<LeadReply> {
    const priority = options.priority ?? 'badge';
    const tabId = options.tabId ?? NO_TAB;
    const gen = generation;
    const started =
      inFlight.join(leadId, priority, tabId) ??
      inFlight.start(leadId, priority, tabId, async (ticket): Promise<LeadReply> => {
        const result = await deps.search(leadId, ticket);
        const at = Date.now();
        // The connection changed meanwhile: this answer (the old account's, even
        // if the search ignored the abort) is nobody's to see any more.
        if (gen !== generation) return CANCELLED;
        if (!result.ok) return { ok: false, error: result.error };
        // A total with nothing readable behind it is not "N callbacks".
        if (result.page.total > 0 && result.page.results.length === 0 && result.page.offset === 0) return UNREADABLE;
        const summary = summarizeLead(leadId, result.page, new Date(at), result.timeZone || undefined);
        cache.put(leadId, { at, summary });
        return { ok: true, summary, asOf: at };
      });
    return started ?? Promise.resolve(BUSY);
  }

  /** The cached answer if young enough to show at all, with whether the badge may show it without a refresh. */
  function usable(leadId: string): { reply: Extract<LeadReply, { ok: true }>; fresh: boolean } | null {
    const entry = cache.get(leadId);
    if (!entry) return null;
    const age = Date.now() - entry.at;
    if (age < 0 || age >= LEAD_MAX_AGE_MS) return null;
    return { reply: { ok: true, summary: entry.summary, asOf: entry.at }, fresh: age < freshMs() };
  }

  async function get(leadId: string, options: GetOptions = {}): Promise<LeadReply> {
    await cache.load();
    if (options.afterRefresh) return afterRefresh(leadId, options);
    if (options.refresh) return fetchLead(leadId, options);
    const cached = usable(leadId);
    // Chips show what they have, with its age; the badge's lead is refreshed past the fresh window.
    if (cached && (cached.fresh || options.priority === 'inline')) return cached.reply;
    if (cached) {
      void fetchLead(leadId, options);
      return { ...cached.reply, refreshing: true };
    }
    return fetchLead(leadId, options);
  }

  /**
   * The badge's second question after a `refreshing` reply. It waits for the
   * refresh the first question started (or finds it landed in the cache); a
   * failed refresh leaves the older answer, still the best one. Only when
   * nothing usable is left (cleared, a restarted worker with an expired cache)
   * is this an ordinary lookup.
   */
  async function afterRefresh(leadId: string, options: GetOptions): Promise<LeadReply> {
    const running = inFlight.join(leadId, options.priority ?? 'badge', options.tabId ?? NO_TAB);
    const reply = running ? await running : null;
    if (reply?.ok) return reply;
    if (reply && reply.error.kind === 'aborted') return reply;
    const cached = usable(leadId);
    if (cached) return cached.reply;
    return reply ?? fetchLead(leadId, options);
  }

  return {
    get,
    async getMany(leadIds, options) {
      const unique = [...new Set(leadIds)];
      const replies = await Promise.all(unique.map((id) => get(id, options)));
      return Object.fromEntries(unique.map((id, i) => [id, replies[i] as LeadReply]));
    },
    async clear() {
      generation++;
      inFlight.abortAll();
      await cache.clear();
    },
    dropTab: (tabId) => inFlight.dropTab(tabId),
  };
}
