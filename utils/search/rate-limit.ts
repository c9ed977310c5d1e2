// A 429 with a long Retry-After: the background answers at once (it waits at
// most INTERACTIVE_MAX_WAIT_MS itself) and the popup or tab shows the wait,
// counts it down, searches again by itself, and lets the user cancel.

/** Automatic waits for one search, in all; past this the error stays with a Retry button. */
export const MAX_AUTO_WAIT_MS = 60_000;

/** How long to wait before the next automatic attempt, or null when the budget for this search is spent. */
export function nextAutoWait(retryAfterMs: number | undefined, waitedMs: number, maxMs = MAX_AUTO_WAIT_MS): number | null {
  if (retryAfterMs === undefined || !Number.isFinite(retryAfterMs)) return null;
  const wait = Math.max(1000, Math.round(retryAfterMs));
  return waitedMs + wait <= maxMs ? wait : null;
}

/** Whole seconds left, never below 1 while waiting. */
export function secondsLeft(untilMs: number, nowMs: number): number {
  return Math.max(1, Math.ceil((untilMs - nowMs) / 1000));
}

export function rateLimitText(seconds: number): string {
  return `Convoso is limiting requests, retrying in ${seconds} s`;
}
