import { browser } from 'wxt/browser';
import { dueBadgeMinutesSetting, dueBadgeSetting, reminderMinutesSetting, remindersSetting } from './reminder-settings';
import type { Convoso } from '../core/gateway/convoso';
import { DUE_ALARM, createDueCount, type AgentReader } from './due-count';
import { startLookupAnywhere } from './lookup-anywhere';
import { REMINDER_NEXT_ALARM, REMINDER_POLL_ALARM, createReminders, onReminderClicked } from './reminders';

type NotificationsApi = { onClicked: { addListener(cb: (id: string) => void): void; hasListener(cb: (id: string) => void): boolean } };

/**
 * The agent's power tools in the background: the toolbar count, reminders,
 * the context menu and the omnibox. Listeners are registered synchronously at
 * start-up, so an alarm or a click that woke the worker is not missed.
 */
export function startPowerTools(deps: {
  convoso: Convoso;
  agent: AgentReader;
  /** Calls back when the token, the API address, the method, the user ID or the zone changed. */
  watchConnection: (cb: () => void) => unknown;
}) {
  const search = (query: Parameters<Convoso['search']>[0]) => deps.convoso.search(query);
  const dueCount = createDueCount({ search, agent: deps.agent });
  const reminders = createReminders({ search, agent: deps.agent });
  const refreshAll = () => {
    void dueCount.refresh();
    void reminders.check();
  };

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === DUE_ALARM) void dueCount.refresh();
    else if (alarm.name === REMINDER_POLL_ALARM || alarm.name === REMINDER_NEXT_ALARM) void reminders.check();
  });
  // "At once after saving settings", and un-paused when a token is saved again.
  for (const setting of [dueBadgeSetting, dueBadgeMinutesSetting, remindersSetting, reminderMinutesSetting]) setting.watch(refreshAll);
  deps.watchConnection(refreshAll);
  // The badge text outlives the worker within a browser session; a new session starts blank.
  browser.runtime.onStartup.addListener(refreshAll);
  browser.runtime.onInstalled.addListener(refreshAll);

  // `notifications` is optional: its API appears only once granted.
  const onClick = (id: string) => void onReminderClicked(id).catch(() => undefined);
  const listenToClicks = () => {
    const notifications = (browser as unknown as { notifications?: NotificationsApi }).notifications;
    if (notifications && !notifications.onClicked.hasListener(onClick)) notifications.onClicked.addListener(onClick);
  };
  listenToClicks();
  browser.permissions.onAdded.addListener(() => {
    listenToClicks();
    void reminders.check();
  });

  startLookupAnywhere();
}
