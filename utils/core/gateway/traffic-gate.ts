import type { ApiError } from '../api/errors';
import type { Attempt, AttemptOutcome } from '../api/client';
import { createHostStates } from './host-states';
import type { HostState } from './host-backoff';
import { createTokenBucket } from './token-bucket';
import { finalError, retryPlan, slowDown, stillWaiting, verdict, type GateRequest } from './gate-rules';
import { enqueue, pickNext, priorityOf, type Capacity, type Waiting } from './gate-queue';

// The one place every request to Convoso passes (issue 21). Requests wait
// here in order of priority for the browser's budget (token-bucket.ts) and for
// their host to take them (host-backoff.ts: one shared pause per host, slow
// reopening). The gate alone asks again; a request that would wait past what
// its caller can wait fails at once, without being sent.

export interface TrafficGate {
  run(host: string, request: GateRequest, attempt: Attempt): Promise<AttemptOutcome>;
  /** Until when Convoso asked the extension to wait (any host), or null; a restarted worker reads it back first. */
  pausedUntil(): Promise<number | null>;
  /** The administrator's requests per minute. */
  setRate(perMinute: number): void;
  /** Called when a pause starts, changes or ends (null). */
  onPause(cb: (pausedUntil: number | null) => void): void;
}

export function createTrafficGate(): TrafficGate {
  const bucket = createTokenBucket();
  const hosts = createHostStates();
  const waiting: Waiting[] = [];
  const inFlight = new Map<string, number>();
  const listeners: ((pausedUntil: number | null) => void)[] = [];
  let seq = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let announced: number | null = null;
  const capacity: Capacity = { state: hosts.get, hasRoom: (host) => (inFlight.get(host) ?? 0) < hosts.limit(host), bucket };

  function announce() {
    const now = Date.now();
    const until = hosts.pausedUntil(now);
    if (until === announced) return;
    announced = until;
    for (const cb of listeners) cb(until);
  }

  /** Requests whose caller cannot wait out their host's pause fail now, unsent. */
  function failHopeless(host: string, state: HostState) {
    for (const w of [...waiting]) if (w.host === host && !stillWaiting(state, w.deadline)) w.fail(slowDown(state, w.lastError ?? hosts.lastError(host), Date.now()));
  }

  function pump() {
    clearTimeout(timer);
    timer = undefined;
    for (;;) {
      const now = Date.now();
      const { pick, wakeAt } = pickNext(waiting, now, capacity);
      if (!pick) {
        // Also at the end of a pause nobody waits for: pages are told it ended.
        const until = Math.min(wakeAt, hosts.pausedUntil(now) ?? Infinity);
        if (Number.isFinite(until)) timer = setTimeout(pump, Math.max(1, until - now));
        announce();
        return;
      }
      waiting.splice(waiting.indexOf(pick), 1);
      inFlight.set(pick.host, (inFlight.get(pick.host) ?? 0) + 1);
      bucket.take(now);
      pick.go();
    }
  }

  /** Waits for the request's turn: true to send it now, or the error it ends with. */
  function turn(host: string, request: GateRequest, order: number, deadline: number, lastError?: ApiError): Promise<true | ApiError> {
    const state = hosts.get(host);
    if (!stillWaiting(state, deadline) && !request.signal?.aborted && !request.waitSignal?.aborted) return Promise.resolve(slowDown(state, lastError ?? hosts.lastError(host), Date.now()));
    return enqueue(waiting, { seq: order, host, request, deadline, ...(lastError && { lastError }) }, pump);
  }

  async function run(host: string, request: GateRequest, attempt: Attempt): Promise<AttemptOutcome> {
    await hosts.loaded();
    const plan = retryPlan(priorityOf(request));
    const order = seq++;
    const deadline = Date.now() + (request.maxWaitMs ?? plan.maxWaitMs);
    let retries = plan.retries;
    let serverAgain = 1;
    let lastError: ApiError | undefined;
    for (;;) {
      const go = await turn(host, request, order, deadline, lastError);
      if (go !== true) return { ok: false, error: go };
      const sentAt = Date.now();
      let outcome: AttemptOutcome;
      try {
        outcome = await attempt();
      } catch {
        outcome = { ok: false, error: { kind: 'network', message: "Couldn't reach Convoso. Check your internet connection and the API address in the options." } };
      } finally {
        inFlight.set(host, (inFlight.get(host) ?? 1) - 1);
      }
      const what = verdict(outcome);
      if (what === 'host-trouble' || what === 'host-trouble-final') {
        const state = hosts.failed(host, sentAt, outcome.ok ? undefined : outcome);
        failHopeless(host, state);
      } else if (what !== 'aborted') hosts.succeeded(host, sentAt);
      pump();
      if (outcome.ok) return outcome;
      const again = (what === 'host-trouble' && retries-- > 0) || (what === 'server-again' && serverAgain-- > 0);
      if (!again) return { ok: false, error: finalError(outcome.error) };
      lastError = outcome.error;
    }
  }

  hosts.onChange(() => {
    announce();
    pump();
  });
  // A pause a stopped worker left behind: its end is announced too.
  void hosts.loaded().then(pump);

  return {
    run,
    pausedUntil: async () => {
      await hosts.loaded();
      return hosts.pausedUntil(Date.now());
    },
    setRate: (perMinute) => {
      bucket.setRate(perMinute);
      pump();
    },
    onPause: (cb) => void listeners.push(cb),
  };
}
