import { serialRunner } from './serial';
import { browser } from 'wxt/browser';
import type { SearchPage } from '../core/api/model';
import type { SearchQueryInput } from '../core/api/query-input';
import type { ServiceError } from '../core/messaging/replies';

import { dueBadgeMinutesSetting, dueBadgeSetting } from './reminder-settings';
import { dueQueries } from '../core/api/due-queries';
import { localDate } from '../core/time/wall-clock';

// The toolbar icon's count of the agent's due callbacks: Pending or Past due,
// dated today or earlier on the account's clock. Two one-result searches read
// the totals; nothing is listed.

export const DUE_ALARM = 'due-count';
export const PAST_DUE_COLOR = '#b3261e';
export const DUE_COLOR = '#374151';

type Search = (query: SearchQueryInput) => Promise<{ ok: true; page: SearchPage } | { ok: false; error: ServiceError }>;

/** "0" shows nothing (an empty badge is the calm state); above 999, "999+". */
export function dueBadgeText(count: number, atLeast = false): string {
  if (count <= 0) return '';
  if (count > 999) return '999+';
  return atLeast ? `${count}+` : String(count);
}

export type DueCount =
  | { ok: true; pending: number; pastDue: number; atLeast: boolean }
  | { ok: false; error: ServiceError };

/** The two totals for `userId` up to `today` (YYYY-MM-DD, account's date). */
export async function countDue(search: Search, userId: string, today: string): Promise<DueCount> {
  // Totals only: one result each.
  const [pendingQuery, pastDueQuery] = dueQueries(userId, today);
  const ask = (query: SearchQueryInput) => search({ ...query, offset: 0, limit: 1 });
  const [pending, pastDue] = await Promise.all([ask(pendingQuery.query), ask(pastDueQuery.query)]);
  if (!pending.ok) return pending;
  if (!pastDue.ok) return pastDue;
  return {
    ok: true,
    pending: pending.page.total,
    pastDue: pastDue.page.total,
    atLeast: Boolean(pending.page.totalAtLeast || pastDue.page.totalAtLeast),
  };
}

/** Token missing or refused: counting again cannot help until the settings change. */
const PAUSING_KINDS: ReadonlySet<string> = new Set(['no-token', 'auth']);

export interface BadgeApi {
  setBadgeText(details: { text: string }): Promise<void>;
  setBadgeBackgroundColor(details: { color: string }): Promise<void>;
  setTitle(details: { title: string }): Promise<void>;
}

/** Chrome's MV3 `action`, Firefox MV2's `browserAction`: the same calls. */
export function toolbarAction(): BadgeApi {
  const b = browser as unknown as { action?: BadgeApi; browserAction?: BadgeApi };
  return (b.action ?? b.browserAction)!;
}

/** Who the agent is: their user ID ('' when not saved) and the account's zone ('' for the browser's). */
export type AgentReader = () => Promise<{ userId: string; timeZone: string }>;

export interface DueCountDeps {
  search: Search;
  agent: AgentReader;
  action?: BadgeApi;
  now?: () => Date;
}

/**
 * Keeps the badge in step: refreshed by an alarm every few minutes (the
 * interval is a setting), and at once whenever a setting it depends on changes.
 * Returns `refresh` for the service's watchers and tests.
 */
export function createDueCount(deps: DueCountDeps) {
  const { search } = deps;
  const action = () => deps.action ?? toolbarAction();
  const now = deps.now ?? (() => new Date());

  async function show(text: string, title: string, color = DUE_COLOR) {
    const a = action();
    await Promise.all([a.setBadgeText({ text }), a.setBadgeBackgroundColor({ color }), a.setTitle({ title })]);
  }

  async function once() {
    const [on, agent, minutes] = await Promise.all([dueBadgeSetting.get(), deps.agent(), dueBadgeMinutesSetting.get()]);
    if (!on.value || !agent.userId) {
      await browser.alarms.clear(DUE_ALARM);
      await show('', 'Convoso Callbacks');
      return;
    }
    const today = localDate(now(), { account: agent.timeZone });
    const count = await countDue(search, agent.userId, today);
    if (!count.ok) {
      if (PAUSING_KINDS.has(count.error.kind)) {
        // Paused until the token or settings change (the service's watchers call refresh).
        await browser.alarms.clear(DUE_ALARM);
        await show('', `Convoso Callbacks: due count paused (${count.error.message})`);
      } else {
        await show('?', `Convoso Callbacks: due count not updated (${count.error.message})`);
      }
      return;
    }
    const total = count.pending + count.pastDue;
    const title =
      `Convoso Callbacks: ${total}${count.atLeast ? '+' : ''} due callbacks` + (count.pastDue > 0 ? `, ${count.pastDue} past due` : '');
    await show(dueBadgeText(total, count.atLeast), title, count.pastDue > 0 ? PAST_DUE_COLOR : DUE_COLOR);
    const alarm = await browser.alarms.get(DUE_ALARM);
    if (!alarm || alarm.periodInMinutes !== minutes.value) {
      await browser.alarms.create(DUE_ALARM, { periodInMinutes: minutes.value, delayInMinutes: minutes.value });
    }
  }

  /** One refresh at a time; a request during one runs once more after it (settings changed meanwhile). */
  const refresh = serialRunner(once);

  return { refresh };
}
