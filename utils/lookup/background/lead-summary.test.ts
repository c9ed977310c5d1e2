import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createLeadLookups, type GetOptions, type LeadLookups, type LeadReply } from './lead-lookups';
import type { Browser } from 'wxt/browser';
import {
  BADGE_LEADS_PER_MINUTE,
  CONNECTION_EPOCH_KEY,
  INLINE_LEADS_PER_10_MINUTES,
  createLeadBudgets,
  createLeadSearch,
  createLeadSummaryHandlers,
  dropLookupsOfGoneTabs,
  resetLeadsOnConnectionChange,
} from './lead-summary';
import { writeArea } from '../../../tests/support/sealed-areas';
import { installFakeScripting } from '../../../tests/support/fake-scripting';
import { testConvoso } from '../../../tests/support/convoso';
import { watchConnection } from '../../connection/account';

const TOKEN = 'test-token-not-real-0001';

const summary = (leadId: string) => ({
  leadId, total: 0, shown: 0, urgency: 'empty' as const, next: null, overdue: 0, callbacks: [],
});

function fakeLookups(): LeadLookups & { get: ReturnType<typeof vi.fn>; clear: ReturnType<typeof vi.fn>; dropTab: ReturnType<typeof vi.fn> } {
  const get = vi.fn(async (leadId: string, _options?: GetOptions): Promise<LeadReply> =>
    leadId === '13' ? { ok: false, error: { kind: 'no-token', message: 'Set up' } } : { ok: true, summary: summary(leadId) },
  );
  return {
    get,
    getMany: async (ids, options) => Object.fromEntries(await Promise.all(ids.map(async (id) => [id, await get(id, options)]))),
    clear: vi.fn(async () => {}),
    dropTab: vi.fn((_tabId: number) => {}),
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
    expect(lookups.get).toHaveBeenLastCalledWith('42', { ...expected, priority: 'badge' });
    await handlers['lead-summaries']({ type: 'lead-summaries', leadIds: ['7'], ...extra });
    expect(lookups.get).toHaveBeenLastCalledWith('7', { ...expected, priority: 'inline' });
  });

  it("answers 'lead-summaries' per lead, errors included", async () => {
    const handlers = createLeadSummaryHandlers(fakeLookups());
    const reply = await handlers['lead-summaries']({ type: 'lead-summaries', leadIds: ['1', '13'] });
    expect(reply).toEqual({
      ok: true,
      summaries: { '1': { ok: true, summary: summary('1') }, '13': { ok: false, error: { kind: 'no-token', message: 'Set up' } } },
    });
  });

  it('starts reading the saved connection as a lead question comes in, before the mode is known', async () => {
    const lookups = fakeLookups();
    let modeKnown!: (mode: 'badge') => void;
    const prepare = vi.fn();
    const handlers = createLeadSummaryHandlers(lookups, createLeadBudgets(), () => new Promise((resolve) => (modeKnown = resolve)), prepare);
    const sender = { id: 'x', url: 'https://crm.example/lead?lead_id=42', tab: { id: 4 } } as Browser.runtime.MessageSender;
    const reply = handlers['lead-summary']({ type: 'lead-summary', leadId: '42' }, sender);
    expect(prepare).toHaveBeenCalledTimes(1);
    expect(lookups.get).not.toHaveBeenCalled();
    modeKnown('badge');
    expect(await reply).toEqual({ ok: true, summary: summary('42') });
  });
});

describe('the site’s mode, checked against the sender’s address (content scripts ask before they know it)', () => {
  const page = (url: string) => ({ id: 'x', url, tab: { id: 4 } }) as Browser.runtime.MessageSender;
  const modeOf = async (href: string) => (href.startsWith('https://off.example/') ? ('off' as const) : ('badge' as const));

  it('refuses a lead question from a page of a site switched off, without a lookup', async () => {
    const lookups = fakeLookups();
    const handlers = createLeadSummaryHandlers(lookups, createLeadBudgets(), modeOf);
    expect(await handlers['lead-summary']({ type: 'lead-summary', leadId: '42' }, page('https://off.example/lead?lead_id=42'))).toMatchObject({
      ok: false,
      error: { kind: 'refused' },
    });
    const many = await handlers['lead-summaries']({ type: 'lead-summaries', leadIds: ['1', '2'] }, page('https://off.example/list'));
    expect(many).toMatchObject({ ok: true, summaries: { '1': { ok: false, error: { kind: 'refused' } }, '2': { ok: false } } });
    expect(lookups.get).not.toHaveBeenCalled();
  });

  it('answers a page of a site that is on, and the extension’s own pages whatever their address', async () => {
    const lookups = fakeLookups();
    const handlers = createLeadSummaryHandlers(lookups, createLeadBudgets(), modeOf);
    expect(await handlers['lead-summary']({ type: 'lead-summary', leadId: '42' }, page('https://on.example/lead?lead_id=42'))).toMatchObject({ ok: true });
    expect(await handlers['lead-summary']({ type: 'lead-summary', leadId: '43' }, { id: 'x', url: 'chrome-extension://x/search.html' })).toMatchObject({ ok: true });
    expect(lookups.get).toHaveBeenCalledTimes(2);
  });
});

describe('per-tab lead budgets (issue 8, items 2 and 3)', () => {
  const page = (tabId: number) => ({ tab: { id: tabId } as Browser.tabs.Tab, url: 'https://crm.example.com/lead', frameId: 0 });

  it('a tab switching its badge to an 11th distinct lead within a minute is paused; repeats and other tabs are not', async () => {
    let now = 0;
    const lookups = fakeLookups();
    const handlers = createLeadSummaryHandlers(lookups, createLeadBudgets(() => now));
    for (let id = 1; id <= BADGE_LEADS_PER_MINUTE; id++) {
      expect(await handlers['lead-summary']({ type: 'lead-summary', leadId: String(id) }, page(1))).toMatchObject({ ok: true });
    }
    expect(await handlers['lead-summary']({ type: 'lead-summary', leadId: '11' }, page(1))).toMatchObject({ ok: false, error: { kind: 'paused' } });
    expect(lookups.get).not.toHaveBeenCalledWith('11', expect.anything());
    expect(await handlers['lead-summary']({ type: 'lead-summary', leadId: '3', afterRefresh: true }, page(1))).toMatchObject({ ok: true });
    expect(await handlers['lead-summary']({ type: 'lead-summary', leadId: '11' }, page(2))).toMatchObject({ ok: true });
    // Extension pages (no tab) have no budget.
    expect(await handlers['lead-summary']({ type: 'lead-summary', leadId: '12' })).toMatchObject({ ok: true });
    now = 60_000;
    expect(await handlers['lead-summary']({ type: 'lead-summary', leadId: '11' }, page(1))).toMatchObject({ ok: true });
    expect(lookups.get).toHaveBeenLastCalledWith('11', { afterRefresh: false, priority: 'badge', tabId: 1 });
  });

  it('inline: a list page of a few hundred leads is served, a page inventing thousands gets "paused" past its budget', async () => {
    const lookups = fakeLookups();
    const handlers = createLeadSummaryHandlers(lookups, createLeadBudgets(() => 0));
    let next = 100;
    const paused: string[] = [];
    for (let batch = 0; batch < 15; batch++) {
      const leadIds = Array.from({ length: 200 }, () => String(next++));
      const reply = await handlers['lead-summaries']({ type: 'lead-summaries', leadIds }, page(4));
      if (!reply.ok) throw new Error('no reply');
      for (const id of leadIds) if (!reply.summaries[id]!.ok) paused.push(id);
    }
    expect(lookups.get).toHaveBeenCalledTimes(INLINE_LEADS_PER_10_MINUTES);
    expect(paused).toHaveLength(3000 - INLINE_LEADS_PER_10_MINUTES);
  });

  it('messages a closed tab sent that arrive after its onRemoved start no lookup (issue 10: CI saw 104 after close)', async () => {
    fakeBrowser.reset();
    const lookups = fakeLookups();
    const budgets = createLeadBudgets(() => 0);
    const handlers = createLeadSummaryHandlers(lookups, budgets);
    const stop = dropLookupsOfGoneTabs(lookups, [budgets.badge, budgets.inline]);
    await handlers['lead-summaries']({ type: 'lead-summaries', leadIds: ['1', '2'] }, page(5));
    expect(lookups.get).toHaveBeenCalledTimes(2);
    await fakeBrowser.tabs.onRemoved.trigger(5, { windowId: 1, isWindowClosing: false });
    const late = await handlers['lead-summaries']({ type: 'lead-summaries', leadIds: ['3', '4'] }, page(5));
    expect(late).toMatchObject({ ok: true, summaries: { '3': { ok: false, error: { kind: 'paused' } }, '4': { ok: false } } });
    expect(await handlers['lead-summary']({ type: 'lead-summary', leadId: '5' }, page(5))).toMatchObject({ ok: false });
    expect(lookups.get).toHaveBeenCalledTimes(2);
    stop();
  });

  it('tab events drop a closed or reloading tab\'s waiting lookups', async () => {
    fakeBrowser.reset();
    const lookups = fakeLookups();
    const stop = dropLookupsOfGoneTabs(lookups, []);
    await fakeBrowser.tabs.onRemoved.trigger(5, { windowId: 1, isWindowClosing: false });
    await fakeBrowser.tabs.onUpdated.trigger(6, { status: 'loading' }, { id: 6 } as Browser.tabs.Tab);
    await fakeBrowser.tabs.onUpdated.trigger(7, { title: 'x' }, { id: 7 } as Browser.tabs.Tab);
    expect(lookups.dropTab.mock.calls).toEqual([[5], [6]]);
    stop();
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
    const search = createLeadSearch(testConvoso(), { fetch: fetch as unknown as typeof globalThis.fetch });
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
    const search = createLeadSearch(testConvoso(), { fetch: fetch as unknown as typeof globalThis.fetch });
    expect(await search('42')).toMatchObject({ ok: true, page: { total: 0, results: [] } });
    const url = new URL(urls[0]!);
    expect(url.origin + url.pathname).toBe('https://api.example.test/v1/callbacks/search');
    expect(url.searchParams.get('lead_id')).toBe('42');
    expect(url.searchParams.get('limit')).toBe('100');
  });

  it("reads Convoso's 'no record' answer (6001) as a lead without callbacks", async () => {
    await writeArea('local', { token: TOKEN });
    const fetch = vi.fn(async () => new Response(JSON.stringify({ success: false, code: 6001, text: 'No record found' }), { status: 200 }));
    const lookups = createLeadLookups({ search: createLeadSearch(testConvoso(), { fetch: fetch as unknown as typeof globalThis.fetch }), persist: null });
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
    const stop = resetLeadsOnConnectionChange(lookups, watchConnection);
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
    const stop = resetLeadsOnConnectionChange(lookups, watchConnection);
    await writeArea('local', { pageSize: 50, badgePositions: {} });
    await new Promise((r) => setTimeout(r, 10));
    expect(lookups.clear).not.toHaveBeenCalled();
    stop();
  });
});
