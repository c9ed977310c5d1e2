import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createSearchHandler } from './search';
import { createTestConnectionHandler } from '../../connection/background/test-connection';
import { writeArea } from '../../../tests/support/sealed-areas';
import { installFakeScripting } from '../../../tests/support/fake-scripting';
import { testConvoso } from '../../../tests/support/convoso';

const TOKEN = 'test-token-not-real-0001';
const popup = { id: 'x', url: 'chrome-extension://x/popup.html' };
const ok = (total = 0) =>
  new Response(JSON.stringify({ success: true, data: { offset: '0', limit: '20', total: String(total), results: [] } }), {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });

beforeEach(() => {
  fakeBrowser.reset();
  // Non-default API hosts the user saved and the browser granted.
  installFakeScripting().granted = new Set(['http://localhost/*', 'https://api.example.test/*']);
});

describe('search handler', () => {
  it('answers no-token without calling the API when no token is saved', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>();
    const reply = await createSearchHandler(testConvoso(), { fetch })({ type: 'search', query: {} }, popup);
    expect(reply).toEqual({
      ok: false,
      error: { kind: 'no-token', message: 'Add your Convoso API token in the extension options to search callbacks.' },
    });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('searches with the saved token, base URL, method and default page size', async () => {
    await writeArea('local', { token: TOKEN, apiBaseUrl: 'http://localhost:9/v1', requestMethod: 'POST', pageSize: 50 });
    const fetch = vi.fn<typeof globalThis.fetch>(async () => ok(7));
    const reply = await createSearchHandler(testConvoso(), { fetch })({ type: 'search', query: { lead_id: ' 42 ' } }, popup);
    expect(reply).toEqual({ ok: true, page: { offset: 0, limit: 20, total: 7, results: [] } });
    const [url, init] = fetch.mock.calls[0]!;
    expect(String(url)).toBe('http://localhost:9/v1/callbacks/search');
    expect(init?.method).toBe('POST');
    expect(String(init?.body)).toBe(`auth_token=${TOKEN}&lead_id=42&offset=0&limit=50`);
  });

  it('lets the query choose its own page size', async () => {
    await writeArea('local', { token: TOKEN, pageSize: 50 });
    const fetch = vi.fn<typeof globalThis.fetch>(async () => ok());
    await createSearchHandler(testConvoso(), { fetch })({ type: 'search', query: { limit: 100, offset: 200 } }, popup);
    expect(String(fetch.mock.calls[0]![0])).toBe(`https://api.convoso.com/v1/callbacks/search?auth_token=${TOKEN}&offset=200&limit=100`);
  });

  it('cancels the previous search from the same page when a new one arrives', async () => {
    await writeArea('local', { token: TOKEN });
    const signals: AbortSignal[] = [];
    const fetch = vi.fn<typeof globalThis.fetch>(
      (_url, init) =>
        new Promise((resolve, reject) => {
          signals.push(init!.signal!);
          if (signals.length === 1) init!.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
          else resolve(ok(3));
        }),
    );
    const search = createSearchHandler(testConvoso(), { fetch });
    const first = search({ type: 'search', query: { lead_id: '1' } }, popup);
    await vi.waitFor(() => expect(signals).toHaveLength(1));
    const second = search({ type: 'search', query: { lead_id: '2' } }, popup);
    expect(await second).toMatchObject({ ok: true, page: { total: 3 } });
    expect(await first).toMatchObject({ ok: false, error: { kind: 'aborted' } });
  });
});

describe('test-connection handler', () => {
  it('checks an unsaved token with a one-result search and reports the total', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(async () => ok(12250));
    const reply = await createTestConnectionHandler(testConvoso(), { fetch })({ type: 'test-connection', token: TOKEN });
    expect(reply).toEqual({ ok: true, total: 12250 });
    expect(String(fetch.mock.calls[0]![0])).toContain('offset=0&limit=1');
  });

  it('refuses an insecure base URL before sending anything', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>();
    const reply = await createTestConnectionHandler(testConvoso(), { fetch })({ type: 'test-connection', token: TOKEN, baseUrl: 'http://api.example.com/v1' });
    expect(reply).toEqual({
      ok: false,
      error: { kind: 'refused', message: 'The API address must start with https:// (plain http is allowed only for localhost).' },
    });
    expect(fetch).not.toHaveBeenCalled();
  });

  it("reports a token that works on an account without callbacks (Convoso's 6001) as connected, 0 callbacks", async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(
      async () => new Response(JSON.stringify({ success: false, code: 6001, text: 'No records found' }), { status: 200 }),
    );
    expect(await createTestConnectionHandler(testConvoso(), { fetch })({ type: 'test-connection', token: TOKEN })).toEqual({ ok: true, total: 0 });
  });

  it('reports no token when neither the form nor storage has one', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>();
    expect(await createTestConnectionHandler(testConvoso(), { fetch })({ type: 'test-connection' })).toMatchObject({ ok: false, error: { kind: 'no-token' } });
    expect(await createTestConnectionHandler(testConvoso(), { fetch })({ type: 'test-connection', token: '  ' })).toMatchObject({ ok: false, error: { kind: 'no-token' } });
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('search handler and "record not found"', () => {
  it('shows Convoso code 6001 as an empty page, not as an error', async () => {
    await writeArea('local', { token: TOKEN });
    const fetch = vi.fn<typeof globalThis.fetch>(
      async () => new Response(JSON.stringify({ success: false, code: 6001, text: 'No records found' }), { status: 200 }),
    );
    const reply = await createSearchHandler(testConvoso(), { fetch })({ type: 'search', query: { lead_id: '9', offset: '40' } }, popup);
    expect(reply).toEqual({ ok: true, page: { offset: 40, limit: 20, total: 0, results: [] } });
  });
});
