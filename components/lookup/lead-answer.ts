import type { LeadReply } from '../../utils/lookup/lookup-messages';
import type { BadgeStatus } from './status';

// What a frame (the badge, a chip) knows of its lead's answer, and how it asks:
// a stale answer is shown at once and then replaced by its refresh (asking with
// `afterRefresh` waits for the background's refresh already under way, so it
// costs no request); "the extension did not answer" (a service worker stopped
// mid-lookup) is asked again once, by itself, a moment later, before Retry shows.

export interface AskOptions {
  afterRefresh?: true;
  /** A person asked to refresh: the background bypasses its cache. */
  refresh?: true;
}

export interface LeadAnswerDeps {
  ask(leadId: string, options: AskOptions): Promise<LeadReply>;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  online?: () => boolean;
}

export interface LeadAnswer {
  /** The lead to show; asked for at once. */
  show(leadId: string): void;
  /** Asks again (Retry; the connection changed); `refresh`: bypassing the cache. */
  again(refresh?: boolean): void;
  /** What to show; null until there is an answer, or it has been slow to come. */
  readonly status: BadgeStatus | null;
  readonly leadId: string | null;
  /** Calls `listener` at every change of `status` or `leadId`; returns how to stop. */
  subscribe(listener: () => void): () => void;
}

const RETRY_AFTER_MS = 1000;
/**
 * How long a frame with nothing on screen yet waits for its answer before it says
 * "Looking up…": a cached lead answers within a few ms, and drawing "Looking up…"
 * first would only flash.
 */
export const LOOKING_UP_AFTER_MS = 100;

/** What a reply shows; null for a superseded lookup (the newer answer is on its way). */
export function statusOf(reply: LeadReply, online = true): BadgeStatus | null {
  if (reply.ok) return { kind: 'ready', summary: reply.summary, asOf: reply.asOf };
  if (reply.error.kind === 'aborted') return null;
  return { kind: 'error', error: reply.error, offline: !online };
}

export function createLeadAnswer(deps: LeadAnswerDeps): LeadAnswer {
  const later = deps.setTimeout ?? ((fn, ms) => setTimeout(fn, ms));
  const online = deps.online ?? (() => typeof navigator === 'undefined' || navigator.onLine !== false);
  let leadId: string | null = null;
  let status: BadgeStatus | null = null;
  let seq = 0;
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const listener of listeners) listener();
  };
  const set = (next: BadgeStatus) => {
    status = next;
    changed();
  };

  async function request(id: string, options: AskOptions, retried: boolean): Promise<void> {
    const mine = ++seq;
    const current = () => mine === seq && leadId === id;
    let answered = false;
    if (!options.afterRefresh && !retried) {
      // Something already on screen (another lead, an error) is replaced at once.
      if (status) set({ kind: 'loading' });
      else later(() => !answered && current() && set({ kind: 'loading' }), LOOKING_UP_AFTER_MS);
    }
    const reply = await deps.ask(id, options);
    answered = true;
    if (!current()) return;
    if (!reply.ok && reply.error.kind === 'internal' && !retried) {
      if (!status) set({ kind: 'loading' });
      later(() => current() && void request(id, options, true), RETRY_AFTER_MS);
      return;
    }
    const next = statusOf(reply, online());
    if (!next) return;
    set(next);
    if (reply.ok && reply.refreshing && !options.afterRefresh) void request(id, { afterRefresh: true }, false);
  }

  return {
    show(id) {
      if (id === leadId) return;
      leadId = id;
      changed();
      void request(id, {}, false);
    },
    again(refresh = false) {
      if (leadId !== null) void request(leadId, refresh ? { refresh: true } : {}, false);
    },
    get status() {
      return status;
    },
    get leadId() {
      return leadId;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
