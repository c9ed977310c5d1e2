import { backoffDelay, RETRY_AFTER_CAP_MS } from '../api/retry';

// One shared backoff per API host. When Convoso says slow down (429, 503 with
// or without Retry-After) or cannot be reached, every request to it waits
// until the pause ends, not only the one that got the answer. Repeated
// failures lengthen the pause (exponential, jittered), and after them the host
// opens slowly: one request at a time until one succeeds, then more.

export interface HostState {
  /** Until when nothing is sent (epoch ms); 0 when open. */
  pausedUntil: number;
  /** Failures in a row. */
  streak: number;
  /** When the last failure counted was sent: answers to requests sent before it are echoes of the same trouble. */
  failedSentAt: number;
  /** While reopening after failures in a row: how many requests may be in flight (one more per success); 0 when fully open. */
  ramp: number;
}

export const OPEN_HOST: HostState = { pausedUntil: 0, streak: 0, failedSentAt: 0, ramp: 0 };

/** Requests in flight to one host, when all is well. */
export const MAX_IN_FLIGHT = 4;
/** The longest pause the extension imposes on itself, and the longest Retry-After it honours. */
export const MAX_PAUSE_MS = RETRY_AFTER_CAP_MS;
const BASE_PAUSE_MS = 1_000;
const MAX_SPREAD_MS = 5_000;

/**
 * A failure of a request sent at `sentAt`. `retryAfterMs`: what the server
 * asked for. The first failure waits what the server asked (plus up to a fifth
 * more, at random) or about a second; each one after it at least twice as
 * long, up to MAX_PAUSE_MS.
 */
export function failed(state: HostState, at: { now: number; sentAt: number; retryAfterMs?: number; random: () => number }): HostState {
  const asked = Math.min(MAX_PAUSE_MS, Math.max(0, at.retryAfterMs ?? 0));
  // Requests already on the way when the trouble started come back failed too: one failure, not several.
  if (state.streak > 0 && at.sentAt < state.failedSentAt) {
    return { ...state, pausedUntil: Math.max(state.pausedUntil, at.now + asked) };
  }
  const streak = state.streak + 1;
  const backoff = at.retryAfterMs !== undefined && streak === 1 ? 0 : backoffDelay(streak - 1, at.random, BASE_PAUSE_MS, MAX_PAUSE_MS);
  // Every browser of a call center told the same Retry-After must not come back in the same second.
  const spread = asked > backoff ? at.random() * Math.min(asked * 0.2, MAX_SPREAD_MS) : 0;
  return {
    pausedUntil: Math.max(state.pausedUntil, at.now + Math.round(Math.max(asked, backoff) + spread)),
    streak,
    failedSentAt: at.now,
    ramp: streak >= 2 ? 1 : state.ramp,
  };
}

/** An answer (anything but a slow-down or an outage) to a request sent at `sentAt`. */
export function succeeded(state: HostState, sentAt: number): HostState {
  // An answer to a request sent before the last failure says nothing about now.
  if (state.streak > 0 && sentAt < state.failedSentAt) return state;
  const ramp = state.ramp === 0 || state.ramp + 1 >= MAX_IN_FLIGHT ? 0 : state.ramp + 1;
  if (state.streak === 0 && ramp === state.ramp) return state;
  return { pausedUntil: 0, streak: 0, failedSentAt: state.failedSentAt, ramp };
}

/** How many requests may be in flight: one while probing after failures in a row, then one more per success. */
export function inFlightLimit(state: HostState): number {
  if (state.streak >= 2) return 1;
  return state.ramp > 0 ? state.ramp : MAX_IN_FLIGHT;
}

/** Whether the host takes a request now. */
export const isPaused = (state: HostState, now: number) => state.pausedUntil > now;
