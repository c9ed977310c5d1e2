import * as v from 'valibot';
import { storage } from 'wxt/utils/storage';
import { CALLBACK_STAGES, type SearchPage } from '../api/model';
import { LeadIdSchema, type LeadReply, type ServiceError } from '../messaging/protocol';
import { summarizeLead, type LeadSummary } from '../lead/summary';
import { INTERNAL_ERROR } from './no-token';

// The badge asks for the same lead again and again (every page view, every SPA
// navigation, every tab). Lookups are cached for about a minute and served stale
// while refreshed; the cache lives in storage.session so a service worker that
// Chrome stopped after 30 s of idleness does not forget it. A stale reply says
// `refreshing`, and the badge asks once more with `afterRefresh`: that question
// waits for the refresh already running and never starts a search of its own.

export type LeadSearch = (
  leadId: string,
  signal?: AbortSignal,
  /** `timeZone`: the account's zone the page's times are in (options), '' for the browser's. */
) => Promise<{ ok: true; page: SearchPage; timeZone?: string } | { ok: false; error: ServiceError }>;

export type { LeadReply };

export interface GetOptions {
  /** Answer from the refresh in flight or the cache; search only if neither has anything usable. */
  afterRefresh?: boolean;
}

/** Where the cache is kept between service worker lives. */
export interface CacheStore {
  load(): Promise<unknown>;
  save(value: PersistedCache): Promise<void>;
  clear(): Promise<void>;
}

export interface LeadLookupsDeps {
  search: LeadSearch;
  now?: () => number;
  /** Fresh for this long: served without asking the API. */
  ttlMs?: number;
  /** After ttlMs and up to this age, served at once while a refresh runs; older is a miss. */
  maxStaleMs?: number;
  concurrency?: number;
  /** Entries kept; the oldest are dropped first. */
  maxEntries?: number;
  persist?: CacheStore | null;
}

export interface LeadLookups {
  get(leadId: string, options?: GetOptions): Promise<LeadReply>;
  getMany(leadIds: readonly string[], options?: GetOptions): Promise<Record<string, LeadReply>>;
  /** Forgets everything and discards answers still in flight (token or base URL changed). */
  clear(): Promise<void>;
}

// ---------------------------------------------------------------------------
// The stored cache is read back through this schema: storage may hold another
// version's shape or a hand-edited value.

const text = v.pipe(v.string(), v.maxLength(2000));
const WallTimeSchema = v.object({ local: v.pipe(v.string(), v.maxLength(40)) });
const count = v.pipe(v.number(), v.integer(), v.minValue(0));

export const LeadSummarySchema = v.object({
  leadId: LeadIdSchema,
  total: count,
  totalAtLeast: v.optional(v.literal(true)),
  shown: count,
  urgency: v.picklist(['past_due', 'due_soon', 'upcoming', 'none', 'empty']),
  next: v.nullable(WallTimeSchema),
  overdue: count,
  callbacks: v.pipe(
    v.array(
      v.object({
        id: text,
        callbackTime: v.nullable(WallTimeSchema),
        stage: v.picklist(CALLBACK_STAGES),
        stageLabel: text,
        userName: text,
        campaignName: text,
        comments: text,
        overdue: v.boolean(),
      }),
    ),
    v.maxLength(100),
  ),
  timeZone: v.optional(v.pipe(v.string(), v.maxLength(64))),
});

// If summary.ts changes LeadSummary, this line stops compiling until the schema follows.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesType: Same<v.InferOutput<typeof LeadSummarySchema>, LeadSummary> = true;
void schemaMatchesType;

export const LEAD_CACHE_KEY = 'session:leadCache';
export const LEAD_SEARCH_LIMIT = 100;
const SAVE_DELAY_MS = 50;

const PersistedEntrySchema = v.object({
  at: v.pipe(v.number(), v.finite(), v.minValue(0)),
  summary: LeadSummarySchema,
});

const PersistedCacheSchema = v.object({
  version: v.literal(1),
  entries: v.record(LeadIdSchema, v.unknown()),
});

export interface PersistedCache {
  version: 1;
  entries: Record<string, { at: number; summary: LeadSummary }>;
}

/**
 * Whatever storage held, as entries we can trust. A wrong outer shape drops
 * everything; a bad entry drops only itself. Entries "from the future" (the
 * clock went back) are dropped too, as their age cannot be known.
 */
export function readPersistedCache(value: unknown, now: number): Map<string, { at: number; summary: LeadSummary }> {
  const out = new Map<string, { at: number; summary: LeadSummary }>();
  const outer = v.safeParse(PersistedCacheSchema, value);
  if (!outer.success) return out;
  for (const [leadId, raw] of Object.entries(outer.output.entries)) {
    const entry = v.safeParse(PersistedEntrySchema, raw);
    if (!entry.success || entry.output.at > now) continue;
    if (entry.output.summary.leadId !== leadId) continue;
    out.set(leadId, { at: entry.output.at, summary: entry.output.summary });
  }
  return out;
}

export function sessionCacheStore(key: `session:${string}` = LEAD_CACHE_KEY): CacheStore {
  const item = storage.defineItem<unknown>(key);
  return {
    load: () => item.getValue(),
    save: (value) => item.setValue(value),
    clear: () => item.removeValue(),
  };
}

/**
 * Only answers are cached, never failures: a Retry click must really retry, and
 * in-flight de-duplication already stops a storm.
 */
type Entry = { at: number; summary: LeadSummary };

/** A small FIFO semaphore: at most `limit` API searches at once. */
function createLimiter(limit: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async function run<T>(task: () => Promise<T>): Promise<T> {
    // A finishing task hands its slot straight to the next waiter, so a newcomer
    // arriving in between cannot squeeze in above the limit.
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else running++;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}

const isAborted = (error: ServiceError) => error.kind === 'aborted';
const CANCELLED: LeadReply = { ok: false, error: { kind: 'aborted', message: 'The lookup was cancelled.' } };

export function createLeadLookups(deps: LeadLookupsDeps): LeadLookups {
  // Read the global clock at each call (not a reference taken now), so the
  // real-browser test can move the service worker's clock past the cache period.
  const now = deps.now ?? (() => Date.now());
  const ttlMs = deps.ttlMs ?? 60_000;
  const maxStaleMs = Math.max(ttlMs, deps.maxStaleMs ?? 10 * 60_000);
  const maxEntries = deps.maxEntries ?? 500;
  const persist = deps.persist === undefined ? sessionCacheStore() : deps.persist;
  const limit = createLimiter(Math.max(1, deps.concurrency ?? 4));

  const cache = new Map<string, Entry>();
  const inFlight = new Map<string, Promise<LeadReply>>();
  const controllers = new Set<AbortController>();
  // Bumped by clear(): an answer that started before it must not land in the cache.
  let generation = 0;
  let loaded: Promise<void> | null = null;

  function load(): Promise<void> {
    loaded ??= (async () => {
      if (!persist) return;
      try {
        const stored = readPersistedCache(await persist.load(), now());
        // Anything fetched while we were loading is newer than what was stored.
        for (const [leadId, e] of stored) if (!cache.has(leadId)) cache.set(leadId, e);
      } catch {
        // An unreadable cache is an empty cache.
      }
    })();
    return loaded;
  }

  let saveTimer: ReturnType<typeof setTimeout> | undefined;

  /** One write per burst of answers (inline mode asks for a whole list at once). */
  function scheduleSave(): void {
    if (!persist || saveTimer !== undefined) return;
    saveTimer = setTimeout(() => {
      saveTimer = undefined;
      void save(persist);
    }, SAVE_DELAY_MS);
  }

  async function save(store: CacheStore): Promise<void> {
    const entries: PersistedCache['entries'] = {};
    const oldest = now() - maxStaleMs;
    for (const [leadId, e] of cache) {
      if (e.at > oldest) entries[leadId] = { at: e.at, summary: e.summary };
    }
    try {
      await store.save({ version: 1, entries });
    } catch {
      // Quota or a closing browser: the memory cache still works.
    }
  }

  function remember(leadId: string, entry: Entry) {
    cache.delete(leadId); // re-insert: Map order is our age order
    cache.set(leadId, entry);
    while (cache.size > maxEntries) cache.delete(cache.keys().next().value as string);
  }

  function fetchLead(leadId: string): Promise<LeadReply> {
    const pending = inFlight.get(leadId);
    if (pending) return pending;
    const gen = generation;
    const controller = new AbortController();
    controllers.add(controller);
    const promise = limit(async (): Promise<LeadReply> => {
      if (gen !== generation) return CANCELLED;
      const result = await deps.search(leadId, controller.signal);
      const at = now();
      // The connection changed while we waited: this answer (the old account's,
      // even if the search ignored the abort) is nobody's to see any more.
      if (gen !== generation) return CANCELLED;
      // A failed refresh keeps the stale summary in the cache.
      if (!result.ok) return { ok: false, error: result.error };
      const summary = summarizeLead(leadId, result.page, new Date(at), result.timeZone || undefined);
      remember(leadId, { at, summary });
      scheduleSave();
      return { ok: true, summary };
    }).catch((): LeadReply => ({ ok: false, error: INTERNAL_ERROR }));
    const tracked = promise.finally(() => {
      controllers.delete(controller);
      if (inFlight.get(leadId) === tracked) inFlight.delete(leadId);
    });
    inFlight.set(leadId, tracked);
    return tracked;
  }

  /** A cached summary young enough to show (fresh or stale), or null. */
  function usable(leadId: string): { summary: LeadSummary; fresh: boolean } | null {
    const entry = cache.get(leadId);
    if (!entry) return null;
    const age = now() - entry.at;
    if (age < 0 || age >= maxStaleMs) return null;
    return { summary: entry.summary, fresh: age < ttlMs };
  }

  async function get(leadId: string, options: GetOptions = {}): Promise<LeadReply> {
    await load();
    if (options.afterRefresh) return afterRefresh(leadId);
    const cached = usable(leadId);
    if (cached?.fresh) return { ok: true, summary: cached.summary };
    if (cached) {
      void fetchLead(leadId);
      return { ok: true, summary: cached.summary, refreshing: true };
    }
    return fetchLead(leadId);
  }

  /**
   * The badge's second question after a `refreshing` reply. The refresh it
   * waits for is the one the first question started (or has already landed in
   * the cache); a failed refresh leaves the stale summary, which is still the
   * best answer. Only when nothing usable is left (cleared, restarted worker
   * with an expired cache) is this an ordinary lookup.
   */
  async function afterRefresh(leadId: string): Promise<LeadReply> {
    const running = inFlight.get(leadId);
    const reply = running ? await running : null;
    if (reply?.ok) return reply;
    if (reply && isAborted(reply.error)) return reply;
    const cached = usable(leadId);
    if (cached) return { ok: true, summary: cached.summary };
    return reply ?? fetchLead(leadId);
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
      for (const c of controllers) c.abort();
      controllers.clear();
      inFlight.clear();
      cache.clear();
      clearTimeout(saveTimer);
      saveTimer = undefined;
      // The stored cache is of the old connection too; do not load it later.
      loaded = Promise.resolve();
      if (persist) {
        try {
          await persist.clear();
        } catch {
          // Nothing better to do; the memory cache is already empty.
        }
      }
    },
  };
}
