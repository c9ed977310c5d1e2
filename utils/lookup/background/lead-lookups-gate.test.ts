import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { localTokenSetting } from '../../connection/settings';
import { testConvoso } from '../../../tests/support/convoso';
import { BURST } from '../../core/gateway/token-bucket';
import { createLeadLookups } from './lead-lookups';
import { LEAD_MAX_WAIT_MS, createLeadSearch } from './lead-search';

// The lookups over the real traffic gate (utils/core/gateway): the order their
// searches reach Convoso, and how they wait when Convoso says slow down.

const T0 = Date.UTC(2026, 2, 2, 15, 0, 0);
const empty = () => new Response(JSON.stringify({ success: true, data: { offset: 0, limit: 100, total: 0, results: [] } }), { status: 200 });
const tooMany = (seconds: number) => new Response('<h1>429</h1>', { status: 429, headers: { 'retry-after': String(seconds) } });

/** Convoso as these tests play it: each request's lead and time, answered after 100 ms. */
function api(answer: (n: number) => Response = empty) {
  const sent: { lead: string; at: number }[] = [];
  const fetch = vi.fn(async (url: string | URL | Request) => {
    sent.push({ lead: new URL(String(url)).searchParams.get('lead_id') ?? '', at: Date.now() - T0 });
    const n = sent.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    return answer(n);
  }) as unknown as typeof globalThis.fetch;
  return { sent, fetch };
}

/** Moves the fake clock on (letting the real event loop run the crypto of sealed settings) until `promise` settles. */
async function settle<T>(promise: Promise<T>, maxMs = 10 * 60_000): Promise<T> {
  let done = false;
  void promise.finally(() => (done = true));
  for (let t = 0; !done && t < maxMs; t += 50) {
    await new Promise((resolve) => setImmediate(resolve));
    await vi.advanceTimersByTimeAsync(50);
  }
  return promise;
}

beforeEach(async () => {
  fakeBrowser.reset();
  vi.useFakeTimers({ now: T0, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  await localTokenSetting.set('test-token-not-real-0001');
});
afterEach(() => vi.useRealTimers());

describe('lead lookups through the traffic gate', () => {
  it('searches the lead with limit 100 on the saved connection', async () => {
    const { fetch } = api();
    const urls: string[] = [];
    const recording = vi.fn(async (url: string | URL | Request, init?: RequestInit) => (urls.push(String(url)), fetch(url, init))) as unknown as typeof globalThis.fetch;
    await settle(createLeadSearch(testConvoso(), { fetch: recording })('42', { signal: new AbortController().signal, waitSignal: new AbortController().signal, priority: 'interactive' }));
    const url = new URL(urls[0]!);
    expect(url.searchParams.get('lead_id')).toBe('42');
    expect(url.searchParams.get('limit')).toBe('100');
  });

  it('a badge’s lead reaches Convoso before chips asked for earlier', async () => {
    const { sent, fetch } = api();
    const lookups = createLeadLookups({ search: createLeadSearch(testConvoso(), { fetch }) });
    const chips = lookups.getMany(Array.from({ length: 2 * BURST }, (_, i) => String(1000 + i)), { priority: 'inline', tabId: 3 });
    // The chips take the burst, less what is kept for the badge; the rest wait in the gate.
    for (let i = 0; i < 400 && sent.length < BURST - 3; i++) await settle(new Promise((resolve) => setTimeout(resolve, 50)));
    const before = sent.length;
    const badge = lookups.get('424242', { priority: 'badge', tabId: 4 });
    await settle(badge);
    expect(sent.findIndex((s) => s.lead === '424242')).toBeLessThanOrEqual(before + 1);
    await settle(chips);
    expect(sent).toHaveLength(2 * BURST + 1);
  });

  it('waits out Convoso’s pause in the gate, and gives up at once when the pause is longer than a badge waits', async () => {
    const short = api((n) => (n === 1 ? tooMany(2) : empty()));
    const lookups = createLeadLookups({ search: createLeadSearch(testConvoso(), { fetch: short.fetch }) });
    expect(await settle(lookups.get('42'))).toMatchObject({ ok: true });
    expect(short.sent.map((s) => s.at)[1]! - short.sent[0]!.at).toBeGreaterThanOrEqual(2_000);

    fakeBrowser.reset();
    await localTokenSetting.set('test-token-not-real-0001');
    const long = api(() => tooMany(LEAD_MAX_WAIT_MS / 1000 + 60));
    const others = createLeadLookups({ search: createLeadSearch(testConvoso(), { fetch: long.fetch }) });
    expect(await settle(others.get('43'))).toMatchObject({ ok: false, error: { kind: 'rate-limited' } });
    expect(await settle(others.get('44'))).toMatchObject({ ok: false, error: { kind: 'rate-limited' } });
    expect(long.sent.map((s) => s.lead)).toEqual(['43']);
  });

  it('a flood of invented rows stays within the browser’s budget, and nothing is sent after its tab closed', async () => {
    const { sent, fetch } = api();
    const lookups = createLeadLookups({ search: createLeadSearch(testConvoso(), { fetch }) });
    let next = 1;
    const replies: Promise<unknown>[] = [];
    // 200 new leads every 0.5 s for 10 s.
    for (let tick = 0; tick < 20; tick++) {
      for (let i = 0; i < 200; i++) replies.push(lookups.get(String(next++), { priority: 'inline', tabId: 9 }));
      await settle(new Promise((resolve) => setTimeout(resolve, 500)));
    }
    expect(sent.length).toBeLessThanOrEqual(BURST + 11);
    lookups.dropTab(9);
    const before = sent.length;
    await settle(Promise.all(replies));
    expect(sent.length - before).toBeLessThanOrEqual(1);
  });
});
