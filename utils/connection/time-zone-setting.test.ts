import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { installFakeScripting } from '../../tests/support/fake-scripting';
import { applyImport, exportSettings, planImport } from '../core/transfer/export-import';
import { applyManagedConfig, parseManagedConfig } from '../core/storage/managed';
import { timeZoneSetting } from './settings';

// Issue 9: the account's time zone is a setting like the API address: shared by
// export/import, set by policy, stored canonical, '' meaning "the browser's".

beforeEach(() => {
  fakeBrowser.reset();
  installFakeScripting();
});

const NOTHING_MANAGED = { problems: [] };
const file = (settings: Record<string, unknown>) =>
  JSON.stringify({ format: 'convoso-callbacks-settings', version: 1, exportedAt: '2026-11-26T10:00:00.000Z', settings, sites: [] });

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

describe('export and import', () => {
  it('exports the zone once one is set, and not while it follows each browser', async () => {
    expect((await exportSettings()).settings).not.toHaveProperty('timeZone');
    await timeZoneSetting.set('America/Los_Angeles');
    expect((await exportSettings()).settings.timeZone).toBe('America/Los_Angeles');
  });
  it('imports a valid zone, rejects an unknown one, keeps a managed one', async () => {
    const plan = planImport(file({ timeZone: 'America/Los_Angeles' }), { sites: [], managed: NOTHING_MANAGED });
    expect(plan.accepted).toContainEqual({ label: 'Account time zone', message: 'Set to America/Los_Angeles.' });
    expect(await applyImport(plan)).toMatchObject({ ok: true });
    expect((await timeZoneSetting.get()).value).toBe('America/Los_Angeles');

    const bad = planImport(file({ timeZone: 'PST8PDT-ish' }), { sites: [], managed: NOTHING_MANAGED });
    expect(bad.rejected).toContainEqual({ label: 'Account time zone', message: 'Must be an IANA time zone such as America/Los_Angeles.' });

    const managed = planImport(file({ timeZone: 'America/Chicago' }), { sites: [], managed: { problems: [], timeZone: 'America/Denver' } });
    expect(managed.skipped).toContainEqual({ label: 'Account time zone', message: 'Set by your administrator; kept.' });
  });
});

describe('managed policy', () => {
  it('reads timeZone, refusing what is not a zone', () => {
    expect(parseManagedConfig({ timeZone: 'america/chicago' })).toEqual({ timeZone: 'America/Chicago', problems: [] });
    expect(parseManagedConfig({ timeZone: 42 }).problems).toEqual([
      'Policy timeZone ignored: it must be an IANA time zone such as America/Los_Angeles.',
    ]);
  });
  it('copies the policy’s zone over the user’s', async () => {
    await timeZoneSetting.set('America/New_York');
    await fakeBrowser.storage.managed.set({ timeZone: 'America/Los_Angeles' });
    await applyManagedConfig();
    expect((await timeZoneSetting.get()).value).toBe('America/Los_Angeles');
  });
});
