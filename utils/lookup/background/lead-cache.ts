import { storage } from 'wxt/utils/storage';
import { STORAGE_KEYS } from '../../core/storage/storage-keys';
import { parsePersistedEntry, readPersistedEntries, type CachedLead, type PersistedCache } from './lead-cache-schema';

// The lead answers the background keeps: in memory, in age order, bounded by
// count and by size, and in storage.session so that a service worker Chrome
// stopped after 30 s of idleness does not forget them. Only answers are kept,
// never failures: a Retry click must really ask again.

/** Where the cache is kept between service worker lives. */
export interface CacheStore {
  load(): Promise<unknown>;
  save(value: PersistedCache): Promise<void>;
  clear(): Promise<void>;
}

export interface LeadCache {
  /** Reads the stored cache once (later calls wait for that read). */
  load(): Promise<void>;
  /** The answer kept for `leadId` and when it came, or null. A stored one is checked the first time it is asked for. */
  get(leadId: string): CachedLead | null;
  put(leadId: string, entry: CachedLead): void;
  /** Forgets everything, stored copy included, and does not read the stored copy later. */
  clear(): Promise<void>;
}

export const LEAD_CACHE_KEY = STORAGE_KEYS.leadCache;
/** The oldest answer anything shows (inline chips, marked with its age); older ones are neither used nor stored. */
export const LEAD_MAX_AGE_MS = 60 * 60_000;
export const MAX_ENTRIES = 500;
/** About this many bytes of summaries (JSON length), oldest dropped first. */
export const MAX_BYTES = 2_000_000;
const SAVE_DELAY_MS = 50;

export function sessionCacheStore(): CacheStore {
  const item = storage.defineItem<unknown>(LEAD_CACHE_KEY);
  return {
    load: () => item.getValue(),
    save: (value) => item.setValue(value),
    clear: () => item.removeValue(),
  };
}

type Checked = CachedLead & { bytes: number };
/** Read back from storage and not asked for yet: checked (and sized) on first use. */
type Unchecked = { raw: unknown };
type Slot = Checked | Unchecked;
const isUnchecked = (slot: Slot): slot is Unchecked => 'raw' in slot;
const sizeOf = (entry: CachedLead) => JSON.stringify(entry.summary).length;

export function createLeadCache(): LeadCache {
  const store = sessionCacheStore();
  // Age order, oldest first. MAX_ENTRIES counts every slot; MAX_BYTES the checked
  // ones (unchecked ones were within it when they were saved).
  const slots = new Map<string, Slot>();
  let bytes = 0;
  let loading: Promise<void> | null = null;
  let saveTimer: ReturnType<typeof setTimeout> | undefined;

  function forget(leadId: string) {
    const old = slots.get(leadId);
    if (old && !isUnchecked(old)) bytes -= old.bytes;
    slots.delete(leadId);
  }

  /** Oldest first, until both caps hold. */
  function trim() {
    while (slots.size > MAX_ENTRIES || (bytes > MAX_BYTES && slots.size > 1)) forget(slots.keys().next().value as string);
  }

  /** Newest last: Map order is the age order. */
  function remember(leadId: string, entry: CachedLead) {
    forget(leadId);
    const checked: Checked = { ...entry, bytes: sizeOf(entry) };
    slots.set(leadId, checked);
    bytes += checked.bytes;
    trim();
  }

  async function save() {
    const entries: PersistedCache['entries'] = {};
    const oldest = Date.now() - LEAD_MAX_AGE_MS;
    for (const [leadId, slot] of slots) {
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

  /** One write per burst of answers (a list page asks for many leads at once). */
  function scheduleSave() {
    saveTimer ??= setTimeout(() => {
      saveTimer = undefined;
      void save();
    }, SAVE_DELAY_MS);
  }

  return {
    load() {
      loading ??= (async () => {
        try {
          const stored = readPersistedEntries(await store.load());
          // Anything fetched while the stored copy was being read is newer.
          const fetched = [...slots];
          slots.clear();
          bytes = 0;
          for (const [leadId, raw] of stored) slots.set(leadId, { raw });
          for (const [leadId, slot] of fetched) if (!isUnchecked(slot)) remember(leadId, slot);
          trim();
        } catch {
          // An unreadable cache is an empty cache.
        }
      })();
      return loading;
    },
    get(leadId) {
      const slot = slots.get(leadId);
      if (!slot) return null;
      if (!isUnchecked(slot)) return slot;
      const entry = parsePersistedEntry(leadId, slot.raw, Date.now());
      if (!entry) {
        slots.delete(leadId);
        return null;
      }
      const checked: Checked = { ...entry, bytes: sizeOf(entry) };
      // Set on an existing key: it keeps its place in the age order.
      slots.set(leadId, checked);
      bytes += checked.bytes;
      trim();
      return slots.get(leadId) === checked ? checked : null;
    },
    put(leadId, entry) {
      remember(leadId, entry);
      scheduleSave();
    },
    async clear() {
      slots.clear();
      bytes = 0;
      clearTimeout(saveTimer);
      saveTimer = undefined;
      // The stored copy is of the old connection too: never read it later.
      loading = Promise.resolve();
      try {
        await store.clear();
      } catch {
        // Nothing better to do; the memory cache is already empty.
      }
    },
  };
}
