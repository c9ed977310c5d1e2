import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { applyConnectionPolicy, parseConnectionPolicy } from './connection-policy';
import { timeZoneSetting } from './settings';

// Issue 9: the account's time zone is a setting like the API address: shared by
// export/import (entrypoints/options/transfer-parts.test.ts), set by policy, stored
// canonical, '' meaning "the browser's".

beforeEach(() => fakeBrowser.reset());

describe('timeZoneSetting', () => {
  it('defaults to the browser’s zone (""), stores the canonical spelling and refuses unknown zones', async () => {
    expect(await timeZoneSetting.get()).toEqual({ value: '' });
    expect(await timeZoneSetting.set(' america/new_york ')).toEqual({ ok: true, value: 'America/New_York' });
    expect(await timeZoneSetting.set('Pacific Time')).toMatchObject({ ok: false });
    expect((await timeZoneSetting.get()).value).toBe('America/New_York');
    await fakeBrowser.storage.local.set({ timeZone: 'Not/AZone' });
    expect(await timeZoneSetting.get()).toMatchObject({ value: '', problem: expect.stringContaining('account time zone') });
  });
});

describe('managed policy', () => {
  it('reads timeZone, refusing what is not a zone', () => {
    expect(parseConnectionPolicy({ timeZone: 'america/chicago' })).toEqual({ timeZone: 'America/Chicago', problems: [] });
    expect(parseConnectionPolicy({ timeZone: 42 }).problems).toEqual([
      'Policy timeZone ignored: it must be an IANA time zone such as America/Los_Angeles.',
    ]);
  });
  it('copies the policy’s zone over the user’s', async () => {
    await timeZoneSetting.set('America/New_York');
    await applyConnectionPolicy({ timeZone: 'America/Los_Angeles' });
    expect((await timeZoneSetting.get()).value).toBe('America/Los_Angeles');
  });
});
