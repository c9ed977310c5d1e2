import { browser } from 'wxt/browser';

// When the toolbar count and reminders ask Convoso: one periodic alarm, made
// before any refresh runs and checked at every start (so neither a failure nor
// a restart nor an update leaves it gone), with its first time spread at random
// over the period (a call center that starts its browsers at 9:00 does not ask
// at 9:00:00 for the rest of the shift); a one-shot retry after a failure,
// backing off; nothing while the computer is idle or locked.

/** The periodic refresh; the name the alarm had when it only counted, so an update takes it over. */
export const REFRESH_ALARM = 'due-count';
export const RETRY_ALARM = 'background-retry';
export const SOON_ALARM = 'background-soon';
/** Alarms of earlier versions: cleared, and taken as a refresh if they still fire. */
export const LEGACY_ALARMS: readonly string[] = ['reminders-poll'];
/** No input for this long counts as away (as does a locked screen). */
export const IDLE_SECONDS = 10 * 60;
/** Chrome runs no alarm sooner than 30 s. */
const MIN_DELAY_MINUTES = 0.5;

const jitter = (from: number, to: number) => from + Math.random() * (to - from);

/** Creates the periodic alarm unless it exists with this period; its first time falls at random within the period. */
export async function ensureSchedule(periodMinutes: number): Promise<void> {
  await Promise.all(LEGACY_ALARMS.map((name) => browser.alarms.clear(name)));
  const alarm = await browser.alarms.get(REFRESH_ALARM);
  if (alarm && alarm.periodInMinutes === periodMinutes) return;
  await browser.alarms.create(REFRESH_ALARM, {
    periodInMinutes: periodMinutes,
    delayInMinutes: Math.max(MIN_DELAY_MINUTES, jitter(0.2, 1) * periodMinutes),
  });
}

/** A refresh soon, not now: at browser start, spread over a couple of minutes. */
export async function refreshSoon(): Promise<void> {
  await browser.alarms.create(SOON_ALARM, { delayInMinutes: jitter(MIN_DELAY_MINUTES, 2) });
}

/** The `failures`-th retry after a failed refresh: ½, 1, 2, 4… minutes (jittered), never later than the next period. */
export async function scheduleRetry(failures: number, periodMinutes: number): Promise<void> {
  const minutes = Math.min(periodMinutes, 0.5 * 2 ** Math.max(0, failures - 1)) * jitter(0.8, 1.2);
  await browser.alarms.create(RETRY_ALARM, { delayInMinutes: Math.max(MIN_DELAY_MINUTES, Math.min(periodMinutes, minutes)) });
}

export async function clearRetry(): Promise<void> {
  await browser.alarms.clear(RETRY_ALARM);
}

export async function stopSchedule(): Promise<void> {
  await Promise.all([REFRESH_ALARM, RETRY_ALARM, SOON_ALARM, ...LEGACY_ALARMS].map((name) => browser.alarms.clear(name)));
}

type IdleApi = {
  queryState(seconds: number): Promise<'active' | 'idle' | 'locked'>;
  setDetectionInterval(seconds: number): void;
  onStateChanged: { addListener(cb: (state: string) => void): void };
};
const idleApi = () => (browser as unknown as { idle?: IdleApi }).idle;

/** Whether nobody is at the computer (idle or locked). A browser that cannot tell counts as someone there. */
export async function isAway(): Promise<boolean> {
  try {
    const state = await idleApi()?.queryState(IDLE_SECONDS);
    return state === 'idle' || state === 'locked';
  } catch {
    return false;
  }
}

/** Calls `cb` when the agent comes back to the computer. */
export function watchReturn(cb: () => void): void {
  try {
    const idle = idleApi();
    idle?.setDetectionInterval(IDLE_SECONDS);
    idle?.onStateChanged.addListener((state) => {
      if (state === 'active') cb();
    });
  } catch {
    // No idle API: refreshes simply never pause.
  }
}
