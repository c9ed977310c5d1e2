import type { ApiError } from '../api/errors';
import { isPaused, type HostState } from './host-backoff';
import { retryPlan, type GateRequest, type Priority } from './gate-rules';
import type { TokenBucket } from './token-bucket';

// The requests waiting in the traffic gate, and which one goes next.

export interface Waiting {
  /** Arrival order; a request asked again keeps its first place. */
  seq: number;
  host: string;
  request: GateRequest;
  /** The latest its caller can still use it (epoch ms). */
  deadline: number;
  lastError?: ApiError;
  go(): void;
  fail(error: ApiError): void;
}

export const ABORTED: ApiError = { kind: 'aborted', message: 'The search was cancelled.' };
export const priorityOf = (r: GateRequest): Priority => r.priority ?? 'interactive';
const aborted = (r: GateRequest) => Boolean(r.signal?.aborted || r.waitSignal?.aborted);

/** What the queue needs to know of the hosts and the budget. */
export interface Capacity {
  state(host: string): HostState;
  /** Whether `host` takes one more request in flight. */
  hasRoom(host: string): boolean;
  bucket: TokenBucket;
}

/** The request to send now, by priority then arrival; or when to look again. */
export function pickNext(waiting: readonly Waiting[], now: number, capacity: Capacity): { pick?: Waiting; wakeAt: number } {
  let wakeAt = Infinity;
  let best: Waiting | undefined;
  const rank = (w: Waiting) => retryPlan(priorityOf(w.request)).rank;
  for (const w of waiting) {
    const state = capacity.state(w.host);
    if (isPaused(state, now)) {
      wakeAt = Math.min(wakeAt, state.pausedUntil);
      continue;
    }
    if (!capacity.hasRoom(w.host)) continue;
    if (!best || rank(w) < rank(best) || (rank(w) === rank(best) && w.seq < best.seq)) best = w;
  }
  if (!best) return { wakeAt };
  const wait = capacity.bucket.waitMs(now, retryPlan(priorityOf(best.request)).reserve);
  return wait > 0 ? { wakeAt: Math.min(wakeAt, now + wait) } : { pick: best, wakeAt };
}

/**
 * Puts a request in `waiting` until the gate lets it go (true) or it ends
 * without going (the error): aborted, or dropped by `fail`.
 */
export function enqueue(waiting: Waiting[], entry: Omit<Waiting, 'go' | 'fail'>, pump: () => void): Promise<true | ApiError> {
  const { request } = entry;
  if (aborted(request)) return Promise.resolve(ABORTED);
  return new Promise((resolve) => {
    const leave = (result: true | ApiError) => {
      request.signal?.removeEventListener('abort', onAbort);
      request.waitSignal?.removeEventListener('abort', onAbort);
      const i = waiting.indexOf(waiter);
      if (i >= 0) waiting.splice(i, 1);
      resolve(result);
    };
    const onAbort = () => {
      leave(ABORTED);
      pump();
    };
    const waiter: Waiting = { ...entry, go: () => leave(true), fail: (error) => leave(error) };
    request.signal?.addEventListener('abort', onAbort, { once: true });
    request.waitSignal?.addEventListener('abort', onAbort, { once: true });
    waiting.push(waiter);
    pump();
  });
}
