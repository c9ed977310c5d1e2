import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BUILT_IN_SITES } from '../../sites/built-in';
import { readSites, saveSites } from '../../sites/store';
import { readConnection } from '../../connection/read-connection';
import { createSealer } from './sealed';
import { readArea, writeArea } from '../../../tests/support/sealed-areas';
import { baseUrlSetting, localTokenSetting, methodSetting } from '../../connection/settings';
import { memoryKeyStore } from '../../../tests/support/memory-key-store';

const TOKEN = 'test-token-not-real-0001';
const crm = { id: 'scrm', pattern: 'https://crm.example.com/*', mode: 'badge' as const, rules: [] };

beforeEach(() => {
  fakeBrowser.reset();
});

describe('sealed settings', () => {
  it('are stored as envelopes that reveal nothing, and read back', async () => {
    await localTokenSetting.set(TOKEN);
    await baseUrlSetting.set('https://api.corp.example/v1');
    const raw = await fakeBrowser.storage.local.get(null);
    expect(raw.token).toEqual({ sealed: 1, iv: expect.any(String), data: expect.any(String) });
    expect(JSON.stringify(raw)).not.toContain(TOKEN);
    expect(JSON.stringify(raw)).not.toContain('corp.example');
    expect(await readConnection()).toMatchObject({ token: TOKEN, baseUrl: 'https://api.corp.example/v1', problems: [] });
  });

  it('a plain value written by something else (a Firefox content script) is refused: default used, problem reported', async () => {
    await localTokenSetting.set(TOKEN);
    await fakeBrowser.storage.local.set({ apiBaseUrl: 'https://elsewhere.example/v1', requestMethod: 'POST' });
    const read = await readConnection();
    expect(read).toMatchObject({ token: TOKEN, baseUrl: 'https://api.convoso.com/v1', method: 'GET' });
    expect(read.problems).toEqual([
      'The API base URL was stored in an unreadable form; using the default.',
      'The request method was stored in an unreadable form; using the default.',
    ]);
  });

  it('an envelope moved to another key, altered, or sealed by another install is refused as changed outside the extension', async () => {
    await localTokenSetting.set('https://elsewhere.example/v1');
    const { token: moved } = await fakeBrowser.storage.local.get('token');
    await fakeBrowser.storage.local.set({ apiBaseUrl: moved });
    expect(await baseUrlSetting.get()).toEqual({
      value: 'https://api.convoso.com/v1',
      problem: 'The API base URL was changed outside the extension; using the default.',
    });

    await methodSetting.set('POST');
    const { requestMethod } = await fakeBrowser.storage.local.get('requestMethod');
    const data = (requestMethod as { data: string }).data;
    const flipped = `${data[0] === 'A' ? 'B' : 'A'}${data.slice(1)}`;
    await fakeBrowser.storage.local.set({ requestMethod: { ...(requestMethod as object), data: flipped } });
    expect((await methodSetting.get()).problem).toMatch(/changed outside the extension/);

    const otherInstall = createSealer(memoryKeyStore());
    await fakeBrowser.storage.local.set({ token: await otherInstall.seal('local:token', TOKEN) });
    expect(await localTokenSetting.get()).toEqual({ value: '', problem: 'The API token was changed outside the extension; using the default.' });
  });

  it('the site list too: a plain or forged list leaves only the built-in sites', async () => {
    await saveSites([...BUILT_IN_SITES, crm]);
    expect((await readSites()).sites).toHaveLength(BUILT_IN_SITES.length + 1);
    await fakeBrowser.storage.local.set({ sites: [crm, { ...crm, id: 'evil', pattern: 'https://evil.example/*' }] });
    const plain = await readSites();
    expect(plain.sites).toEqual(BUILT_IN_SITES);
    expect(plain.problems).toEqual(['The CRM site list was stored in an unreadable form; only the built-in sites are used.']);
    const { token } = await (async () => {
      await localTokenSetting.set(TOKEN);
      return fakeBrowser.storage.local.get('token');
    })();
    await fakeBrowser.storage.local.set({ sites: token });
    expect((await readSites()).problems).toEqual(['The CRM site list was changed outside the extension; only the built-in sites are used.']);
  });

  it('the first start with sealing seals what an older version stored in plain form, once', async () => {
    await fakeBrowser.storage.local.set({ token: TOKEN, apiBaseUrl: 'https://api.corp.example/v1', sites: [crm], badgePositions: { x: 1 } });
    // A context that finds no key creates it, and migrates: here one with a key store of its own.
    const firstStart = createSealer(memoryKeyStore(true));
    expect(await firstStart.readSealed('local:token')).toEqual({ state: 'ok', value: TOKEN });
    expect(await firstStart.readSealed('local:apiBaseUrl')).toEqual({ state: 'ok', value: 'https://api.corp.example/v1' });
    expect(await firstStart.readSealed('local:sites')).toEqual({ state: 'ok', value: [crm] });
    const raw = await fakeBrowser.storage.local.get(null);
    expect(raw.token).toMatchObject({ sealed: 1 });
    expect(raw.sites).toMatchObject({ sealed: 1 });
    // Not a setting: left as it was.
    expect(raw.badgePositions).toEqual({ x: 1 });
    // Afterwards a plain value is refused again.
    await fakeBrowser.storage.local.set({ apiBaseUrl: 'https://elsewhere.example/v1' });
    expect(await firstStart.readSealed('local:apiBaseUrl')).toEqual({ state: 'plain' });
  });

  it('readArea/writeArea (tests/support) seal protected keys and leave the others plain', async () => {
    await writeArea('local', { token: TOKEN, badgePositions: { 'https://a.example': { right: 1, bottom: 2 } } });
    expect((await fakeBrowser.storage.local.get('badgePositions')).badgePositions).toEqual({ 'https://a.example': { right: 1, bottom: 2 } });
    expect((await fakeBrowser.storage.local.get('token')).token).toMatchObject({ sealed: 1 });
    expect(await readArea('local')).toEqual({ token: TOKEN, badgePositions: { 'https://a.example': { right: 1, bottom: 2 } } });
  });
});
