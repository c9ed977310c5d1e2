import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createLeadLookups, type GetOptions, type LeadLookups, type LeadReply } from '../lead-lookups';
import { CONNECTION_EPOCH_KEY, createLeadSearch, createLeadSummaryHandlers, resetLeadsOnConnectionChange } from './lead-summary';
import { writeArea } from '../../settings/sealed';
import { installFakeScripting } from '../../sites/fake-scripting';

const TOKEN = 'test-token-not-real-0001';

const summary = (leadId: string) => ({
  leadId, total: 0, shown: 0, urgency: 'empty' as const, next: null, overdue: 0, callbacks: [],
});

function fakeLookups(): LeadLookups & { get: ReturnType<typeof vi.fn>; clear: ReturnType<typeof vi.fn> } {
  const get = vi.fn(async (leadId: string, _options?: GetOptions): Promise<LeadReply> =>
    leadId === '13' ? { ok: false, error: { kind: 'no-token', message: 'Set up' } } : { ok: true, summary: summary(leadId) },
  );
  return {
    get,
    getMany: async (ids, options) => Object.fromEntries(await Promise.all(ids.map(async (id) => [id, await get(id, options)]))),
    clear: vi.fn(async () => {}),
  };
}

describe('createLeadSummaryHandlers', () => {
  it("answers 'lead-summary' with the lookup's reply", async () => {
    const lookups = fakeLookups();
    const handlers = createLeadSummaryHandlers(lookups);
    expect(await handlers['lead-summary']({ type: 'lead-summary', leadId: '42' })).toEqual({ ok: true, summary: summary('42') });
    expect(await handlers['lead-summary']({ type: 'lead-summary', leadId: '13' })).toMatchObject({ ok: false, error: { kind: 'no-token' } });
  });

  it.each([
    ['a first question', {}, { afterRefresh: false }],
    ['the follow-up to a refreshing reply', { afterRefresh: true as const }, { afterRefresh: true }],
  ])('passes afterRefresh on for %s', async (_label, extra, expected) => {
    const lookups = fakeLookups();
    const handlers = createLeadSummaryHandlers(lookups);
    await handlers['lead-summary']({ type: 'lead-summary', leadId: '42', ...extra });
    expect(lookups.get).toHaveBeenLastCalledWith('42', expected);
    await handlers['lead-summaries']({ type: 'lead-summaries', leadIds: ['7'], ...extra });
    expect(lookups.get).toHaveBeenLastCalledWith('7', expected);
  });

  it("answers 'lead-summaries' per lead, errors included", async () => {
    const handlers = createLeadSummaryHandlers(fakeLookups());
    const reply = await handlers['lead-summaries']({ type: 'lead-summaries', leadIds: ['1', '13'] });
    expect(reply).toEqual({
      ok: true,
      summaries: { '1': { ok: true, summary: summary('1') }, '13': { ok: false, error: { kind: 'no-token', message: 'Set up' } } },
    });
  });
});

describe('createLeadSearch', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    // Non-default API hosts the user saved and the browser granted.
    installFakeScripting().granted = new Set(['http://localhost/*', 'https://api.example.test/*']);
  });

  it("answers 'no-token' and sends nothing before the extension is set up", async () => {
    const fetch = vi.fn();
    const search = createLeadSearch({ fetch: fetch as unknown as typeof globalThis.fetch });
    expect(await search('42')).toMatchObject({ ok: false, error: { kind: 'no-token' } });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('searches the lead with limit 100 on the saved connection', async () => {
    await writeArea('local', { token: TOKEN, apiBaseUrl: 'https://api.example.test/v1' });
    const urls: string[] = [];
    const fetch = vi.fn(async (url: string | URL | Request) => {
      urls.push(String(url));
      return new Response(JSON.stringify({ success: true, data: { offset: 0, limit: 100, total: 0, results: [] } }), {
        headers: { 'content-type': 'application/json' },
      });
    });
    const search = createLeadSearch({ fetch: fetch as unknown as typeof globalThis.fetch });
    expect(await search('42')).toMatchObject({ ok: true, page: { total: 0, results: [] } });
    const url = new URL(urls[0]!);
    expect(url.origin + url.pathname).toBe('https://api.example.test/v1/callbacks/search');
    expect(url.searchParams.get('lead_id')).toBe('42');
    expect(url.searchParams.get('limit')).toBe('100');
  });

  it("reads Convoso's 'no record' answer (6001) as a lead without callbacks", async () => {
    await writeArea('local', { token: TOKEN });
    const fetch = vi.fn(async () => new Response(JSON.stringify({ success: false, code: 6001, text: 'No record found' }), { status: 200 }));
    const lookups = createLeadLookups({ search: createLeadSearch({ fetch: fetch as unknown as typeof globalThis.fetch }), persist: null });
    expect(await lookups.get('42')).toMatchObject({ ok: true, summary: { leadId: '42', total: 0, urgency: 'empty' } });
  });
});

describe('resetLeadsOnConnectionChange', () => {
  beforeEach(() => fakeBrowser.reset());

  it.each([
    ['the token', { token: TOKEN }],
    ['the API address', { apiBaseUrl: 'https://api.example.test/v1' }],
  ])('clears the lookups and bumps the epoch when %s changes', async (_label, change) => {
    const lookups = fakeLookups();
    const stop = resetLeadsOnConnectionChange(lookups);
    await writeArea('local', change);
    await vi.waitFor(async () => expect((await fakeBrowser.storage.local.get('connectionEpoch')).connectionEpoch).toBe(1));
    expect(lookups.clear).toHaveBeenCalledTimes(1);
    expect(CONNECTION_EPOCH_KEY).toBe('local:connectionEpoch');
    stop();
    await writeArea('local', { token: 'test-token-not-real-0002' });
    await new Promise((r) => setTimeout(r, 10));
    expect(lookups.clear).toHaveBeenCalledTimes(1);
  });

  it('does not react to other settings', async () => {
    const lookups = fakeLookups();
    const stop = resetLeadsOnConnectionChange(lookups);
    await writeArea('local', { pageSize: 50, badgePositions: {} });
    await new Promise((r) => setTimeout(r, 10));
    expect(lookups.clear).not.toHaveBeenCalled();
    stop();
  });
});
