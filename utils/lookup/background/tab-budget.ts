import * as v from 'valibot';
import { storage, type StorageItemKey } from 'wxt/utils/storage';

// Content scripts run in pages we do not trust: a page can make its badge ask
// for lead after lead (history.replaceState), invent list rows without end, or
// script clicks on "View all". The background is the only place that can count
// what each tab asks for, so the limits live here, keyed by the sender's tab.
// They are kept in storage.session too: Chrome stops an idle service worker
// after about 30 s, and a budget that started afresh with every worker would
// let a patient page through (issue 20, item 2).

export interface TabBudget {
  /**
   * Whether `tabId` may use `key` now. A key already used in the window is free;
   * a new one counts, and is refused once `limit` distinct keys were used in it.
   */
  allow(tabId: number, key: string): Promise<boolean>;
  /**
   * The tab closed: its counts go, and it is refused from now on. Its content
   * script's last messages can still arrive after the tab's onRemoved (a busy
   * worker reads them late); a fresh budget would let them all through.
   */
  forget(tabId: number): Promise<void>;
}

export interface TabBudgetOptions {
  limit: number;
  windowMs: number;
  /** Where it is kept across worker restarts. */
  key: StorageItemKey;
}

/** Closed tabs remembered; tab ids are not reused within a browser session, and late messages come within seconds. */
export const CLOSED_TABS_KEPT = 1000;
const SAVE_DELAY_MS = 50;

const StoredSchema = v.object({
  tabs: v.record(v.string(), v.array(v.tuple([v.string(), v.number()]))),
  closed: v.array(v.number()),
});

export function createTabBudget({ limit, windowMs, key }: TabBudgetOptions): TabBudget {
  const item = storage.defineItem<unknown>(key);
  // Per tab: key -> when it was first used. Map order is that order, so expired keys come first.
  const tabs = new Map<number, Map<string, number>>();
  const closed = new Set<number>();
  let loading: Promise<void> | null = null;
  let saveTimer: ReturnType<typeof setTimeout> | undefined;

  const load = () =>
    (loading ??= item.getValue().then(
      (stored) => {
        const parsed = v.safeParse(StoredSchema, stored);
        if (!parsed.success) return;
        for (const [tab, used] of Object.entries(parsed.output.tabs)) tabs.set(Number(tab), new Map(used));
        for (const tab of parsed.output.closed.slice(-CLOSED_TABS_KEPT)) closed.add(tab);
      },
      () => undefined,
    ));

  const expire = (used: Map<string, number>, t: number) => {
    for (const [k, at] of used) {
      if (t - at < windowMs && at <= t) break;
      used.delete(k);
    }
  };

  const save = () => {
    saveTimer ??= setTimeout(() => {
      saveTimer = undefined;
      const t = Date.now();
      const kept: Record<string, [string, number][]> = {};
      for (const [tab, used] of tabs) {
        expire(used, t);
        if (used.size) kept[tab] = [...used];
        else tabs.delete(tab);
      }
      void item.setValue({ tabs: kept, closed: [...closed] }).catch(() => undefined);
    }, SAVE_DELAY_MS);
  };

  return {
    async allow(tabId, k) {
      await load();
      if (closed.has(tabId)) return false;
      const t = Date.now();
      let used = tabs.get(tabId);
      if (!used) tabs.set(tabId, (used = new Map()));
      expire(used, t);
      if (used.has(k)) return true;
      if (used.size >= limit) return false;
      used.set(k, t);
      save();
      return true;
    },
    async forget(tabId) {
      await load();
      tabs.delete(tabId);
      closed.add(tabId);
      // A Set iterates in insertion order: the first is the oldest.
      if (closed.size > CLOSED_TABS_KEPT) closed.delete(closed.values().next().value as number);
      save();
    },
  };
}

/** At most `limit` events per `windowMs` per tab (each event its own key). */
export function createTabRateLimit(options: TabBudgetOptions): TabBudget {
  const budget = createTabBudget(options);
  return {
    // Unique across worker lives too: a counter would start again at 0 and meet its old keys.
    allow: (tabId, key) => budget.allow(tabId, `${key}#${Date.now()}-${crypto.randomUUID()}`),
    forget: (tabId) => budget.forget(tabId),
  };
}
