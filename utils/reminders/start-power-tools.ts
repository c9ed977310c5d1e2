import { browser } from 'wxt/browser';
import { watchTrafficPolicy } from '../core/storage/traffic-policy';
import { dueBadgeMinutesSetting, dueBadgeSetting, reminderMinutesSetting, remindersSetting } from './reminder-settings';
import type { Convoso } from '../core/gateway/convoso';
import { createBackgroundRefresh, type Trigger } from './background-refresh';
import { startLookupAnywhere } from './lookup-anywhere';
import { REMINDER_NEXT_ALARM, onReminderClicked } from './reminders';
import type { AgentReader } from './refresh-plan';
import { LEGACY_ALARMS, REFRESH_ALARM, RETRY_ALARM, SOON_ALARM, watchReturn } from './refresh-schedule';

const ENSURE_DELAY_MS = 5_000;

type NotificationsApi = { onClicked: { addListener(cb: (id: string) => void): void; hasListener(cb: (id: string) => void): boolean } };

const TRIGGERS: Readonly<Record<string, Trigger>> = {
  [REFRESH_ALARM]: 'scheduled',
  [RETRY_ALARM]: 'retry',
  [SOON_ALARM]: 'soon',
  [REMINDER_NEXT_ALARM]: 'reminder',
  ...Object.fromEntries(LEGACY_ALARMS.map((name) => [name, 'scheduled' as const])),
};

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
  // Background refreshes wait behind everything a person is looking at.
  const refresher = createBackgroundRefresh({ search: (query) => deps.convoso.search(query, { priority: 'background' }), agent: deps.agent });
  const byUser = () => void refresher.refresh('user');

  browser.alarms.onAlarm.addListener((alarm) => {
    const trigger = TRIGGERS[alarm.name];
    if (trigger) void refresher.refresh(trigger);
  });
  // "At once after saving settings", and un-paused when a token is saved again.
  for (const setting of [dueBadgeSetting, dueBadgeMinutesSetting, remindersSetting, reminderMinutesSetting]) setting.watch(byUser);
  deps.watchConnection(byUser);
  watchTrafficPolicy(byUser);
  watchReturn(() => void refresher.refresh('return'));
  // A browser start or an update: soon, at this browser's own moment, not with every other browser of the call center.
  browser.runtime.onStartup.addListener(() => void refresher.soon());
  browser.runtime.onInstalled.addListener(() => void refresher.soon());
  // Every start of the background: the schedule is there, whatever happened before. A few
  // seconds on, so that the settings it reads never sit in front of the lookup that woke the worker.
  setTimeout(() => void refresher.ensure(), ENSURE_DELAY_MS);

  // `notifications` is optional: its API appears only once granted.
  const onClick = (id: string) => void onReminderClicked(id).catch(() => undefined);
  const listenToClicks = () => {
    const notifications = (browser as unknown as { notifications?: NotificationsApi }).notifications;
    if (notifications && !notifications.onClicked.hasListener(onClick)) notifications.onClicked.addListener(onClick);
  };
  listenToClicks();
  browser.permissions.onAdded.addListener(() => {
    listenToClicks();
    byUser();
  });

  startLookupAnywhere();
}
