import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { AttemptOutcome } from '../api/client';
import type { ApiError } from '../api/errors';
import { BURST } from './token-bucket';
import type { GateRequest } from './gate-rules';
import { createTrafficGate } from './traffic-gate';

const HOST = 'api.convoso.com';
const T0 = Date.UTC(2026, 2, 2, 15, 0, 0);
const OK: AttemptOutcome = { ok: true, page: { offset: 0, limit: 1, total: 0, results: [] } };
const tooMany = (seconds?: number): AttemptOutcome => {
  const retryAfterMs = seconds === undefined ? undefined : seconds * 1000;
  const error: ApiError = { kind: 'rate-limited', status: 429, ...(retryAfterMs !== undefined && { retryAfterMs }), message: 'Slow down.' };
  return { ok: false, error, ...(retryAfterMs !== undefined && { retryAfterMs }) };
};
const unavailable: AttemptOutcome = { ok: false, error: { kind: 'server', status: 503, excerpt: '', message: 'Down.' } };

/** Convoso as these tests play it: each request is recorded (time since T0, label) and answered after `latency`. */
function convoso(answer: (n: number, label: string) => AttemptOutcome = () => OK, latency = 100) {
  const sent: { at: number; label: string }[] = [];
  const attempt = (label: string) => () => {
    sent.push({ at: Date.now() - T0, label });
    const n = sent.length;
    return new Promise<AttemptOutcome>((resolve) => setTimeout(() => resolve(answer(n, label)), latency));
  };
  return { sent, attempt };
}

/** Moves the fake clock on until `promise` settles. */
async function settle<T>(promise: Promise<T>, maxMs = 20 * 60_000): Promise<T> {
  let done = false;
  void promise.finally(() => (done = true));
  for (let t = 0; !done && t < maxMs; t += 100) await vi.advanceTimersByTimeAsync(100);
  return promise;
}

beforeEach(() => {
  fakeBrowser.reset();
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('the traffic gate: budget', () => {
  it('sends a burst, then about one a second, never more than 5 in a second', async () => {
    const gate = createTrafficGate();
    const api = convoso();
    const all = Array.from({ length: 100 }, (_, i) => gate.run(HOST, { priority: 'bulk', maxWaitMs: 10 * 60_000 }, api.attempt(`r${i}`)));
    await vi.advanceTimersByTimeAsync(60_000);
    const inMinute = api.sent.filter((s) => s.at < 60_000);
    expect(inMinute.length).toBeLessThanOrEqual(BURST + 60);
    for (let i = 5; i < inMinute.length; i++) expect(inMinute[i]!.at - inMinute[i - 5]!.at).toBeGreaterThanOrEqual(1000);
    await vi.advanceTimersByTimeAsync(60_000);
    expect((await Promise.all(all)).every((r) => r.ok)).toBe(true);
  });

  it('keeps 4 requests in flight at most', async () => {
    const gate = createTrafficGate();
    let open = 0;
    let most = 0;
    const slow = () => {
      open++;
      most = Math.max(most, open);
      return new Promise<AttemptOutcome>((resolve) => setTimeout(() => (open--, resolve(OK)), 5_000));
    };
    const all = Array.from({ length: 12 }, () => gate.run(HOST, {}, slow));
    await vi.advanceTimersByTimeAsync(60_000);
    await Promise.all(all);
    expect(most).toBe(4);
  });
});

describe('the traffic gate: priorities', () => {
  it('sends what a person looks at before chips, chips before exports, exports before background refreshes', async () => {
    const gate = createTrafficGate();
    const api = convoso();
    // Drain the burst so that everything after this waits in the queue.
    const filler = Array.from({ length: BURST }, (_, i) => gate.run(HOST, { priority: 'interactive' }, api.attempt(`fill${i}`)));
    const order = ['background', 'bulk', 'chips', 'interactive'] as const;
    const rest = order.map((priority) => gate.run(HOST, { priority }, api.attempt(priority)));
    await vi.advanceTimersByTimeAsync(30_000);
    await Promise.all([...filler, ...rest]);
    expect(api.sent.slice(BURST).map((s) => s.label)).toEqual(['interactive', 'chips', 'bulk', 'background']);
  });

  it('reads a waiting request’s priority when it picks: a request moved up goes first', async () => {
    const gate = createTrafficGate();
    const api = convoso();
    const filler = Array.from({ length: BURST }, (_, i) => gate.run(HOST, {}, api.attempt(`fill${i}`)));
    let promoted = false;
    const request: GateRequest = {
      get priority() {
        return promoted ? 'interactive' : 'background';
      },
    };
    const chips = gate.run(HOST, { priority: 'chips' }, api.attempt('chips'));
    const late = gate.run(HOST, request, api.attempt('promoted'));
    promoted = true;
    await vi.advanceTimersByTimeAsync(30_000);
    await Promise.all([...filler, chips, late]);
    expect(api.sent.slice(BURST).map((s) => s.label)).toEqual(['promoted', 'chips']);
  });
});

describe('the traffic gate: one shared backoff per host', () => {
  it('after a 429 with Retry-After: 6, no request of any kind goes before the 6 s are over', async () => {
    const gate = createTrafficGate();
    const api = convoso((n) => (n === 1 ? tooMany(6) : OK));
    const first = gate.run(HOST, { priority: 'interactive' }, api.attempt('first'));
    await vi.advanceTimersByTimeAsync(100);
    const others = (['chips', 'bulk', 'background', 'interactive'] as const).map((priority) => gate.run(HOST, { priority }, api.attempt(priority)));
    await vi.advanceTimersByTimeAsync(30_000);
    await Promise.all([first, ...others]);
    const after = api.sent.slice(1).map((s) => s.at);
    expect(after.length).toBe(5);
    expect(Math.min(...after)).toBeGreaterThanOrEqual(100 + 6000);
  });

  it('a 503 without Retry-After pauses the host too, longer after each failure in a row', async () => {
    const gate = createTrafficGate();
    const api = convoso((n) => (n <= 4 ? unavailable : OK));
    const results = [gate.run(HOST, { priority: 'bulk' }, api.attempt('a')), gate.run(HOST, { priority: 'bulk' }, api.attempt('b'))];
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    await Promise.all(results);
    const gaps = api.sent.slice(1).map((s, i) => s.at - api.sent[i]!.at);
    expect(gaps[2]!).toBeGreaterThan(gaps[0]!);
  });

  it('holds the pause across a restart of the service worker (storage.session)', async () => {
    const before = createTrafficGate();
    await settle(before.run(HOST, { priority: 'background' }, convoso(() => tooMany(6)).attempt('before')));
    await vi.advanceTimersByTimeAsync(10);
    const after = createTrafficGate();
    // A page that opens now learns of the pause, before any request.
    expect(await after.pausedUntil()).toBeGreaterThan(Date.now());
    const next = after.run(HOST, { priority: 'interactive' }, convoso().attempt('after'));
    let done = false;
    void next.then(() => (done = true));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(done).toBe(false);
    // Retry-After 6 s, spread by up to a fifth (1.2 s) at random: over by 8 s at the latest.
    await vi.advanceTimersByTimeAsync(3_000);
    expect(done).toBe(true);
  });

  it('opens slowly after failures in a row: one request alone, then more', async () => {
    const gate = createTrafficGate();
    let open = 0;
    const inFlight: number[] = [];
    let failing = 2;
    const attempt = () => {
      open++;
      inFlight.push(open);
      const outcome = failing-- > 0 ? unavailable : OK;
      return new Promise<AttemptOutcome>((resolve) => setTimeout(() => (open--, resolve(outcome)), 1_000));
    };
    await settle(gate.run(HOST, { priority: 'background' }, attempt));
    await settle(gate.run(HOST, { priority: 'background' }, attempt));
    const many = Array.from({ length: 8 }, () => gate.run(HOST, { priority: 'bulk', maxWaitMs: 10 * 60_000 }, attempt));
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    await Promise.all(many);
    // The probe went alone; the host then took 2, then 3 at once.
    expect(inFlight.slice(2, 4)).toEqual([1, 1]);
    expect(Math.max(...inFlight.slice(2))).toBeGreaterThan(1);
  });

  it('tells the pages when a pause starts and when it ends', async () => {
    // No spread added to Retry-After: the pause ends when Convoso said.
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const gate = createTrafficGate();
    const told: (number | null)[] = [];
    gate.onPause((until) => told.push(until));
    const api = convoso((n) => (n === 1 ? tooMany(6) : OK));
    await settle(gate.run(HOST, { priority: 'background' }, api.attempt('x')));
    expect(told).toEqual([T0 + 100 + 6000]);
    expect(await gate.pausedUntil()).toBe(T0 + 100 + 6000);
    await vi.advanceTimersByTimeAsync(6_000);
    expect(told).toEqual([T0 + 6100, null]);
    expect(await gate.pausedUntil()).toBeNull();
  });
});

describe('the traffic gate: no stacked retries', () => {
  it('a search against an API that always answers 429 sends at most 3 requests, then gives the error, without a timer to start another loop', async () => {
    const gate = createTrafficGate();
    const api = convoso(() => tooMany(2));
    const result = gate.run(HOST, { priority: 'interactive' }, api.attempt('search'));
    await vi.advanceTimersByTimeAsync(30_000);
    const outcome = await result;
    expect(outcome).toMatchObject({ ok: false, error: { kind: 'rate-limited' } });
    expect(outcome.ok ? {} : outcome.error).not.toHaveProperty('retryAfterMs');
    expect(outcome).not.toHaveProperty('retryAfterMs');
    expect(api.sent.length).toBe(3);
  });

  it('does not ask background refreshes again (their own schedule does)', async () => {
    const gate = createTrafficGate();
    const failing = convoso(() => unavailable);
    await settle(gate.run(HOST, { priority: 'background' }, failing.attempt('count')));
    expect(failing.sent).toHaveLength(1);
  });

  it('asks once more after an HTTP 500, without pausing the host', async () => {
    const other = createTrafficGate();
    const broken = convoso(() => ({ ok: false, error: { kind: 'server', status: 500, excerpt: '', message: 'Bug.' } }));
    await settle(other.run('other.example', { priority: 'interactive' }, broken.attempt('x')));
    expect(broken.sent).toHaveLength(2);
    expect(await other.pausedUntil()).toBeNull();
  });

  it('a request whose caller cannot wait out the pause ends at once, unsent, saying how long is left', async () => {
    const gate = createTrafficGate();
    const api = convoso(() => tooMany(120));
    await settle(gate.run(HOST, { priority: 'background' }, api.attempt('first')));
    const badge = await gate.run(HOST, { priority: 'interactive', maxWaitMs: 20_000 }, api.attempt('badge'));
    expect(badge).toMatchObject({ ok: false, error: { kind: 'rate-limited', message: expect.stringMatching(/Wait about 1\d\d s and try again\.$/) } });
    expect(api.sent.map((s) => s.label)).toEqual(['first']);
  });
});

describe('the traffic gate: leaving the queue', () => {
  it('an abort removes a waiting request at once; it is never sent', async () => {
    const gate = createTrafficGate();
    const api = convoso((n) => (n === 1 ? tooMany(10) : OK));
    await settle(gate.run(HOST, { priority: 'background' }, api.attempt('first')));
    const controller = new AbortController();
    const waiting = gate.run(HOST, { signal: controller.signal }, api.attempt('cancelled'));
    await vi.advanceTimersByTimeAsync(1_000);
    controller.abort();
    expect(await waiting).toMatchObject({ ok: false, error: { kind: 'aborted' } });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(api.sent.map((s) => s.label)).toEqual(['first']);
  });

  it('waitSignal removes a request while it waits, but not once it is sent', async () => {
    const gate = createTrafficGate();
    const api = convoso(() => OK, 1_000);
    const first = new AbortController();
    const sent = gate.run(HOST, { waitSignal: first.signal }, api.attempt('sent'));
    await vi.advanceTimersByTimeAsync(10);
    first.abort();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await sent).toEqual(OK);
  });
});
