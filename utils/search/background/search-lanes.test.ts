import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import * as v from 'valibot';
import { cancelSearch, search as searchMessage } from '../search-messages';
import { createSearchHandler, createSearchHandlers } from './search';
import type { Convoso } from '../../core/gateway/convoso';
import type { SavedSearchResult } from '../../core/gateway/saved-connection';
import { writeArea } from '../../../tests/support/sealed-areas';
import { testConvoso } from '../../../tests/support/convoso';

const TOKEN = 'test-token-not-real-0002';
const tab = { id: 'x', url: 'chrome-extension://x/search.html', documentId: 'doc-1' };
const ok = (total: number) =>
  new Response(JSON.stringify({ success: true, data: { offset: '0', limit: '20', total: String(total), results: [] } }), {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });

beforeEach(() => fakeBrowser.reset());

describe('export pages beside the page’s own searches', () => {
  it('a search from the same tab does not cancel an export page in flight, nor the reverse', async () => {
    await writeArea('local', { token: TOKEN });
    const signals: AbortSignal[] = [];
    const fetch = vi.fn<typeof globalThis.fetch>(
      (_url, init) =>
        new Promise((resolve, reject) => {
          signals.push(init!.signal!);
          init!.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
          setTimeout(() => resolve(ok(signals.length)), 10);
        }),
    );
    const search = createSearchHandler(testConvoso(), { fetch });
    const exportPage = search({ type: 'search', purpose: 'export', query: { offset: 0, limit: 1000 } }, tab);
    const pageSearch = search({ type: 'search', query: { lead_id: '1' } }, tab);
    expect(await exportPage).toMatchObject({ ok: true });
    expect(await pageSearch).toMatchObject({ ok: true });
    expect(signals.some((s) => s.aborted)).toBe(false);
  });

  it('the message schema takes the export and sort purposes only (CONTRACTS §3)', () => {
    for (const purpose of ['export', 'sort']) expect(v.safeParse(searchMessage.schema, { type: 'search', query: {}, purpose }).success).toBe(true);
    expect(v.safeParse(searchMessage.schema, { type: 'search', query: {}, purpose: 'other' }).success).toBe(false);
  });
});

describe('purposes, lanes and Cancel', () => {
  const answer = { ok: true as const, page: { offset: 0, limit: 20, total: 0, results: [] } };
  /** A gate that holds every search until its signal aborts, and records the options each got. */
  function heldConvoso() {
    const calls: { query: unknown; options: Record<string, unknown> }[] = [];
    const convoso: Convoso = {
      search: vi.fn((query, options = {}) => {
        calls.push({ query, options: options as Record<string, unknown> });
        return new Promise<SavedSearchResult>((resolve) =>
          options.signal?.addEventListener('abort', () => resolve({ ok: false, error: { kind: 'aborted', message: 'Cancelled.' } })),
        );
      }),
      searchCached: vi.fn(async () => answer),
      prepare: () => undefined,
      // Never reached: this stand-in holds the searches itself.
      gate: testConvoso().gate,
    };
    return { convoso, calls };
  }

  it('asks the gate for "interactive" without a purpose, "bulk" for export and sort pages', async () => {
    const { convoso, calls } = heldConvoso();
    const { search, cancel } = createSearchHandlers(convoso);
    void search({ type: 'search', query: {} }, tab);
    void search({ type: 'search', query: {}, purpose: 'export' }, tab);
    void search({ type: 'search', query: {}, purpose: 'sort' }, { ...tab, documentId: 'doc-2' });
    expect(calls.map((c) => c.options.priority)).toEqual(['interactive', 'bulk', 'bulk']);
    await cancel({ type: 'cancel-search' }, tab);
    await cancel({ type: 'cancel-search', purpose: 'export' }, tab);
    await cancel({ type: 'cancel-search' }, { ...tab, documentId: 'doc-2' });
  });

  it('a sort page and a search of the same page share a lane: the newer cancels the older', async () => {
    const { convoso } = heldConvoso();
    const { search, cancel } = createSearchHandlers(convoso);
    const sorting = search({ type: 'search', query: { offset: 0, limit: 1000 }, purpose: 'sort' }, tab);
    const searching = search({ type: 'search', query: { lead_id: '1' } }, tab);
    expect(await sorting).toMatchObject({ ok: false, error: { kind: 'aborted' } });
    await cancel({ type: 'cancel-search' }, tab);
    expect(await searching).toMatchObject({ ok: false, error: { kind: 'aborted' } });
  });

  it("cancel-search aborts only the sender page's search, and an export only when asked", async () => {
    const { convoso } = heldConvoso();
    const { search, cancel } = createSearchHandlers(convoso);
    const other = { ...tab, documentId: 'doc-2' };
    const mine = search({ type: 'search', query: {} }, tab);
    const theirs = search({ type: 'search', query: {} }, other);
    const myExport = search({ type: 'search', query: {}, purpose: 'export' }, tab);
    expect(await cancel({ type: 'cancel-search' }, tab)).toEqual({ ok: true, cancelled: 1 });
    expect(await mine).toMatchObject({ ok: false, error: { kind: 'aborted' } });
    let settled = false;
    void Promise.race([theirs, myExport]).then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 5));
    expect(settled).toBe(false);
    expect(await cancel({ type: 'cancel-search', purpose: 'export' }, tab)).toEqual({ ok: true, cancelled: 1 });
    expect(await myExport).toMatchObject({ ok: false, error: { kind: 'aborted' } });
    expect(await cancel({ type: 'cancel-search' }, tab)).toEqual({ ok: true, cancelled: 0 });
    await cancel({ type: 'cancel-search' }, other);
    expect(await theirs).toMatchObject({ ok: false, error: { kind: 'aborted' } });
  });

  it('without a document ID (Firefox), two tabs on the same address keep their own searches', async () => {
    const { convoso } = heldConvoso();
    const { search, cancel } = createSearchHandlers(convoso);
    const firefoxTab = (id: number) => ({ id: 'x', url: 'moz-extension://x/search.html?stage=PENDING', tab: { id } as never });
    const first = search({ type: 'search', query: {} }, firefoxTab(1));
    const second = search({ type: 'search', query: {} }, firefoxTab(2));
    let settled = false;
    void first.then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 5));
    expect(settled).toBe(false);
    await cancel({ type: 'cancel-search' }, firefoxTab(1));
    await cancel({ type: 'cancel-search' }, firefoxTab(2));
    expect(await first).toMatchObject({ ok: false, error: { kind: 'aborted' } });
    expect(await second).toMatchObject({ ok: false, error: { kind: 'aborted' } });
  });

  it('the cancel message takes nothing but the export purpose', () => {
    expect(v.safeParse(cancelSearch.schema, { type: 'cancel-search' }).success).toBe(true);
    expect(v.safeParse(cancelSearch.schema, { type: 'cancel-search', purpose: 'export' }).success).toBe(true);
    expect(v.safeParse(cancelSearch.schema, { type: 'cancel-search', purpose: 'sort' }).success).toBe(false);
  });
});
