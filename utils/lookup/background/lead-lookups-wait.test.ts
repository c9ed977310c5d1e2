import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { SearchPage } from '../../core/api/model';
import { writeArea } from '../../../tests/support/sealed-areas';
import { createLeadSearch, LEAD_MAX_WAIT_MS } from './lead-summary';
import { createLeadLookups, type LeadSearch } from './lead-lookups';
import { testConvoso } from '../../../tests/support/convoso';

// Issue 8, item 7: a badge waiting out a 429 must not hold one of the few
// concurrency slots meanwhile, and the wait has a ceiling.

const empty = (): SearchPage => ({ offset: 0, limit: 100, total: 0, results: [] });
const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('lead lookups and Retry-After', () => {
  it('a lookup waiting out a Retry-After frees its slot for other leads, then takes one again', async () => {
    let endWait!: () => void;
    const started: string[] = [];
    const search: LeadSearch = async (leadId, _signal, outsideSlot) => {
      started.push(leadId);
      if (leadId === '1') await outsideSlot!(new Promise<void>((resolve) => (endWait = resolve)));
      return { ok: true, page: empty() };
    };
    const lookups = createLeadLookups({ search, persist: null, concurrency: 1 });
    const first = lookups.get('1');
    await flush();
    // With one slot, lead 2 runs only because lead 1 is waiting outside it.
    const second = await lookups.get('2');
    expect(second.ok).toBe(true);
    expect(started).toEqual(['1', '2']);
    endWait();
    expect((await first).ok).toBe(true);
  });

  it('a lookup that ends before its wait does (an abort) neither leaks a slot nor lets two run in one', async () => {
    const waits: (() => void)[] = [];
    const finish = new Map<string, () => void>();
    const started: string[] = [];
    const search: LeadSearch = async (leadId, _signal, outsideSlot) => {
      started.push(leadId);
      if (leadId === '1') {
        // The client stops at once on abort while the sleep it started ends later.
        void outsideSlot!(new Promise<void>((resolve) => waits.push(resolve)));
        return { ok: false, error: { kind: 'aborted', message: 'cancelled' } };
      }
      await new Promise<void>((resolve) => finish.set(leadId, resolve));
      return { ok: true, page: empty() };
    };
    const lookups = createLeadLookups({ search, persist: null, concurrency: 1 });
    await lookups.get('1');
    const third = lookups.get('3');
    const fifth = lookups.get('5');
    await flush();
    expect(started).toEqual(['1', '3']);
    waits.forEach((end) => end());
    await flush();
    expect(started).toEqual(['1', '3']);
    finish.get('3')!();
    expect((await third).ok).toBe(true);
    await vi.waitFor(() => expect(finish.has('5')).toBe(true));
    finish.get('5')!();
    expect((await fifth).ok).toBe(true);
    // And a slot is still there afterwards.
    const sixth = lookups.get('6');
    await vi.waitFor(() => expect(finish.has('6')).toBe(true));
    finish.get('6')!();
    expect((await sixth).ok).toBe(true);
  });

  it('the lead search waits out a 429 through outsideSlot, within LEAD_MAX_WAIT_MS in all', async () => {
    fakeBrowser.reset();
    await writeArea('local', { token: 'test-token-not-real-0001' });
    const responses = [
      new Response('', { status: 429, headers: { 'Retry-After': '2' } }),
      new Response(JSON.stringify({ success: true, data: { offset: 0, limit: 100, total: 0, results: [] } }), { status: 200 }),
    ];
    const fetch = vi.fn(async () => responses.shift()!);
    const sleeps: number[] = [];
    let outsideCalls = 0;
    const outside = <T,>(wait: Promise<T>) => {
      outsideCalls++;
      return wait;
    };
    const search = createLeadSearch(testConvoso(), { fetch: fetch as unknown as typeof globalThis.fetch, sleep: async (ms) => void sleeps.push(ms) });
    expect(await search('42', undefined, outside)).toMatchObject({ ok: true });
    expect(sleeps).toEqual([2000]);
    expect(outsideCalls).toBe(1);

    const limited = vi.fn(async () => new Response('', { status: 429, headers: { 'Retry-After': '3600' } }));
    const capped = createLeadSearch(testConvoso(), { fetch: limited as unknown as typeof globalThis.fetch, sleep: async (ms) => void sleeps.push(ms) });
    expect(await capped('42')).toMatchObject({ ok: false, error: { kind: 'rate-limited' } });
    expect(sleeps.slice(1).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(LEAD_MAX_WAIT_MS);
  });
});

beforeEach(() => fakeBrowser.reset());
