import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { applyConnectionPolicy, parseConnectionPolicy } from './connection-policy';
import { baseUrlSetting, methodSetting } from './settings';

beforeEach(() => fakeBrowser.reset());

describe('parseConnectionPolicy', () => {
  it('reads nothing from an empty policy', () => {
    expect(parseConnectionPolicy({})).toEqual({ problems: [] });
  });

  it('takes valid values and reports invalid ones one by one, as the form would refuse them', () => {
    expect(parseConnectionPolicy({ apiBaseUrl: 'https://api.corp.example/v1/', requestMethod: 'PUT' })).toEqual({
      baseUrl: 'https://api.corp.example/v1',
      problems: ['Policy requestMethod ignored: it must be GET or POST.'],
    });
    expect(parseConnectionPolicy({ apiBaseUrl: 'http://api.corp.example' }).problems[0]).toMatch(/must start with https/);
  });
});

describe('applyConnectionPolicy', () => {
  it('copies the policy over the user’s values', async () => {
    await methodSetting.set('GET');
    await applyConnectionPolicy({ apiBaseUrl: 'https://api.corp.example/v1', requestMethod: 'POST' });
    expect((await baseUrlSetting.get()).value).toBe('https://api.corp.example/v1');
    expect((await methodSetting.get()).value).toBe('POST');
  });

  it('replaces a value that cannot be read: the policy decides', async () => {
    await fakeBrowser.storage.local.set({ requestMethod: 'plain' });
    await applyConnectionPolicy({ requestMethod: 'POST' });
    expect(await methodSetting.get()).toEqual({ value: 'POST' });
  });

  it('writes nothing when the values are already the policy’s', async () => {
    await methodSetting.set('POST');
    const before = await fakeBrowser.storage.local.get(null);
    await applyConnectionPolicy({ requestMethod: 'POST' });
    expect(await fakeBrowser.storage.local.get(null)).toEqual(before);
  });
});
