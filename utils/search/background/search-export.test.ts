import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import * as v from 'valibot';
import { search as searchMessage } from '../search-messages';
import { createSearchHandler } from './search';
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

  it('the message schema takes only the export purpose', () => {
    expect(v.safeParse(searchMessage.schema, { type: 'search', query: {}, purpose: 'export' }).success).toBe(true);
    expect(v.safeParse(searchMessage.schema, { type: 'search', query: {}, purpose: 'other' }).success).toBe(false);
  });
});
