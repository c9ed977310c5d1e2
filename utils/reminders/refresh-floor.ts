// The administrator's shortest refresh (policy minRefreshMinutes) over the
// agent's chosen interval: one rule for the background's refreshes and for
// what the options page says will apply.

/** The longest interval an agent may choose (the refresh setting's own limit). */
export const MAX_CHOSEN_REFRESH = 60;

/** The interval the refreshes use: the agent's, or the policy's minimum if that is longer. */
export function appliedRefreshMinutes(chosen: number, floor: number | undefined): number {
  return Math.max(chosen, floor ?? 0);
}

/** Whether the policy leaves the agent no interval to choose (its minimum is over the setting's limit). */
export const refreshFixedByPolicy = (floor: number | undefined): boolean => floor !== undefined && floor > MAX_CHOSEN_REFRESH;

/** Why a typed interval may not be kept under the policy, or null (the setting checks its own range). */
export function refreshBelowFloor(text: string, floor: number | undefined): string | null {
  const n = Number(text.trim() === '' ? NaN : text);
  if (floor === undefined || !Number.isInteger(n) || n < 1 || n >= floor) return null;
  return `Your administrator set the shortest refresh to ${floor} minutes: choose ${floor} or more.`;
}

/** What the options say beside the interval under the policy, or null when it sets none. */
export function refreshFloorNote(chosen: number, floor: number | undefined): string | null {
  if (floor === undefined) return null;
  if (refreshFixedByPolicy(floor)) return `Your administrator set the refresh to every ${floor} minutes.`;
  const set = `Your administrator set the shortest refresh to ${floor} minutes`;
  return chosen < floor ? `${set}: it refreshes every ${floor} minutes, not the ${chosen} you chose.` : `${set}.`;
}
