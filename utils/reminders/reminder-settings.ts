import * as v from 'valibot';
import { defineSetting } from '../core/storage/setting';
import { STORAGE_KEYS } from '../core/storage/storage-keys';
import { MAX_CHOSEN_REFRESH } from './refresh-floor';

// The agent's own power tools: the toolbar count and reminders.
// No secret here: the popup and the options page read these directly.

export const DueBadgeSchema = v.boolean();
const minutes = (min: number, max: number, what: string) => {
  const message = `${what} must be a whole number of minutes from ${min} to ${max}.`;
  return v.pipe(v.number(message), v.integer(message), v.minValue(min, message), v.maxValue(max, message));
};
export const DueBadgeMinutesSchema = minutes(1, MAX_CHOSEN_REFRESH, 'The refresh interval');
export const ReminderMinutesSchema = minutes(1, 120, 'The reminder time');

export const dueBadgeSetting = defineSetting(STORAGE_KEYS.dueBadge, 'The toolbar count of due callbacks', DueBadgeSchema, false);
// 15 minutes: the count changes when callbacks are made or closed, not by the minute (issue 21).
export const dueBadgeMinutesSetting = defineSetting(STORAGE_KEYS.dueBadgeMinutes, 'The toolbar count refresh interval', DueBadgeMinutesSchema, 15);
export const remindersSetting = defineSetting(STORAGE_KEYS.reminders, 'Callback reminders', v.boolean(), false);
export const reminderMinutesSetting = defineSetting(STORAGE_KEYS.reminderMinutes, 'The reminder time', ReminderMinutesSchema, 10);
