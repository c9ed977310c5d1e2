import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { NO_TOKEN } from '../messaging/replies';
import { pastDueSpellingSetting } from './saved-connection';
import { writeArea } from '../../../tests/support/sealed-areas';
import { installFakeScripting } from '../../../tests/support/fake-scripting';
import { testConvoso } from '../../../tests/support/convoso';

const TOKEN = 'test-token-not-real-0001';
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const ok = (total: number) => json({ success: true, data: { offset: 0, limit: 1, total, results: [] } });

beforeEach(() => {
  fakeBrowser.reset();
  // Non-default API hosts the user saved and the browser granted.
  installFakeScripting().granted = new Set(['http://localhost/*', 'https://api.example.test/*']);
});

describe('searchWithSavedConnection', () => {
  it('sends nothing and answers no-token before the extension is set up', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>();
    expect(await testConvoso().search({ lead_id: '42' }, { fetch })).toEqual({ ok: false, error: NO_TOKEN });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('uses the saved token, address, method and page size', async () => {
    await writeArea('local', { token: TOKEN, apiBaseUrl: 'http://localhost:9/v1', requestMethod: 'POST', pageSize: 50 });
    const fetch = vi.fn<typeof globalThis.fetch>(async () => ok(7));
    expect(await testConvoso().search({ lead_id: '42' }, { fetch })).toMatchObject({ ok: true, page: { total: 7 } });
    const [url, init] = fetch.mock.calls[0]!;
    expect(String(url)).toBe('http://localhost:9/v1/callbacks/search');
    expect(init?.method).toBe('POST');
    expect(String(init?.body)).toBe(`auth_token=${TOKEN}&lead_id=42&offset=0&limit=50`);
  });

  it('builds the account zone’s formatter while the request is on the network, not after the answer', async () => {
    // A zone no other test reads: its formatter is built once per worker.
    await writeArea('local', { token: TOKEN, timeZone: 'Pacific/Chatham' });
    const RealFormat = Intl.DateTimeFormat;
    const built = vi.spyOn(Intl, 'DateTimeFormat').mockImplementation(function (...args: ConstructorParameters<typeof RealFormat>) {
      return new RealFormat(...args);
    } as never);
    let answer!: (response: Response) => void;
    const fetch = vi.fn<typeof globalThis.fetch>(() => new Promise((resolve) => (answer = resolve)));
    const searching = testConvoso().search({ lead_id: '42' }, { fetch });
    await vi.waitFor(() => expect(built).toHaveBeenCalledWith('en-US', expect.objectContaining({ timeZone: 'Pacific/Chatham', hourCycle: 'h23' })));
    expect(fetch).toHaveBeenCalledTimes(1);
    answer(ok(0));
    expect(await searching).toMatchObject({ ok: true, timeZone: 'Pacific/Chatham' });
    vi.restoreAllMocks();
  });

  it('lets overrides replace the saved token, address and method', async () => {
    await writeArea('local', { token: TOKEN, requestMethod: 'POST' });
    const fetch = vi.fn<typeof globalThis.fetch>(async () => ok(1));
    const overrides = { token: 'test-token-not-real-0002', baseUrl: 'http://localhost:9/v2', method: 'GET' as const };
    await testConvoso().search({ limit: 1 }, { fetch, overrides });
    expect(String(fetch.mock.calls[0]![0])).toBe('http://localhost:9/v2/callbacks/search?auth_token=test-token-not-real-0002&offset=0&limit=1');
  });

  it.each([
    ['a 200 answer', 200],
    ['a 404 answer', 404],
  ])("reads Convoso's 'no record' (6001) in %s as an empty page of the query asked", async (_label, status) => {
    await writeArea('local', { token: TOKEN, pageSize: 50 });
    const fetch = vi.fn<typeof globalThis.fetch>(async () => json({ success: false, code: 6001, text: 'No record found' }, status));
    expect(await testConvoso().search({ lead_id: '9', offset: ' 40 ' }, { fetch })).toEqual({
      ok: true,
      page: { offset: 40, limit: 50, total: 0, results: [] },
    });
  });

  it('leaves every other refusal an error', async () => {
    await writeArea('local', { token: TOKEN });
    // 6000 is "Missing callbacks" for this endpoint (issue 9), an empty page like 6001; any other code stays an error.
    const fetch = vi.fn<typeof globalThis.fetch>(async () => json({ success: false, code: 6099, text: 'Unknown error' }));
    expect(await testConvoso().search({ lead_id: '9' }, { fetch })).toMatchObject({ ok: false, error: { kind: 'api', code: 6099 } });
  });

  it('never sends the token to a saved API host the browser does not grant (any more)', async () => {
    await writeArea('local', { token: TOKEN, apiBaseUrl: 'https://elsewhere.example/v1' });
    const fetch = vi.fn<typeof globalThis.fetch>(async () => ok(1));
    const result = await testConvoso().search({ lead_id: '42' }, { fetch });
    expect(result).toMatchObject({ ok: false, error: { kind: 'refused', message: expect.stringMatching(/^The browser does not grant the extension access to elsewhere\.example/) } });
    const tested = await testConvoso().search({ limit: 1 }, { fetch, overrides: { baseUrl: 'https://other.example/v1' } });
    expect(tested).toMatchObject({ ok: false, error: { kind: 'refused' } });
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('searchWithSavedConnection: the account’s past-due spelling (issue 9)', () => {
  it('remembers the spelling the account accepted, and sends it next time', async () => {
    await writeArea('local', { token: TOKEN });
    const answers = [json({ success: false, text: 'Invalid value for stage' }), ok(3)];
    const fetch = vi.fn<typeof globalThis.fetch>(async () => answers.shift() ?? ok(3));
    expect(await testConvoso().search({ stage: 'PASTDUE' }, { fetch })).toMatchObject({ ok: true, page: { total: 3 } });
    await vi.waitFor(async () => expect((await pastDueSpellingSetting.get()).value).toBe('PAST_DUE'));
    await testConvoso().search({ stage: 'PASTDUE' }, { fetch });
    const stages = fetch.mock.calls.map(([url]) => new URL(String(url)).searchParams.get('stage'));
    expect(stages).toEqual(['PASTDUE', 'PAST_DUE', 'PAST_DUE']);
  });
});
