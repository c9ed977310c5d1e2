import { errorFromStatus, type ApiError } from '../api/errors';
import type { AttemptOutcome } from '../api/client';
import type { HostState } from './host-backoff';

// The gate's rules, as data and small pure functions.

/** What a person is looking at first: the badge's lead and popup or tab searches, then chips, exports, background refreshes. */
export type Priority = 'interactive' | 'chips' | 'bulk' | 'background';

export interface GateRequest {
  /** Read each time the gate picks its next request, so a waiting request can be moved up. Default 'interactive'. */
  readonly priority?: Priority;
  /** Aborts the request, waiting or sent. */
  signal?: AbortSignal;
  /** Removes the request while it waits; once sent it runs to its end. */
  waitSignal?: AbortSignal;
  /** The longest the caller can wait for the request to go; default by priority (gate-rules.ts). */
  maxWaitMs?: number;
}

export interface RetryPlan {
  /** Lower goes first. */
  rank: number;
  /** Requests the gate sends again after a slow-down or an outage (the caller never does). */
  retries: number;
  /** The longest the request waits for its turn, pauses included. */
  maxWaitMs: number;
  /** Tokens left in the bucket for what a person is looking at. */
  reserve: number;
}

const PLANS: Readonly<Record<Priority, RetryPlan>> = {
  // The popup shows the pause with Cancel; the badge passes its own, shorter wait.
  interactive: { rank: 0, retries: 2, maxWaitMs: 60_000, reserve: 0 },
  chips: { rank: 1, retries: 1, maxWaitMs: 60_000, reserve: 3 },
  // An export or a sort of every match goes on after a pause.
  bulk: { rank: 2, retries: 2, maxWaitMs: 5 * 60_000, reserve: 3 },
  // The toolbar count and reminders try again at their own next time (utils/reminders).
  background: { rank: 3, retries: 0, maxWaitMs: 60_000, reserve: 3 },
};

export const retryPlan = (priority: Priority): RetryPlan => PLANS[priority];

/**
 * What an answer says about the host and the request:
 * - 'ok' / 'answered': the host answered (a refusal is the request's own trouble);
 * - 'host-trouble': a slow-down (429), an overloaded or unreachable host (502–504, no connection): pause the host, may ask again;
 * - 'host-trouble-final': no answer in time: pause the host, but a person already waited the whole timeout;
 * - 'server-again': HTTP 500, usually this request's own bug: asked once more, the host is not paused.
 */
export type Verdict = 'ok' | 'answered' | 'host-trouble' | 'host-trouble-final' | 'server-again' | 'aborted';

export function verdict(outcome: AttemptOutcome): Verdict {
  if (outcome.ok) return 'ok';
  const error = outcome.error;
  switch (error.kind) {
    case 'aborted':
      return 'aborted';
    case 'rate-limited':
    case 'network':
      return 'host-trouble';
    case 'timeout':
      return 'host-trouble-final';
    case 'server':
      return error.status === 500 ? 'server-again' : 'host-trouble';
    default:
      return 'answered';
  }
}

/** Whether a request that can wait until `deadline` should keep waiting for its host. */
export const stillWaiting = (state: HostState, deadline: number) => state.pausedUntil <= deadline;

/**
 * What a caller gets back once the gate is done: the sentence ("Wait about 6 s
 * and try again"), not a `retryAfterMs` to start a retry loop of its own on top
 * of the gate's (issue 21: a person's search is asked again by the gate only).
 */
export function finalError(error: ApiError): ApiError {
  if (error.kind !== 'rate-limited' || error.retryAfterMs === undefined) return error;
  const { retryAfterMs: _wait, ...rest } = error;
  return rest;
}

/**
 * The error a request ends with when its host is paused longer than it can
 * wait: what the host last said, saying how long the wait still is.
 */
export function slowDown(state: HostState, error: ApiError | undefined, now: number): ApiError {
  const left = Math.max(0, state.pausedUntil - now);
  if (!error || error.kind === 'rate-limited') return finalError(errorFromStatus(429, '', '', left));
  return error;
}
