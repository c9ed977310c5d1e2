import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { CLOSED_STAGES, type Callback } from '../core/api/model';
import { formatWallTime } from '../core/time/format-time';
import { resolveZones, wallToInstant, type Zones } from '../core/time/time-zone';
import { DAY_MS, MINUTE_MS, wallTimeMs } from '../core/time/wall-clock';
import { defineSetting } from '../core/storage/setting';
import { STORAGE_KEYS } from '../core/storage/storage-keys';
import { plainLine, shortHash } from './notification-text';

// Browser notifications N minutes before the agent's callbacks are due. The
// agent's open callbacks are read with the toolbar count's search
// (background-refresh.ts); an alarm wakes the worker at the next reminder's
// minute. Each callback is notified once: what was shown is kept in storage, so
// a restarted service worker does not show it again. A callback moved to
// another time is a new reminder.

export const REMINDER_NEXT_ALARM = 'reminders-next';
/** A reminder missed while the computer slept is still worth showing this long after the time. */
export const LATE_GRACE_MS = 5 * MINUTE_MS;
const NOTIFICATION_PREFIX = 'callback-reminder:';

const KEY_MAX = 200;
const NotifiedSchema = v.array(v.strictObject({ key: v.pipe(v.string(), v.maxLength(KEY_MAX)), at: v.number() }));
export const notifiedRemindersSetting = defineSetting(STORAGE_KEYS.remindersNotified, 'Reminders already shown', NotifiedSchema, []);

/** What a reminder needs of a callback (and what is kept of it between refreshes). */
export type ReminderCallback = Pick<Callback, 'id' | 'leadId' | 'stage' | 'callbackTime' | 'comments'>;

/**
 * One reminder per callback and time. A key too long to record (Convoso's ids
 * are text of any length) is recorded as its hash, never refused: a refused
 * record would show the same reminder at every refresh.
 */
export function reminderKey(cb: Pick<Callback, 'id' | 'callbackTime'>): string {
  const key = `${cb.id}@${cb.callbackTime?.local ?? ''}`;
  return key.length <= KEY_MAX ? key : `#${shortHash(key)}`;
}

export interface ReminderPlan {
  /** Reminders to show now, with the instant each callback is due. */
  due: { callback: ReminderCallback; dueAtMs: number }[];
  /** When the next reminder falls due (an instant), or null. */
  nextAtMs: number | null;
}

export function planReminders(
  callbacks: readonly ReminderCallback[],
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

const LEAD = /^[1-9]\d{0,17}$/;
const CALLBACK = /^\d{1,20}$/;

/**
 * `callback-reminder:<lead>:<callback>`: what a click needs, nothing more. An
 * id of another form stands as its hash (the click opens the lead's callbacks).
 */
export function notificationId(cb: Pick<Callback, 'id' | 'leadId'>): string {
  const lead = LEAD.test(cb.leadId) ? cb.leadId : '0';
  return `${NOTIFICATION_PREFIX}${lead}:${CALLBACK.test(cb.id) ? cb.id : `h${shortHash(`${cb.leadId}:${cb.id}`)}`}`;
}

/** The tab view on the notified callback (or its lead), or null for another extension's notification id. */
export function reminderTarget(id: string): `/search.html${string}` | null {
  const m = new RegExp(`^${NOTIFICATION_PREFIX}([1-9]\\d{0,17}|0):(\\d{1,20}|h[0-9a-z]{1,20})$`).exec(id);
  if (!m) return null;
  if (m[1] === '0') return '/search.html';
  return m[2]!.startsWith('h') ? `/search.html?lead_id=${m[1]}` : `/search.html?lead_id=${m[1]}&id=${m[2]}`;
}

export interface Notifier {
  create(id: string, options: { type: 'basic'; iconUrl: string; title: string; message: string }): Promise<unknown>;
}

/** Null while the optional `notifications` permission is not granted. */
export function browserNotifier(): Notifier | null {
  return ((browser as unknown as { notifications?: Notifier }).notifications ?? null) as Notifier | null;
}

/** The notification of one reminder: plain text, one line per piece, whatever Convoso wrote. */
export function reminderNotice(cb: ReminderCallback, dueAtMs: number, nowMs: number, zones: Zones, locale = 'en-US') {
  const minutes = Math.round((dueAtMs - nowMs) / MINUTE_MS);
  const time = cb.callbackTime ? formatWallTime(cb.callbackTime, locale, zones) : '';
  return {
    title: minutes > 0 ? `Callback in ${minutes} min` : 'Callback due now',
    message: [plainLine(`Lead ${cb.leadId} at ${time}`, 80), plainLine(cb.comments, 120)].filter(Boolean).join('\n'),
  };
}

/**
 * Shows the reminders of `plan` that were not shown yet and records them first
 * (a worker stopped in between forgets a reminder rather than repeating it).
 */
export async function showReminders(notify: Notifier, plan: ReminderPlan, nowMs: number, zones: Zones): Promise<void> {
  if (plan.due.length === 0) return;
  const stored = (await notifiedRemindersSetting.get()).value;
  const keep = stored.filter((n) => n.at > nowMs - 2 * DAY_MS);
  await notifiedRemindersSetting.set([...keep, ...plan.due.map((d) => ({ key: reminderKey(d.callback), at: nowMs }))].slice(-500), { replace: true });
  for (const { callback, dueAtMs } of plan.due) {
    await notify
      .create(notificationId(callback), { type: 'basic', iconUrl: browser.runtime.getURL('/icon/128.png'), ...reminderNotice(callback, dueAtMs, nowMs, zones) })
      .catch(() => undefined);
  }
}

/** The keys of the reminders already shown. */
export async function notifiedKeys(): Promise<ReadonlySet<string>> {
  return new Set((await notifiedRemindersSetting.get()).value.map((n) => n.key));
}

/** A click on a reminder: the tab view on that callback. */
export async function onReminderClicked(id: string): Promise<boolean> {
  const target = reminderTarget(id);
  if (!target) return false;
  await browser.tabs.create({ url: browser.runtime.getURL(target) });
  await (browser as unknown as { notifications?: { clear(id: string): Promise<unknown> } }).notifications?.clear(id);
  return true;
}
