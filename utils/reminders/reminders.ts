import { serialRunner } from './serial';
import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { CLOSED_STAGES, type Callback, type SearchPage } from '../core/api/model';
import type { SearchQueryInput } from '../core/api/query-input';
import { formatWallTime } from '../core/time/format-time';
import { resolveZones, wallToInstant, type Zones } from '../core/time/time-zone';
import { DAY_MS, localDate, MINUTE_MS, wallTimeMs } from '../core/time/wall-clock';
import type { ServiceError } from '../core/messaging/replies';

import { reminderMinutesSetting, remindersSetting } from './reminder-settings';
import { defineSetting } from '../core/storage/setting';
import type { AgentReader } from './due-count';
import { STORAGE_KEYS } from '../core/storage/storage-keys';

// Browser notifications N minutes before the agent's callbacks are due. The
// agent's callbacks of today and tomorrow (account's dates) are read every few
// minutes; an alarm wakes the worker at the next reminder's minute. Each
// callback is notified once: what was shown is kept in storage, so a restarted
// service worker does not show it again. A callback moved to another time is
// a new reminder.

export const REMINDER_POLL_ALARM = 'reminders-poll';
export const REMINDER_NEXT_ALARM = 'reminders-next';
export const REMINDER_POLL_MINUTES = 5;
/** A reminder missed while the computer slept is still worth showing this long after the time. */
export const LATE_GRACE_MS = 5 * MINUTE_MS;
const NOTIFICATION_PREFIX = 'callback-reminder:';

const NotifiedSchema = v.array(v.strictObject({ key: v.pipe(v.string(), v.maxLength(200)), at: v.number() }));
export const notifiedRemindersSetting = defineSetting(STORAGE_KEYS.remindersNotified, 'Reminders already shown', NotifiedSchema, []);

/** One reminder per callback and time. */
export function reminderKey(cb: Pick<Callback, 'id' | 'callbackTime'>): string {
  return `${cb.id}@${cb.callbackTime?.local ?? ''}`;
}

export interface ReminderPlan {
  /** Reminders to show now, with the instant each callback is due. */
  due: { callback: Callback; dueAtMs: number }[];
  /** When the next reminder falls due (an instant), or null. */
  nextAtMs: number | null;
}

export function planReminders(
  callbacks: readonly Callback[],
  opts: { nowMs: number; leadMinutes: number; zones?: Zones; notified: ReadonlySet<string> },
): ReminderPlan {
  const account = resolveZones(opts.zones).account;
  const due: ReminderPlan['due'] = [];
  let nextAtMs: number | null = null;
  for (const callback of callbacks) {
    if (CLOSED_STAGES.has(callback.stage) || callback.stage === 'past_due') continue;
    const wall = wallTimeMs(callback.callbackTime);
    if (wall === null || opts.notified.has(reminderKey(callback))) continue;
    const dueAtMs = wallToInstant(wall, account);
    const remindAtMs = dueAtMs - opts.leadMinutes * MINUTE_MS;
    if (remindAtMs <= opts.nowMs) {
      if (opts.nowMs < dueAtMs + LATE_GRACE_MS) due.push({ callback, dueAtMs });
    } else if (nextAtMs === null || remindAtMs < nextAtMs) {
      nextAtMs = remindAtMs;
    }
  }
  return { due, nextAtMs };
}

/** `callback-reminder:<lead>:<callback>`: what a click needs, nothing more. */
export function notificationId(cb: Pick<Callback, 'id' | 'leadId'>): string {
  return `${NOTIFICATION_PREFIX}${cb.leadId}:${cb.id}`;
}

/** The tab view on the notified callback, or null for another extension's notification id. */
export function reminderTarget(id: string): `/search.html${string}` | null {
  const m = new RegExp(`^${NOTIFICATION_PREFIX}([1-9]\\d{0,17}):(\\d{1,20})$`).exec(id);
  return m ? `/search.html?lead_id=${m[1]}&id=${m[2]}` : null;
}

type Search = (query: SearchQueryInput) => Promise<{ ok: true; page: SearchPage } | { ok: false; error: ServiceError }>;

export interface Notifier {
  create(id: string, options: { type: 'basic'; iconUrl: string; title: string; message: string }): Promise<unknown>;
}

export interface RemindersDeps {
  search: Search;
  agent: AgentReader;
  /** Null while the optional `notifications` permission is not granted. */
  notifier?: () => Notifier | null;
  now?: () => Date;
  locale?: string;
}

function browserNotifier(): Notifier | null {
  return ((browser as unknown as { notifications?: Notifier }).notifications ?? null) as Notifier | null;
}

export function createReminders(deps: RemindersDeps) {
  const { search } = deps;
  const notifier = deps.notifier ?? browserNotifier;
  const now = deps.now ?? (() => new Date());

  async function stop() {
    await Promise.all([browser.alarms.clear(REMINDER_POLL_ALARM), browser.alarms.clear(REMINDER_NEXT_ALARM)]);
  }

  async function once() {
    const [on, agent, lead] = await Promise.all([remindersSetting.get(), deps.agent(), reminderMinutesSetting.get()]);
    const notify = notifier();
    if (!on.value || !agent.userId || !notify) return stop();
    if (!(await browser.alarms.get(REMINDER_POLL_ALARM))) {
      await browser.alarms.create(REMINDER_POLL_ALARM, { periodInMinutes: REMINDER_POLL_MINUTES });
    }
    const at = now();
    const zones = { account: agent.timeZone };
    const result = await search({
      user_id: agent.userId,
      start_date: localDate(at, zones),
      end_date: localDate(new Date(at.getTime() + DAY_MS), zones),
      offset: 0,
      limit: 500,
    });
    if (!result.ok) return;
    const stored = (await notifiedRemindersSetting.get()).value;
    const plan = planReminders(result.page.results, {
      nowMs: at.getTime(),
      leadMinutes: lead.value,
      zones,
      notified: new Set(stored.map((n) => n.key)),
    });
    if (plan.due.length > 0) {
      // Written before showing: a worker stopped in between forgets a reminder rather than repeating it.
      const keep = stored.filter((n) => n.at > at.getTime() - 2 * DAY_MS);
      await notifiedRemindersSetting.set([...keep, ...plan.due.map((d) => ({ key: reminderKey(d.callback), at: at.getTime() }))].slice(-500), { replace: true });
      for (const { callback, dueAtMs } of plan.due) await show(notify, callback, dueAtMs, at.getTime(), zones);
    }
    if (plan.nextAtMs === null) await browser.alarms.clear(REMINDER_NEXT_ALARM);
    else await browser.alarms.create(REMINDER_NEXT_ALARM, { when: plan.nextAtMs });
  }

  async function show(notify: Notifier, cb: Callback, dueAtMs: number, nowMs: number, zones: Zones) {
    const minutes = Math.round((dueAtMs - nowMs) / MINUTE_MS);
    const title = minutes > 0 ? `Callback in ${minutes} min` : 'Callback due now';
    const time = cb.callbackTime ? formatWallTime(cb.callbackTime, deps.locale ?? 'en-US', zones) : '';
    const comment = cb.comments.length > 120 ? `${cb.comments.slice(0, 119)}…` : cb.comments;
    await notify
      .create(notificationId(cb), {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/icon/128.png'),
        title,
        // Notifications show plain text: API data stays text here too.
        message: [`Lead ${cb.leadId} at ${time}`, comment].filter(Boolean).join('\n'),
      })
      .catch(() => undefined);
  }

  /** One check at a time (an alarm and a settings change may coincide: no reminder twice). */
  const check = serialRunner(once);

  return { check };
}

/** A click on a reminder: the tab view on that callback. */
export async function onReminderClicked(id: string): Promise<boolean> {
  const target = reminderTarget(id);
  if (!target) return false;
  await browser.tabs.create({ url: browser.runtime.getURL(target) });
  await (browser as unknown as { notifications?: { clear(id: string): Promise<unknown> } }).notifications?.clear(id);
  return true;
}
