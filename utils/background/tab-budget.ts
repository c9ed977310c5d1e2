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
  /** The tab closed: its counts go with it. */
  forget(tabId: number): void;
}

export interface TabBudgetOptions {
  limit: number;
  windowMs: number;
  now?: () => number;
}

export function createTabBudget({ limit, windowMs, now = () => Date.now() }: TabBudgetOptions): TabBudget {
  // Per tab: key -> when it was first used. Map order is that order, so expired
  // keys are always at the front.
  const tabs = new Map<number, Map<string, number>>();
  return {
    allow(tabId, key) {
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
