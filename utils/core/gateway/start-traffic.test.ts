import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { AttemptOutcome } from '../api/client';
import { createTrafficGate } from './traffic-gate';
import { startTraffic } from './start-traffic';

const T0 = Date.UTC(2026, 2, 2, 15);
const tooMany: AttemptOutcome = { ok: false, error: { kind: 'rate-limited', status: 429, retryAfterMs: 6000, message: 'Slow down.' }, retryAfterMs: 6000 };

beforeEach(() => {
  fakeBrowser.reset();
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('startTraffic', () => {
  it('tells the extension’s pages when Convoso asks to slow down, and when requests go again; a page that opens meanwhile can ask', async () => {
    const sent = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue(undefined);
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const gate = createTrafficGate();
    const [status] = startTraffic(gate);
    await gate.run('api.convoso.com', { priority: 'background' }, async () => tooMany);
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toHaveBeenCalledWith({ type: 'traffic', pausedUntil: T0 + 6000 });
    expect(await status!.handle({ type: 'traffic-status' } as never, {})).toEqual({ ok: true, pausedUntil: T0 + 6000 });
    await vi.advanceTimersByTimeAsync(6000);
    expect(sent).toHaveBeenLastCalledWith({ type: 'traffic', pausedUntil: null });
    expect(await status!.handle({ type: 'traffic-status' } as never, {})).toEqual({ ok: true, pausedUntil: null });
  });

  it('applies the administrator’s request budget', async () => {
    await fakeBrowser.storage.managed.set({ requestsPerMinute: 6 });
    const gate = createTrafficGate();
    const setRate = vi.spyOn(gate, 'setRate');
    startTraffic(gate);
    await vi.waitFor(() => expect(setRate).toHaveBeenCalledWith(6));
  });

  it('a notice with no page open to hear it is no error', async () => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockRejectedValue(new Error('Could not establish connection. Receiving end does not exist.'));
    const gate = createTrafficGate();
    startTraffic(gate);
    await gate.run('api.convoso.com', { priority: 'background' }, async () => tooMany);
    await vi.advanceTimersByTimeAsync(7000);
  });
});
