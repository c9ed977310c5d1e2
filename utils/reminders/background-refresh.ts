import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { STORAGE_KEYS } from '../core/storage/storage-keys';
import { localDate, MINUTE_MS } from '../core/time/wall-clock';
import { countView, OFF_VIEW, pausedView, showCount, staleView, withProblems, type CountView } from './due-count';
import { fetchDue, type DueSearch } from './due-fetch';
import { browserNotifier, notifiedKeys, planReminders, REMINDER_NEXT_ALARM, showReminders, type ReminderCallback } from './reminders';
import { readRefreshPlan, type AgentReader, type RefreshPlan } from './refresh-plan';
import { clearRetry, ensureSchedule, isAway, refreshSoon, scheduleRetry, stopSchedule } from './refresh-schedule';
import { serialRunner } from './serial';

// The toolbar count and reminders, refreshed together (issue 21): one search
// of the agent's due Pending callbacks serves both (with the Past due count
// beside it), on one schedule that exists before any refresh runs. A failed
// refresh keeps the last count, greyed, and tries again with backoff; while
// the computer is idle or locked nothing is asked.

/**
 * Why a refresh runs: the schedule ('scheduled', 'retry', 'soon'; skipped while
 * nobody is at the computer), a person ('user': a setting changed), the agent
 * coming back ('return'), or a reminder's time ('reminder').
 */
export type Trigger = 'scheduled' | 'retry' | 'soon' | 'user' | 'return' | 'reminder';

/** Token missing or refused: asking again cannot help until the settings change. */
const PAUSING_KINDS: ReadonlySet<string> = new Set(['no-token', 'auth']);

interface RefreshState {
  attemptAt: number | null;
  okAt: number | null;
  failures: number;
  /** The last count shown from an answer. */
  view: CountView | null;
  /** The agent's open callbacks as last read, for the reminders' times. */
  list: ReminderCallback[] | null;
}

const EMPTY: RefreshState = { attemptAt: null, okAt: null, failures: 0, view: null, list: null };
/** A reminder's alarm uses the list read at the last refresh while it is at most this much older than the period. */
const LIST_SLACK_MS = 2 * MINUTE_MS;

export interface BackgroundRefreshDeps {
  search: DueSearch;
  agent: AgentReader;
}

export function createBackgroundRefresh(deps: BackgroundRefreshDeps) {
  const item = storage.defineItem<RefreshState>(STORAGE_KEYS.backgroundRefresh, { fallback: EMPTY });
  const notifier = browserNotifier;
  const read = async (): Promise<RefreshState> => ({ ...EMPTY, ...((await item.getValue().catch(() => null)) ?? {}) });

  async function remind(plan: RefreshPlan, list: readonly ReminderCallback[], now: number) {
    if (!plan.notify) return;
    const zones = { account: plan.timeZone };
    const due = planReminders(list, { nowMs: now, leadMinutes: plan.leadMinutes, zones, notified: await notifiedKeys() });
    await showReminders(plan.notify, due, now, zones);
    if (due.nextAtMs === null) await browser.alarms.clear(REMINDER_NEXT_ALARM);
    else await browser.alarms.create(REMINDER_NEXT_ALARM, { when: due.nextAtMs });
  }

  /** Whether this trigger needs no search now. */
  async function skip(trigger: Trigger, plan: RefreshPlan, state: RefreshState, now: number): Promise<boolean> {
    const since = state.attemptAt === null ? Infinity : now - state.attemptAt;
    // Back at the computer: only a count older than its period is asked again.
    if (trigger === 'return' && since < plan.periodMinutes * MINUTE_MS && state.failures === 0) return true;
    return (trigger === 'scheduled' || trigger === 'retry' || trigger === 'soon') && (await isAway());
  }

  async function once(trigger: Trigger): Promise<void> {
    const { plan, problems } = await readRefreshPlan(deps.agent, notifier);
    const show = (view: CountView) => showCount(withProblems(view, problems));
    if (!plan) {
      await Promise.all([stopSchedule(), browser.alarms.clear(REMINDER_NEXT_ALARM), show(OFF_VIEW)]);
      return;
    }
    // The schedule first: whatever happens to this refresh, the next one comes.
    await ensureSchedule(plan.periodMinutes);
    if (!plan.count) await show(OFF_VIEW);
    const state = await read();
    const now = Date.now();
    if (trigger === 'reminder' && state.list && state.okAt !== null && now - state.okAt < plan.periodMinutes * MINUTE_MS + LIST_SLACK_MS) {
      await remind(plan, state.list, now);
      return;
    }
    if (await skip(trigger, plan, state, now)) return;
    await item.setValue({ ...state, attemptAt: now });
    const today = localDate(new Date(now), { account: plan.timeZone });
    const result = await fetchDue(deps.search, plan, today, now);
    if (!result.ok) {
      if (PAUSING_KINDS.has(result.error.kind)) {
        // Paused until the token or the settings change (their watchers refresh).
        await Promise.all([stopSchedule(), show(plan.count ? pausedView(result.error.message) : OFF_VIEW)]);
        return;
      }
      const failures = state.failures + 1;
      await item.setValue({ ...state, attemptAt: now, failures });
      if (plan.count) await show(staleView(state.view, state.okAt, result.error.message));
      await scheduleRetry(failures, plan.periodMinutes);
      return;
    }
    const view = result.total ? countView(result.total) : state.view;
    await item.setValue({ attemptAt: now, okAt: now, failures: 0, view, list: plan.remind ? result.list : null });
    await clearRetry();
    if (plan.count && view) await show(view);
    if (plan.remind) await remind(plan, result.list, now);
  }

  /** A person's refresh wins over a scheduled one asked for meanwhile. */
  const refresh = serialRunner<Trigger>(once, (a, b) => (a === 'user' || b === 'user' ? 'user' : b));

  return {
    refresh,
    /** At every start of the background: the schedule as the settings want it, without asking Convoso. */
    async ensure(): Promise<void> {
      const { plan } = await readRefreshPlan(deps.agent, notifier);
      if (plan) await ensureSchedule(plan.periodMinutes);
      else await stopSchedule();
    },
    /** Browser start, install or update: a refresh within a couple of minutes, at a moment of this browser's own. */
    async soon(): Promise<void> {
      if ((await readRefreshPlan(deps.agent, notifier)).plan) await refreshSoon();
    },
  };
}
