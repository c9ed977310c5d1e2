import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { testConvoso } from '../../../tests/support/convoso';
import { installFakeScripting, type FakeScripting } from '../../../tests/support/fake-scripting';
import { createHostAccess } from '../../core/hosts/host-access';
import { appliedPolicySetting } from '../../core/storage/managed';
import { addSite } from '../../sites/actions';
import { sitesHostUser } from '../../sites/sites-in-use';
import { readSites } from '../../sites/store';
import { apiHostUser } from '../api-origin';
import { readConnection } from '../read-connection';
import { DEFAULT_BASE_URL } from '../schemas';
import { baseUrlSetting, localTokenSetting, methodSetting, userIdSetting } from '../settings';
import { createSaveConnectionHandler } from './save-connection';

// Save, as the background runs it for the options page (issue 19): the token is
// checked with one one-result search, a refused token is not saved, offline or a
// server error saves and says so; the old API host's access is given back.

const TOKEN = 'test-token-not-real-0001';
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const OK = () => json({ success: true, data: { offset: 0, limit: 1, total: 3, results: [] } });

let fake: FakeScripting;
let fetch: ReturnType<typeof vi.fn<typeof globalThis.fetch>>;
beforeEach(() => {
  fakeBrowser.reset();
  fake = installFakeScripting();
  fake.granted.add('https://api.corp.example/*');
  fetch = vi.fn<typeof globalThis.fetch>(async () => OK());
});

const save = (request: Record<string, unknown>) =>
  createSaveConnectionHandler(testConvoso(), createHostAccess([apiHostUser, sitesHostUser]), { fetch })({ type: 'save-connection', ...request } as never);

describe('save-connection', () => {
  it('checks a new token with one one-result search, then saves it', async () => {
    expect(await save({ token: TOKEN, where: 'local', userId: '77' })).toEqual({ ok: true, check: { kind: 'accepted' } });
    expect(fetch).toHaveBeenCalledOnce();
    expect(String(fetch.mock.calls[0]![0])).toBe(`${DEFAULT_BASE_URL}/callbacks/search?auth_token=${TOKEN}&offset=0&limit=1`);
    expect(await readConnection()).toMatchObject({ token: TOKEN });
    expect((await userIdSetting.get()).value).toBe('77');
  });

  it('saves nothing when Convoso refuses the token, and answers with its error', async () => {
    await userIdSetting.set('1');
    fetch.mockResolvedValue(json({ success: false, code: 403, text: 'Invalid authentication token' }, 403));
    const reply = await save({ token: TOKEN, userId: '77' });
    expect(reply).toMatchObject({ ok: false, error: { kind: 'auth' } });
    expect((await localTokenSetting.get()).value).toBe('');
    expect((await userIdSetting.get()).value).toBe('1');
  });

  it.each([
    ['offline', () => Promise.reject(new TypeError('Failed to fetch'))],
    ['a server error', async () => new Response('<html>down</html>', { status: 500 })],
  ])('saves when %s keeps the token from being checked, and says so', async (_, answer) => {
    fetch.mockImplementation(answer as never);
    const reply = await save({ token: TOKEN });
    expect(reply).toEqual({ ok: true, check: { kind: 'unchecked', message: expect.any(String) } });
    expect((await localTokenSetting.get()).value).toBe(TOKEN);
  });

  it('makes no search when nothing the check depends on changed, or there is no token', async () => {
    await localTokenSetting.set(TOKEN);
    expect(await save({ userId: '77', timeZone: 'America/Chicago' })).toEqual({ ok: true, check: { kind: 'not-needed' } });
    await localTokenSetting.remove();
    expect(await save({ baseUrl: 'https://api.corp.example/v1' })).toEqual({ ok: true, check: { kind: 'not-needed' } });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('checks the saved token at a new address or method, and keeps the old one when it is refused there', async () => {
    await localTokenSetting.set(TOKEN);
    fetch.mockResolvedValue(json({ success: false, code: 403, text: 'Invalid authentication token' }, 403));
    expect(await save({ baseUrl: 'https://api.corp.example/v1', method: 'POST' })).toMatchObject({ ok: false, error: { kind: 'auth' } });
    expect(fetch.mock.calls[0]![1]?.method).toBe('POST');
    expect((await baseUrlSetting.get()).value).toBe(DEFAULT_BASE_URL);
    expect((await methodSetting.get()).value).toBe('GET');
  });

  it('leaves what the policy (as last applied) sets to the policy, and checks against it', async () => {
    await appliedPolicySetting.set({ requestMethod: 'POST', apiBaseUrl: 'https://api.corp.example/v1' });
    await methodSetting.set('POST');
    expect(await save({ token: TOKEN, method: 'GET', baseUrl: 'https://api.other.example/v1' })).toMatchObject({ ok: true });
    expect(String(fetch.mock.calls[0]![0])).toMatch(/^https:\/\/api\.corp\.example\/v1\/callbacks\/search/);
    expect((await methodSetting.get()).value).toBe('POST');
    expect((await baseUrlSetting.get()).value).toBe(DEFAULT_BASE_URL);
    expect(fake.requests).toEqual([]);
  });

  it('writes only what changed: the user ID alone, or the connection whole in one storage call', async () => {
    await localTokenSetting.set(TOKEN);
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    await save({ userId: '77', where: 'local', timeZone: '' });
    expect(set.mock.calls.map((call) => Object.keys(call[0] as object))).toEqual([['userId']]);
    set.mockClear();
    await save({ method: 'POST' });
    expect(set.mock.calls.map((call) => Object.keys(call[0] as object).sort())).toEqual([['apiBaseUrl', 'requestMethod', 'token', 'tokenStorage']]);
    vi.restoreAllMocks();
  });

  it('refuses values the settings refuse, writing nothing', async () => {
    expect(await save({ userId: 'abc' })).toEqual({ ok: false, error: { kind: 'refused', message: 'A user ID is a positive whole number.' } });
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });
});

describe('save-connection: the old API host’s access', () => {
  const OLD = 'https://api.corp.example/v1';
  const OLD_ORIGIN = 'https://api.corp.example/*';
  const OTHER = 'https://api.other.example/v1';

  async function addSites(inputs: readonly string[]) {
    for (const input of inputs) expect((await addSite((await readSites()).sites, input)).ok).toBe(true);
  }
  const moveFrom = async (oldUrl: string, newUrl: string) => {
    await baseUrlSetting.set(oldUrl);
    fake.granted.add('https://api.other.example/*');
    vi.mocked(fakeBrowser.permissions.remove).mockClear();
    expect(await save({ baseUrl: newUrl })).toMatchObject({ ok: true });
  };

  it.each([
    ['another host', OTHER, []],
    ['the default host', DEFAULT_BASE_URL, []],
    ['another host, with CRM sites on other hosts only', OTHER, ['crm.example.com', 'https://other.corp.example/*']],
  ])('drops it when the new address is on %s', async (_label, newUrl, sites) => {
    await addSites(sites);
    await moveFrom(OLD, newUrl);
    expect(fakeBrowser.permissions.remove).toHaveBeenCalledTimes(1);
    expect(fakeBrowser.permissions.remove).toHaveBeenCalledWith({ origins: [OLD_ORIGIN] });
    expect(fake.granted.has(OLD_ORIGIN)).toBe(false);
  });

  it.each([
    ['it is the default API host, which the manifest grants', DEFAULT_BASE_URL, OTHER, []],
    ['it is the default API host on another port', 'https://api.convoso.com:8443/v1', OTHER, []],
    ['it is a built-in Convoso page, which the manifest grants', 'https://admin.convoso.com/api', OTHER, []],
    ['the new address is on the same host', OLD, 'https://api.corp.example/v2', []],
    ['a CRM site on another path of that host still needs it (host permissions ignore paths)', OLD, OTHER, ['https://api.corp.example/crm/*']],
    ['a CRM site on that host with any scheme still needs it', OLD, OTHER, ['*://api.corp.example/*']],
    ['a wildcard CRM site covers that host', OLD, OTHER, ['*://*.corp.example/*']],
  ])('keeps it when %s', async (_label, oldUrl, newUrl, sites) => {
    await addSites(sites);
    await moveFrom(oldUrl, newUrl);
    expect(fakeBrowser.permissions.remove).not.toHaveBeenCalled();
  });

  it('keeps it while a stored site is unreadable: it may be on that host', async () => {
    await fakeBrowser.storage.local.set({ sites: [{ pattern: 'https://api.corp.example/*' }] });
    expect((await readSites()).problems).not.toEqual([]);
    await moveFrom(OLD, OTHER);
    expect(fakeBrowser.permissions.remove).not.toHaveBeenCalled();
  });

  it('saves even when the browser refuses to drop the old host (a loopback host the test manifest requires)', async () => {
    vi.mocked(fakeBrowser.permissions.remove).mockRejectedValue(new Error('You cannot remove required permissions.'));
    fake.granted.add('http://localhost/*');
    await baseUrlSetting.set('http://localhost:4010/v1');
    expect(await save({ baseUrl: OTHER })).toMatchObject({ ok: true });
    expect(fakeBrowser.permissions.remove).toHaveBeenCalledWith({ origins: ['http://localhost/*'] });
    expect((await baseUrlSetting.get()).value).toBe(OTHER);
  });
});
