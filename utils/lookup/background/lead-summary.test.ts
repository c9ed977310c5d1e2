import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createLeadLookups, type GetOptions, type LeadLookups, type LeadReply } from './lead-lookups';
import type { Browser } from 'wxt/browser';
import {
  BADGE_LEADS_PER_MINUTE,
  CONNECTION_EPOCH_KEY,
  INLINE_LEADS_PER_10_MINUTES,
  createLeadBudgets,
  createLeadSummaryHandlers,
  dropLookupsOfGoneTabs,
  resetLeadsOnConnectionChange,
} from './lead-summary';
import { createLeadSearch } from './lead-search';
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
    leadId === '13' ? { ok: false, error: { kind: 'no-token', message: 'Set up' } } : { ok: true, summary: summary(leadId), asOf: 0 },
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
    expect(await handlers['lead-summary']({ type: 'lead-summary', leadId: '42' })).toEqual({ ok: true, summary: summary('42'), asOf: 0 });
    expect(await handlers['lead-summary']({ type: 'lead-summary', leadId: '13' })).toMatchObject({ ok: false, error: { kind: 'no-token' } });
  });

  it.each([
    ['a first question', {}, { afterRefresh: false, refresh: false }],
    ['the follow-up to a refreshing reply', { afterRefresh: true as const }, { afterRefresh: true, refresh: false }],
    ['a refresh a person asked for', { refresh: true as const }, { afterRefresh: false, refresh: true }],
  ])('passes afterRefresh and refresh on for %s', async (_label, extra, expected) => {
    const lookups = fakeLookups();
    const handlers = createLeadSummaryHandlers(lookups);
    await handlers['lead-summary']({ type: 'lead-summary', leadId: '42', ...extra });
    expect(lookups.get).toHaveBeenLastCalledWith('42', { ...expected, priority: 'badge' });
    if ('refresh' in extra) return;
    await handlers['lead-summaries']({ type: 'lead-summaries', leadIds: ['7'], ...extra });
    expect(lookups.get).toHaveBeenLastCalledWith('7', { afterRefresh: expected.afterRefresh, priority: 'inline' });
  });

  it("answers 'lead-summaries' per lead, errors included", async () => {
    const handlers = createLeadSummaryHandlers(fakeLookups());
    const reply = await handlers['lead-summaries']({ type: 'lead-summaries', leadIds: ['1', '13'] });
    expect(reply).toEqual({
      ok: true,
      summaries: { '1': { ok: true, summary: summary('1'), asOf: 0 }, '13': { ok: false, error: { kind: 'no-token', message: 'Set up' } } },
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
    expect(await reply).toEqual({ ok: true, summary: summary('42'), asOf: 0 });
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

describe('per-tab lead budgets (issue 8, items 2 and 3; issue 20, item 2)', () => {
  const page = (tabId: number, url = 'https://crm.example.com/lead') => ({ tab: { id: tabId } as Browser.tabs.Tab, url, frameId: 0 });
  const inlineSites = async (href: string) => (href.startsWith('https://list.example.com/') ? ('inline' as const) : ('badge' as const));
  const ask = (handlers: ReturnType<typeof createLeadSummaryHandlers>, leadId: string, sender = page(1), extra = {}) =>
    handlers['lead-summary']({ type: 'lead-summary', leadId, ...extra }, sender);

  beforeEach(() => {
    fakeBrowser.reset();
    vi.useFakeTimers({ now: Date.UTC(2026, 2, 2, 15), toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  });
  afterEach(() => vi.useRealTimers());

  it('a tab switching its badge to an 11th distinct lead within a minute is paused; repeats and other tabs are not', async () => {
    const lookups = fakeLookups();
    const handlers = createLeadSummaryHandlers(lookups, createLeadBudgets());
    for (let id = 1; id <= BADGE_LEADS_PER_MINUTE; id++) expect(await ask(handlers, String(id))).toMatchObject({ ok: true });
    expect(await ask(handlers, '11')).toMatchObject({ ok: false, error: { kind: 'paused' } });
    expect(lookups.get).not.toHaveBeenCalledWith('11', expect.anything());
    expect(await ask(handlers, '3', page(1), { afterRefresh: true })).toMatchObject({ ok: true });
    expect(await ask(handlers, '11', page(2))).toMatchObject({ ok: true });
    // Extension pages (no tab) have no budget.
    expect(await handlers['lead-summary']({ type: 'lead-summary', leadId: '12' })).toMatchObject({ ok: true });
    vi.advanceTimersByTime(60_000);
    expect(await ask(handlers, '11')).toMatchObject({ ok: true });
    expect(lookups.get).toHaveBeenLastCalledWith('11', { afterRefresh: false, refresh: false, priority: 'badge', tabId: 1 });
  });

  it('each refresh a person asks for counts against the tab’s budget, even of the same lead', async () => {
    const lookups = fakeLookups();
    const handlers = createLeadSummaryHandlers(lookups, createLeadBudgets());
    for (let i = 0; i < BADGE_LEADS_PER_MINUTE; i++) expect(await ask(handlers, '42', page(1), { refresh: true })).toMatchObject({ ok: true });
    expect(await ask(handlers, '42', page(1), { refresh: true })).toMatchObject({ ok: false, error: { kind: 'paused' } });
  });

  it('inline: a list page of a few hundred leads is served, a page inventing thousands gets "paused" past its budget', async () => {
    const lookups = fakeLookups();
    const handlers = createLeadSummaryHandlers(lookups, createLeadBudgets(), inlineSites);
    let next = 100;
    const paused: string[] = [];
    for (let batch = 0; batch < 15; batch++) {
      const leadIds = Array.from({ length: 200 }, () => String(next++));
      const reply = await handlers['lead-summaries']({ type: 'lead-summaries', leadIds }, page(4, 'https://list.example.com/leads'));
      if (!reply.ok) throw new Error('no reply');
      for (const id of leadIds) if (!reply.summaries[id]!.ok) paused.push(id);
    }
    expect(lookups.get).toHaveBeenCalledTimes(INLINE_LEADS_PER_10_MINUTES);
    expect(paused).toHaveLength(3000 - INLINE_LEADS_PER_10_MINUTES);
  });

  it('a badge page asking for many leads at once gets the badge’s budget, not the inline one', async () => {
    const lookups = fakeLookups();
    const handlers = createLeadSummaryHandlers(lookups, createLeadBudgets(), inlineSites);
    const leadIds = Array.from({ length: 500 }, (_, i) => String(1000 + i));
    const reply = await handlers['lead-summaries']({ type: 'lead-summaries', leadIds }, page(4));
    if (!reply.ok) throw new Error('no reply');
    expect(Object.values(reply.summaries).filter((r) => r.ok)).toHaveLength(BADGE_LEADS_PER_MINUTE);
    expect(lookups.get).toHaveBeenCalledTimes(BADGE_LEADS_PER_MINUTE);
  });

  it('a restarted service worker keeps each tab’s budget and the closed tabs (storage.session)', async () => {
    const before = createLeadBudgets();
    const handlers = createLeadSummaryHandlers(fakeLookups(), before, inlineSites);
    const leadIds = Array.from({ length: INLINE_LEADS_PER_10_MINUTES }, (_, i) => String(1000 + i));
    await handlers['lead-summaries']({ type: 'lead-summaries', leadIds }, page(4, 'https://list.example.com/leads'));
    for (let id = 1; id <= BADGE_LEADS_PER_MINUTE; id++) await ask(handlers, String(id), page(1));
    await before.badge.forget(7);
    await vi.advanceTimersByTimeAsync(100);

    // The worker stops (about 30 s idle) and a page wakes a new one.
    vi.advanceTimersByTime(30_000);
    const lookups = fakeLookups();
    const after = createLeadSummaryHandlers(lookups, createLeadBudgets(), inlineSites);
    const more = await after['lead-summaries']({ type: 'lead-summaries', leadIds: ['99999', '99998'] }, page(4, 'https://list.example.com/leads'));
    expect(more).toMatchObject({ ok: true, summaries: { '99999': { ok: false, error: { kind: 'paused' } }, '99998': { ok: false } } });
    expect(await ask(after, '77', page(1))).toMatchObject({ ok: false, error: { kind: 'paused' } });
    expect(await ask(after, '78', page(7))).toMatchObject({ ok: false, error: { kind: 'paused' } });
    expect(lookups.get).not.toHaveBeenCalled();
  });

  it('messages a closed tab sent that arrive after its onRemoved start no lookup (issue 10: CI saw 104 after close)', async () => {
    const lookups = fakeLookups();
    const budgets = createLeadBudgets();
    const handlers = createLeadSummaryHandlers(lookups, budgets, inlineSites);
    const stop = dropLookupsOfGoneTabs(lookups, [budgets.badge, budgets.inline]);
    const list = page(5, 'https://list.example.com/leads');
    await handlers['lead-summaries']({ type: 'lead-summaries', leadIds: ['1', '2'] }, list);
    expect(lookups.get).toHaveBeenCalledTimes(2);
    await fakeBrowser.tabs.onRemoved.trigger(5, { windowId: 1, isWindowClosing: false });
    const late = await handlers['lead-summaries']({ type: 'lead-summaries', leadIds: ['3', '4'] }, list);
    expect(late).toMatchObject({ ok: true, summaries: { '3': { ok: false, error: { kind: 'paused' } }, '4': { ok: false } } });
    expect(await ask(handlers, '5', page(5))).toMatchObject({ ok: false });
    expect(lookups.get).toHaveBeenCalledTimes(2);
    stop();
  });

  it("tab events drop a closed or reloading tab's waiting lookups", async () => {
    const lookups = fakeLookups();
    const stop = dropLookupsOfGoneTabs(lookups, []);
    await fakeBrowser.tabs.onRemoved.trigger(5, { windowId: 1, isWindowClosing: false });
    await fakeBrowser.tabs.onUpdated.trigger(6, { status: 'loading' }, { id: 6 } as Browser.tabs.Tab);
    await fakeBrowser.tabs.onUpdated.trigger(7, { title: 'x' }, { id: 7 } as Browser.tabs.Tab);
    expect(lookups.dropTab.mock.calls).toEqual([[5], [6]]);
    stop();
  });
});

describe('the lead search on the saved connection', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    installFakeScripting().granted = new Set(['http://localhost/*', 'https://api.example.test/*']);
  });
  const ticket = () => ({ signal: new AbortController().signal, waitSignal: new AbortController().signal, priority: 'interactive' as const });

  it("answers 'no-token' and sends nothing before the extension is set up", async () => {
    const fetch = vi.fn();
    const search = createLeadSearch(testConvoso(), { fetch: fetch as unknown as typeof globalThis.fetch });
    expect(await search('42', ticket())).toMatchObject({ ok: false, error: { kind: 'no-token' } });
    expect(fetch).not.toHaveBeenCalled();
  });

  it("reads Convoso's 'no record' answer (6001) as a lead without callbacks", async () => {
    await writeArea('local', { token: TOKEN });
    const fetch = vi.fn(async () => new Response(JSON.stringify({ success: false, code: 6001, text: 'No record found' }), { status: 200 }));
    const lookups = createLeadLookups({ search: createLeadSearch(testConvoso(), { fetch: fetch as unknown as typeof globalThis.fetch }) });
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
