import type { LeadReply } from '../lookup-messages';

// Lookups on their way: one per lead, whoever asks. Each knows the tabs that
// wait for it (a closed tab's lookups still waiting for their turn are
// dropped) and its priority, which a badge asking for a lead a list page
// already waits for raises. The traffic gate reads that priority each time it
// picks its next request.

export type LookupPriority = 'badge' | 'inline';

/** What a lookup's search needs from here: how to stop, and its current place in the queue. */
export interface LookupTicket {
  /** Aborts the search, waiting or sent (the connection changed). */
  signal: AbortSignal;
  /** Removes the search while it waits for its turn (no tab wants it any more). */
  waitSignal: AbortSignal;
  readonly priority: 'interactive' | 'chips';
}

/** Who waits for a lookup that no tab asked for (an extension page): never dropped. */
export const NO_TAB = -1;
/** Lookups on their way at once; past it a new lead is answered 'paused'. */
export const MAX_LOOKUPS = 1000;

interface Running {
  promise: Promise<LeadReply>;
  tabs: Set<number>;
  badge: boolean;
  controller: AbortController;
  waiting: AbortController;
}

export interface InFlight {
  /** The lookup of `leadId` on its way, joined by this asker; undefined if none. */
  join(leadId: string, priority: LookupPriority, tabId: number): Promise<LeadReply> | undefined;
  /** Starts a lookup; undefined when MAX_LOOKUPS are already on their way. */
  start(leadId: string, priority: LookupPriority, tabId: number, task: (ticket: LookupTicket) => Promise<LeadReply>): Promise<LeadReply> | undefined;
  /** The tab closed or navigated: lookups only it waits for leave the queue, unsent. */
  dropTab(tabId: number): void;
  /** Aborts every lookup, sent or not. */
  abortAll(): void;
}

export function createInFlight(failed: LeadReply): InFlight {
  const running = new Map<string, Running>();

  return {
    join(leadId, priority, tabId) {
      const found = running.get(leadId);
      if (!found) return undefined;
      found.tabs.add(tabId);
      if (priority === 'badge') found.badge = true;
      return found.promise;
    },
    start(leadId, priority, tabId, task) {
      if (running.size >= MAX_LOOKUPS) return undefined;
      const entry: Running = {
        promise: Promise.resolve(failed),
        tabs: new Set([tabId]),
        badge: priority === 'badge',
        controller: new AbortController(),
        waiting: new AbortController(),
      };
      const ticket: LookupTicket = {
        signal: entry.controller.signal,
        waitSignal: entry.waiting.signal,
        get priority() {
          return entry.badge ? 'interactive' : 'chips';
        },
      };
      entry.promise = task(ticket)
        .catch(() => failed)
        .finally(() => {
          if (running.get(leadId) === entry) running.delete(leadId);
        });
      running.set(leadId, entry);
      return entry.promise;
    },
    dropTab(tabId) {
      for (const [leadId, entry] of running) {
        entry.tabs.delete(tabId);
        if (entry.tabs.size > 0) continue;
        entry.waiting.abort();
        // A later asker starts afresh; a search already sent still lands in the cache.
        running.delete(leadId);
      }
    },
    abortAll() {
      for (const entry of running.values()) entry.controller.abort();
      running.clear();
    },
  };
}
