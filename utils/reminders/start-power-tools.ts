import { browser } from 'wxt/browser';
import { dueBadgeMinutesSetting, dueBadgeSetting, reminderMinutesSetting, remindersSetting } from './settings';
import {
  baseUrlSetting,
  localTokenSetting,
  methodSetting,
  sessionTokenSetting,
  timeZoneSetting,
  tokenStorageSetting,
  userIdSetting,
} from '../connection/settings';
import { DUE_ALARM, createDueCount } from './due-count';
import { startLookupAnywhere } from './lookup-anywhere';
import { REMINDER_NEXT_ALARM, REMINDER_POLL_ALARM, createReminders, onReminderClicked } from './reminders';

type NotificationsApi = { onClicked: { addListener(cb: (id: string) => void): void; hasListener(cb: (id: string) => void): boolean } };

/**
 * The agent's power tools in the background: the toolbar count, reminders,
 * the context menu and the omnibox. Listeners are registered synchronously at
 * start-up, so an alarm or a click that woke the worker is not missed.
 */
export function startPowerTools() {
  const dueCount = createDueCount();
  const reminders = createReminders();
  const refreshAll = () => {
    void dueCount.refresh();
    void reminders.check();
  };

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === DUE_ALARM) void dueCount.refresh();
    else if (alarm.name === REMINDER_POLL_ALARM || alarm.name === REMINDER_NEXT_ALARM) void reminders.check();
  });
  // "At once after saving settings", and un-paused when a token is saved again.
  for (const setting of [
    dueBadgeSetting,
    dueBadgeMinutesSetting,
    remindersSetting,
    reminderMinutesSetting,
    userIdSetting,
    timeZoneSetting,
    localTokenSetting,
    sessionTokenSetting,
    tokenStorageSetting,
    baseUrlSetting,
    methodSetting,
  ]) {
    setting.watch(refreshAll);
  }
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
