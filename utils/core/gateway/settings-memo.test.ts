import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import * as sealed from '../storage/sealed';
import { baseUrlSetting, localTokenSetting } from '../../connection/settings';
import { readAccountSettings } from '../../connection/account';
import { readSavedSettings } from './saved-connection';
import { createSettingsMemo } from './settings-memo';

beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
});

describe('createSettingsMemo', () => {
  it('reads (and unseals) the settings once, and again only after storage changed', async () => {
    await localTokenSetting.set('test-token-not-real-0001');
    const settings = createSettingsMemo(() => readSavedSettings(readAccountSettings));
    const reads = vi.spyOn(sealed, 'readSealed');
    const first = await settings();
    const count = reads.mock.calls.length;
    expect(count).toBeGreaterThan(0);
    expect(await settings()).toBe(first);
    expect(reads.mock.calls.length).toBe(count);

    await baseUrlSetting.set('https://api.corp.example/v1');
    const next = await settings();
    expect(next.connection.baseUrl).toBe('https://api.corp.example/v1');
    expect(next.connection.token).toBe('test-token-not-real-0001');
  });

  it('keeps them while the background writes only its own records (the lead cache, budgets, pauses)', async () => {
    await localTokenSetting.set('test-token-not-real-0001');
    const settings = createSettingsMemo(() => readSavedSettings(readAccountSettings));
    const first = await settings();
    await fakeBrowser.storage.session.set({ leadCache: { version: 1, entries: {} }, badgeBudget: { tabs: {}, closed: [] }, trafficHosts: {} });
    expect(await settings()).toBe(first);
    await fakeBrowser.storage.session.set({ leadCache: {}, somethingElse: 1 });
    expect(await settings()).not.toBe(first);
  });
});
