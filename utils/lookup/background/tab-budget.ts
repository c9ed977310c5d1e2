// Content scripts run in pages we do not trust: a page can make its badge ask
// for lead after lead (history.replaceState), invent list rows without end, or
// script clicks on "View all". The background is the only place that can count
// what each tab asks for, so the limits live here, keyed by the sender's tab.

export interface TabBudget {
  /**
   * Whether `tabId` may use `key` now. A key already used in the window is free;
   * a new one counts, and is refused once `limit` distinct keys were used in it.
   */
  allow(tabId: number, key: string): boolean;
  /**
   * The tab closed: its counts go, and it is refused from now on. Its content
   * script's last messages can still arrive after the tab's onRemoved (a busy
   * worker reads them late); a fresh budget would let them all through.
   */
  forget(tabId: number): void;
}

export interface TabBudgetOptions {
  limit: number;
  windowMs: number;
  now?: () => number;
}

/** Closed tabs remembered; tab ids are not reused within a browser session, and late messages come within seconds. */
const CLOSED_TABS_KEPT = 1000;

export function createTabBudget({ limit, windowMs, now = () => Date.now() }: TabBudgetOptions): TabBudget {
  // Per tab: key -> when it was first used. Map order is that order, so expired
  // keys are always at the front.
  const tabs = new Map<number, Map<string, number>>();
  const closed = new Set<number>();
  return {
    allow(tabId, key) {
      if (closed.has(tabId)) return false;
      const t = now();
      let used = tabs.get(tabId);
      if (!used) tabs.set(tabId, (used = new Map()));
      for (const [k, at] of used) {
        if (t - at < windowMs && at <= t) break;
        used.delete(k);
      }
      if (used.has(key)) return true;
      if (used.size >= limit) return false;
      used.set(key, t);
      return true;
    },
    forget(tabId) {
      tabs.delete(tabId);
      closed.add(tabId);
      // A Set iterates in insertion order: the first is the oldest.
      if (closed.size > CLOSED_TABS_KEPT) closed.delete(closed.values().next().value as number);
    },
  };
}

/** At most `limit` events per `windowMs` per tab (each event its own key). */
export function createTabRateLimit(options: TabBudgetOptions): TabBudget {
  const budget = createTabBudget(options);
  let n = 0;
  return {
    allow: (tabId, key) => budget.allow(tabId, `${key}#${n++}`),
    forget: (tabId) => budget.forget(tabId),
  };
}
