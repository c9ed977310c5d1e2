import * as v from 'valibot';
import { storage } from 'wxt/utils/storage';
import { CALLBACK_STAGES, type SearchPage } from '../../core/api/model';
import type { ServiceError } from '../../core/messaging/replies';
import { LeadIdSchema, type LeadReply, type LeadSummary } from '../lookup-messages';
import { summarizeLead } from '../summarize-lead';
import { INTERNAL_ERROR } from '../../core/messaging/replies';
import { STORAGE_KEYS } from '../../core/storage/storage-keys';
import type { Same } from '../../core/storage/schema-matches';

// The badge asks for the same lead again and again (every page view, every SPA
// navigation, every tab). Lookups are cached for about a minute and served stale
// while refreshed; the cache lives in storage.session so a service worker that
// Chrome stopped after 30 s of idleness does not forget it. A stale reply says
// `refreshing`, and the badge asks once more with `afterRefresh`: that question
// waits for the refresh already running and never starts a search of its own.

export type LeadSearch = (
  leadId: string,
  signal?: AbortSignal,
  /** Runs a wait (a 429's Retry-After) without holding a concurrency slot. */
  outsideSlot?: <T>(wait: Promise<T>) => Promise<T>,
  /** `timeZone`: the account's zone the page's times are in (options), '' for the browser's. */
) => Promise<{ ok: true; page: SearchPage; timeZone?: string } | { ok: false; error: ServiceError }>;

export type { LeadReply };

export interface GetOptions {
  /** Answer from the refresh in flight or the cache; search only if neither has anything usable. */
  afterRefresh?: boolean;
  /** 'badge' (the one lead a tab shows) is searched before 'inline' (chips of a list page). */
  priority?: LookupPriority;
  /** The tab that asked: its lookups still waiting are dropped when it closes or navigates (dropTab). */
  tabId?: number;
}

export type LookupPriority = 'badge' | 'inline';

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
  /** And at most about this many bytes of summaries (JSON length), oldest dropped first. */
  maxBytes?: number;
  /** Lookups waiting for a search slot; past it a new lead is answered 'paused'. */
  maxQueued?: number;
  persist?: CacheStore | null;
}

export interface LeadLookups {
  get(leadId: string, options?: GetOptions): Promise<LeadReply>;
  getMany(leadIds: readonly string[], options?: GetOptions): Promise<Record<string, LeadReply>>;
  /** Forgets everything and discards answers still in flight (token or base URL changed). */
  clear(): Promise<void>;
  /** The tab closed or navigated: lookups only it still waits for are dropped, unsearched. */
  dropTab(tabId: number): void;
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

// If messaging/lead-summary.ts changes LeadSummary, this line stops compiling until the schema follows.
const schemaMatchesType: Same<v.InferOutput<typeof LeadSummarySchema>, LeadSummary> = true;
void schemaMatchesType;

export const LEAD_CACHE_KEY = STORAGE_KEYS.leadCache;
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
  /** Entries never asked for since they were read back are written back unchecked. */
  entries: Record<string, { at: number; summary: LeadSummary } | Unchecked['raw']>;
}

/**
 * The stored entries, still unchecked, in their stored (age) order. Only the
 * outer shape and the keys are checked here: a worker that was stopped answers
 * its first lookup without first validating every summary it ever cached.
 * A wrong outer shape drops everything.
 */
export function readPersistedEntries(value: unknown): Map<string, unknown> {
  const outer = v.safeParse(PersistedCacheSchema, value);
  return outer.success ? new Map(Object.entries(outer.output.entries)) : new Map();
}

/**
 * One stored entry, checked when it is first asked for. A bad entry is null
 * (dropped by the caller); so is an entry "from the future" (the clock went
 * back), as its age cannot be known, and one filed under another lead.
 */
export function parsePersistedEntry(leadId: string, raw: unknown, now: number): { at: number; summary: LeadSummary } | null {
  const entry = v.safeParse(PersistedEntrySchema, raw);
  if (!entry.success || entry.output.at > now) return null;
  if (entry.output.summary.leadId !== leadId) return null;
  return { at: entry.output.at, summary: entry.output.summary };
}

/** Every stored entry checked at once: what a lazy read of each would give. */
export function readPersistedCache(value: unknown, now: number): Map<string, { at: number; summary: LeadSummary }> {
  const out = new Map<string, { at: number; summary: LeadSummary }>();
  for (const [leadId, raw] of readPersistedEntries(value)) {
    const entry = parsePersistedEntry(leadId, raw, now);
    if (entry) out.set(leadId, entry);
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
type Checked = Entry & { bytes: number };
/** Read back from storage and not asked for yet: checked (and sized) on first use. */
type Unchecked = { raw: unknown };
type Slot = Checked | Unchecked;
const isUnchecked = (slot: Slot): slot is Unchecked => 'raw' in slot;

const isAborted = (error: ServiceError) => error.kind === 'aborted';
const CANCELLED: LeadReply = { ok: false, error: { kind: 'aborted', message: 'The lookup was cancelled.' } };
const BUSY: LeadReply = { ok: false, error: { kind: 'paused', message: 'Too many lookups are waiting. Try again in a moment.' } };
const UNREADABLE: LeadReply = {
  ok: false,
  error: { kind: 'bad-response', status: 200, excerpt: '', message: "Convoso counted callbacks for this lead but sent none the extension can read." },
};
/** Who waits for a lookup that no tab asked for (an extension page): never dropped. */
const NO_TAB = -1;

/** A lookup waiting for a search slot. */
interface Queued {
  leadId: string;
  priority: 0 | 1;
  tabs: Set<number>;
  start(): void;
  cancel(): void;
}

/** Lets a running lookup wait (Retry-After) without holding a search slot. */
type OutsideSlot = <W>(wait: Promise<W>) => Promise<W>;

const sizeOf = (summary: LeadSummary) => JSON.stringify(summary).length;

export function createLeadLookups(deps: LeadLookupsDeps): LeadLookups {
  // Read the global clock at each call (not a reference taken now), so the
  // real-browser test can move the service worker's clock past the cache period.
  const now = deps.now ?? (() => Date.now());
  const ttlMs = deps.ttlMs ?? 60_000;
  const maxStaleMs = Math.max(ttlMs, deps.maxStaleMs ?? 10 * 60_000);
  const maxEntries = deps.maxEntries ?? 500;
  const maxBytes = deps.maxBytes ?? 2_000_000;
  const maxQueued = deps.maxQueued ?? 1000;
  const persist = deps.persist === undefined ? sessionCacheStore() : deps.persist;
  const concurrency = Math.max(1, deps.concurrency ?? 4);

  // Age order, oldest first. maxEntries counts every slot; maxBytes counts the
  // checked ones (unchecked ones were within it when this code saved them).
  const cache = new Map<string, Slot>();
  let cacheBytes = 0;
  // Two FIFO queues, badge first: a list page's hundreds of chips never keep a
  // badge waiting (in this tab or another). Bounded by maxQueued together.
  const queues: [Queued[], Queued[]] = [[], []];
  const queued = new Map<string, Queued>();
  let running = 0;
  const resuming: (() => void)[] = [];
  const inFlight = new Map<string, Promise<LeadReply>>();
  const controllers = new Set<AbortController>();
  // Bumped by clear(): an answer that started before it must not land in the cache.
  let generation = 0;
  let loaded: Promise<void> | null = null;

  function load(): Promise<void> {
    loaded ??= (async () => {
      if (!persist) return;
      try {
        const stored = readPersistedEntries(await persist.load());
        // Anything fetched while we were loading is newer than what was stored.
        const fetched = [...cache];
        cache.clear();
        cacheBytes = 0;
        for (const [leadId, raw] of stored) cache.set(leadId, { raw });
        for (const [leadId, slot] of fetched) if (!isUnchecked(slot)) remember(leadId, slot);
        trim();
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
    for (const [leadId, slot] of cache) {
      // Unchecked: only its age is looked at (cheaply); it is checked when asked for.
      const at = isUnchecked(slot) ? (slot.raw as { at?: unknown } | null)?.at : slot.at;
      if (typeof at === 'number' && at > oldest) entries[leadId] = isUnchecked(slot) ? slot.raw : { at: slot.at, summary: slot.summary };
    }
    try {
      await store.save({ version: 1, entries });
    } catch {
      // Quota or a closing browser: the memory cache still works.
    }
  }

  function forget(leadId: string) {
    const old = cache.get(leadId);
    if (!old) return;
    if (!isUnchecked(old)) cacheBytes -= old.bytes;
    cache.delete(leadId);
  }

  /** Oldest first, until both caps hold. */
  function trim() {
    while (cache.size > maxEntries || (cacheBytes > maxBytes && cache.size > 1)) forget(cache.keys().next().value as string);
  }

  /** Newest last: Map order is our age order. */
  function remember(leadId: string, entry: Entry) {
    forget(leadId);
    const bytes = sizeOf(entry.summary);
    cache.set(leadId, { at: entry.at, summary: entry.summary, bytes });
    cacheBytes += bytes;
    trim();
  }

  /** The cached entry, checked now if it was read back from storage unchecked; a bad one is dropped. */
  function cached(leadId: string): Checked | null {
    const slot = cache.get(leadId);
    if (!slot) return null;
    if (!isUnchecked(slot)) return slot;
    const entry = parsePersistedEntry(leadId, slot.raw, now());
    if (!entry) {
      cache.delete(leadId);
      return null;
    }
    const checked: Checked = { ...entry, bytes: sizeOf(entry.summary) };
    // Set on an existing key: it keeps its place in the age order.
    cache.set(leadId, checked);
    cacheBytes += checked.bytes;
    trim();
    return cache.get(leadId) === checked ? checked : null;
  }

  function pump() {
    while (running < concurrency) {
      // A lookup coming back from a Retry-After wait takes its slot back first.
      const resume = resuming.shift();
      if (resume) {
        running++;
        resume();
        continue;
      }
      const next = queues[0].shift() ?? queues[1].shift();
      if (!next) return;
      queued.delete(next.leadId);
      running++;
      next.start();
    }
  }

  function unqueue(entry: Queued) {
    queued.delete(entry.leadId);
    for (const q of queues) {
      const i = q.indexOf(entry);
      if (i >= 0) q.splice(i, 1);
    }
  }

  /** Waits its turn for a slot (badge before inline), or is cancelled while waiting. */
  function enqueue<T>(leadId: string, priority: 0 | 1, tabId: number, task: (outsideSlot: OutsideSlot) => Promise<T>, cancelled: T, failed: T): Promise<T> {
    return new Promise<T>((resolve) => {
      const entry: Queued = {
        leadId,
        priority,
        tabs: new Set([tabId]),
        start: () => {
          let holding = true;
          let finished = false;
          const release = () => {
            if (!holding) return;
            holding = false;
            running--;
            pump();
          };
          // A task that must wait (Retry-After) gives its slot to others meanwhile. It
          // may finish before its wait does (an abort): the slot taken back is then returned.
          const outsideSlot: OutsideSlot = async (wait) => {
            release();
            try {
              return await wait;
            } finally {
              if (!finished) {
                await new Promise<void>((resume) => {
                  resuming.push(resume);
                  pump();
                });
                holding = true;
                if (finished) release();
              }
            }
          };
          task(outsideSlot)
            .then(resolve, () => resolve(failed))
            .finally(() => {
              finished = true;
              release();
            });
        },
        cancel: () => {
          unqueue(entry);
          resolve(cancelled);
        },
      };
      queued.set(leadId, entry);
      queues[priority].push(entry);
      pump();
    });
  }

  /** Another asker for a lookup already waiting: it keeps the lookup alive, and a badge moves it up. */
  function join(entry: Queued, priority: 0 | 1, tabId: number) {
    entry.tabs.add(tabId);
    if (priority < entry.priority) {
      unqueue(entry);
      entry.priority = priority;
      queued.set(entry.leadId, entry);
      queues[priority].push(entry);
    }
  }

  function fetchLead(leadId: string, options: GetOptions = {}): Promise<LeadReply> {
    const priority = options.priority === 'inline' ? 1 : 0;
    const tabId = options.tabId ?? NO_TAB;
    const waiting = queued.get(leadId);
    if (waiting) join(waiting, priority, tabId);
    const pending = inFlight.get(leadId);
    if (pending) return pending;
    if (queued.size >= maxQueued) return Promise.resolve(BUSY);
    const gen = generation;
    const controller = new AbortController();
    controllers.add(controller);
    const promise = enqueue(leadId, priority, tabId, async (outsideSlot): Promise<LeadReply> => {
      if (gen !== generation) return CANCELLED;
      const result = await deps.search(leadId, controller.signal, outsideSlot);
      const at = now();
      // The connection changed while we waited: this answer (the old account's,
      // even if the search ignored the abort) is nobody's to see any more.
      if (gen !== generation) return CANCELLED;
      // A failed refresh keeps the stale summary in the cache.
      if (!result.ok) return { ok: false, error: result.error };
      // A total with nothing readable behind it is not "N callbacks".
      if (result.page.total > 0 && result.page.results.length === 0 && result.page.offset === 0) return UNREADABLE;
      const summary = summarizeLead(leadId, result.page, new Date(at), result.timeZone || undefined);
      remember(leadId, { at, summary });
      scheduleSave();
      return { ok: true, summary };
    }, CANCELLED, { ok: false, error: INTERNAL_ERROR });
    const tracked = promise.finally(() => {
      controllers.delete(controller);
      if (inFlight.get(leadId) === tracked) inFlight.delete(leadId);
    });
    inFlight.set(leadId, tracked);
    return tracked;
  }

  /** A cached summary young enough to show (fresh or stale), or null. */
  function usable(leadId: string): { summary: LeadSummary; fresh: boolean } | null {
    const entry = cached(leadId);
    if (!entry) return null;
    const age = now() - entry.at;
    if (age < 0 || age >= maxStaleMs) return null;
    return { summary: entry.summary, fresh: age < ttlMs };
  }

  async function get(leadId: string, options: GetOptions = {}): Promise<LeadReply> {
    await load();
    if (options.afterRefresh) return afterRefresh(leadId, options);
    const cached = usable(leadId);
    if (cached?.fresh) return { ok: true, summary: cached.summary };
    if (cached) {
      void fetchLead(leadId, options);
      return { ok: true, summary: cached.summary, refreshing: true };
    }
    return fetchLead(leadId, options);
  }

  /**
   * The badge's second question after a `refreshing` reply. The refresh it
   * waits for is the one the first question started (or has already landed in
   * the cache); a failed refresh leaves the stale summary, which is still the
   * best answer. Only when nothing usable is left (cleared, restarted worker
   * with an expired cache) is this an ordinary lookup.
   */
  async function afterRefresh(leadId: string, options: GetOptions): Promise<LeadReply> {
    const running = inFlight.get(leadId);
    const reply = running ? await running : null;
    if (reply?.ok) return reply;
    if (reply && isAborted(reply.error)) return reply;
    const cached = usable(leadId);
    if (cached) return { ok: true, summary: cached.summary };
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
      for (const c of controllers) c.abort();
      controllers.clear();
      for (const entry of [...queued.values()]) entry.cancel();
      inFlight.clear();
      cache.clear();
      cacheBytes = 0;
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
    dropTab(tabId) {
      for (const entry of [...queued.values()]) {
        entry.tabs.delete(tabId);
        if (entry.tabs.size === 0) entry.cancel();
      }
    },
  };
}
