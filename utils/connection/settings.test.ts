import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { forgetToken, readConnection, tokenHint } from './read-connection';
import { baseUrlProblem } from './schemas';
import {
  baseUrlSetting,
  localTokenSetting,
  methodSetting,
  pageSizeSetting,
  sessionTokenSetting,
  timeoutSetting,
  tokenStorageSetting,
} from './settings';

const TOKEN = 'test-token-not-real-0001';

beforeEach(() => fakeBrowser.reset());

describe('stored settings', () => {
  it('uses the defaults when nothing is stored', async () => {
    expect(await readConnection()).toEqual({
      token: '',
      tokenStorage: 'local',
      baseUrl: 'https://api.convoso.com/v1',
      method: 'GET',
      pageSize: 20,
      timeoutMs: 20_000,
      problems: [],
    });
  });

  it.each([
    ['apiBaseUrl', 'ftp://api.convoso.com', 'The API base URL was stored in an unreadable form; using the default.'],
    ['apiBaseUrl', { url: 'https://x' }, 'The API base URL was stored in an unreadable form; using the default.'],
    ['requestMethod', 'DELETE', 'The request method was stored in an unreadable form; using the default.'],
    ['pageSize', '20', 'The default page size was stored in an unreadable form; using the default.'],
    ['pageSize', 0, 'The default page size was stored in an unreadable form; using the default.'],
    ['tokenStorage', 'cloud', 'Where the token is kept was stored in an unreadable form; using the default.'],
    ['token', 42, 'The API token was stored in an unreadable form; using the default.'],
  ])('a corrupted %s (%j) falls back to its default and is reported', async (key, value, problem) => {
    await fakeBrowser.storage.local.set({ [key]: value });
    const read = await readConnection();
    expect(read.problems).toEqual([problem]);
    expect(read).toMatchObject({ baseUrl: 'https://api.convoso.com/v1', method: 'GET', pageSize: 20, tokenStorage: 'local' });
  });

  it('drops trailing slashes from the base URL and refuses invalid values without writing', async () => {
    expect(await baseUrlSetting.set(' https://api.example.com/v1/ ')).toEqual({ ok: true, value: 'https://api.example.com/v1' });
    expect(await baseUrlSetting.set('http://api.example.com/v1')).toEqual({
      ok: false,
      message: 'The API address must start with https:// (plain http is allowed only for localhost).',
    });
    expect((await baseUrlSetting.get()).value).toBe('https://api.example.com/v1');
    expect(await methodSetting.set('PUT')).toEqual({ ok: false, message: 'The request method must be GET or POST.' });
    expect(await pageSizeSetting.set(5001)).toEqual({ ok: false, message: 'The page size must be a whole number from 1 to 5000.' });
    expect(await pageSizeSetting.set(2.5)).toEqual({ ok: false, message: 'The page size must be a whole number from 1 to 5000.' });
    expect(await timeoutSetting.set(10)).toEqual({
      ok: false,
      message: 'The request timeout must be a whole number of milliseconds from 1000 to 120000.',
    });
  });
});

describe('the token', () => {
  it('is kept on this device by default', async () => {
    expect(await localTokenSetting.set(` ${TOKEN} `)).toEqual({ ok: true, value: TOKEN });
    // Stored sealed: what storage.local holds (all a Firefox content script could read) is not the token.
    const stored = await fakeBrowser.storage.local.get('token');
    expect(stored.token).toMatchObject({ sealed: 1 });
    expect(JSON.stringify(stored)).not.toContain(TOKEN);
    expect(await fakeBrowser.storage.session.get('token')).toEqual({});
    expect((await readConnection()).token).toBe(TOKEN);
  });

  // Moving the token and clearing the other place is saveConnection's job (utils/connection/save-connection.ts).
  it('is read from session storage when the user chose "until the browser closes", and gone when it closes', async () => {
    await localTokenSetting.set('test-token-not-real-0002');
    await sessionTokenSetting.set(TOKEN);
    await tokenStorageSetting.set('session');
    expect(await readConnection()).toMatchObject({ token: TOKEN, tokenStorage: 'session' });
    await fakeBrowser.storage.session.clear();
    expect((await readConnection()).token).toBe('');
  });

  it('refuses an empty or spaced token and keeps the old one', async () => {
    await localTokenSetting.set(TOKEN);
    expect(await localTokenSetting.set('   ')).toEqual({ ok: false, message: 'Enter the API token.' });
    expect(await localTokenSetting.set('two words')).toEqual({ ok: false, message: 'An API token has no spaces in it.' });
    expect((await readConnection()).token).toBe(TOKEN);
  });

  it('is forgotten from both places', async () => {
    await sessionTokenSetting.set(TOKEN);
    await tokenStorageSetting.set('session');
    await fakeBrowser.storage.local.set({ token: TOKEN });
    await forgetToken();
    expect((await readConnection()).token).toBe('');
    expect(await fakeBrowser.storage.local.get('token')).toEqual({});
  });

  it.each([
    ['', ''],
    ['short', '••••'],
    ['abcdefghijk', '••••'],
    [TOKEN, '••••0001'],
  ])('hint for %j is %j', (token, hint) => {
    expect(tokenHint(token)).toBe(hint);
  });
});

describe('baseUrlProblem', () => {
  it.each([
    ['https://api.convoso.com/v1', null],
    ['http://localhost:8787/v1', null],
    ['http://127.0.0.1:8787/v1', null],
    ['http://[::1]:8787/v1', null],
    ['http://api.convoso.com/v1', 'The API address must start with https:// (plain http is allowed only for localhost).'],
    ['http://localhost.evil.com/v1', 'The API address must start with https:// (plain http is allowed only for localhost).'],
    ['javascript:alert(1)', 'The API address must start with https:// (plain http is allowed only for localhost).'],
    ['api.convoso.com', 'Enter a full address, like https://api.convoso.com/v1.'],
    ['https://user:pw@api.convoso.com/v1', 'The API address must not contain a user name or password.'],
    ['https://api.convoso.com/v1?auth_token=x', 'The API address must not contain a query (?…) or a fragment (#…).'],
  ])('%s', (url, problem) => {
    expect(baseUrlProblem(url)).toBe(problem);
  });
});
