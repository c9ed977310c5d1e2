import { readTrafficPolicy } from '../core/storage/traffic-policy';
import { appliedRefreshMinutes } from './refresh-floor';
import { dueBadgeMinutesSetting, dueBadgeSetting, reminderMinutesSetting, remindersSetting } from './reminder-settings';
import type { Notifier } from './reminders';

// What a background refresh is to do now: the agent's settings, as the
// administrator's policy allows them.

/** Who the agent is: their user ID ('' when not saved) and the account's zone ('' for the browser's). */
export type AgentReader = () => Promise<{ userId: string; timeZone: string }>;

export interface RefreshPlan {
  /** The toolbar count is on (and allowed). */
  count: boolean;
  /** Reminders are on, allowed, and the browser grants notifications. */
  remind: boolean;
  notify: Notifier | null;
  userId: string;
  timeZone: string;
  /** The agent's refresh interval, or the policy's minimum if that is longer. */
  periodMinutes: number;
  leadMinutes: number;
}

/**
 * What the refreshes do now (`plan`; null: nothing to refresh, both off, not
 * allowed, or no user ID), and the settings of theirs that could not be read
 * (`problems`: their defaults are used meanwhile, and the toolbar says so).
 */
export interface PlanRead {
  plan: RefreshPlan | null;
  problems: string[];
}

export async function readRefreshPlan(agent: AgentReader, notifier: () => Notifier | null): Promise<PlanRead> {
  const [countOn, remindOn, minutes, lead, who, policy] = await Promise.all([
    dueBadgeSetting.get(),
    remindersSetting.get(),
    dueBadgeMinutesSetting.get(),
    reminderMinutesSetting.get(),
    agent(),
    readTrafficPolicy(),
  ]);
  const notify = notifier();
  const problems = [countOn, remindOn, minutes, lead].flatMap((read) => (read.problem ? [read.problem] : []));
  const count = countOn.value && policy.allowToolbarCount !== false;
  const remind = remindOn.value && policy.allowReminders !== false && notify !== null;
  if (!who.userId || (!count && !remind)) return { plan: null, problems };
  const plan: RefreshPlan = {
    count,
    remind,
    notify: remind ? notify : null,
    userId: who.userId,
    timeZone: who.timeZone,
    periodMinutes: appliedRefreshMinutes(minutes.value, policy.minRefreshMinutes),
    leadMinutes: lead.value,
  };
  return { plan, problems };
}
