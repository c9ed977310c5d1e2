import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readSites, saveSites } from '../../sites/store';
import { BUILT_IN_SITES } from '../../sites/built-in';
import { applyManagedConfig, managedSiteId, mergeManagedSites, parseManagedConfig, readManagedConfig } from './managed';
import { baseUrlSetting, methodSetting } from '../../connection/settings';

beforeEach(() => fakeBrowser.reset());

describe('parseManagedConfig', () => {
  it('reads nothing from an empty or missing policy', () => {
    expect(parseManagedConfig(undefined)).toEqual({ problems: [] });
    expect(parseManagedConfig({})).toEqual({ problems: [] });
  });

  it('takes valid values and reports invalid ones one by one', () => {
    const config = parseManagedConfig({
      apiBaseUrl: 'https://api.corp.example/v1/',
      requestMethod: 'PUT',
      sites: [
        { pattern: 'crm.corp.example/leads', mode: 'inline', rules: [{ kind: 'url', pattern: 'lead/(\\d+)' }] },
        { pattern: 'not a site' },
        { pattern: 'https://b.corp.example/*', rules: [{ kind: 'url', pattern: '(unclosed' }] },
        { mode: 'badge' },
      ],
    });
    expect(config.baseUrl).toBe('https://api.corp.example/v1');
    expect(config.method).toBeUndefined();
    expect(config.sites).toEqual([
      {
        id: managedSiteId('https://crm.corp.example/*'),
        pattern: 'https://crm.corp.example/*',
        mode: 'inline',
        rules: [{ kind: 'url', pattern: 'lead/{id}' }],
        managed: true,
      },
    ]);
    expect(config.problems).toEqual([
      'Policy requestMethod ignored: it must be GET or POST.',
      'Policy site #2 ignored: An address has no spaces in it.',
      expect.stringMatching(/^Policy site https:\/\/b\.corp\.example\/\* ignored: a rule's pattern is invalid/),
      'Policy site #4 ignored: it is not { pattern, mode, rules }.',
    ]);
  });

  it('refuses an insecure API address', () => {
    expect(parseManagedConfig({ apiBaseUrl: 'http://api.corp.example' }).problems[0]).toMatch(/must start with https/);
  });
});

describe('readManagedConfig', () => {
  it('treats an unreadable managed store as nothing managed', async () => {
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockRejectedValueOnce(new Error('Managed storage manifest not found'));
    expect(await readManagedConfig()).toEqual({ problems: [] });
  });
});

describe('mergeManagedSites', () => {
  it('replaces the user’s site for the same pattern and drops withdrawn managed sites', () => {
    const user = { id: 'su', pattern: 'https://crm.corp.example/*', mode: 'off' as const, rules: [] };
    const old = { id: 'm-old', pattern: 'https://old.corp.example/*', mode: 'badge' as const, rules: [], managed: true };
    const policy = { id: 'm-new', pattern: 'https://crm.corp.example/*', mode: 'inline' as const, rules: [], managed: true };
    expect(mergeManagedSites([...BUILT_IN_SITES, user, old], [policy])).toEqual([...BUILT_IN_SITES, policy]);
    expect(mergeManagedSites([...BUILT_IN_SITES, user, old], undefined)).toEqual([...BUILT_IN_SITES, user]);
  });
});

describe('applyManagedConfig', () => {
  it('copies the policy over the user’s values', async () => {
    await baseUrlSetting.set('https://api.convoso.com/v1');
    await saveSites([...BUILT_IN_SITES, { id: 'su', pattern: 'https://crm.corp.example/*', mode: 'off', rules: [] }]);
    await fakeBrowser.storage.managed.set({
      apiBaseUrl: 'https://api.corp.example/v1',
      requestMethod: 'POST',
      sites: [{ pattern: 'https://crm.corp.example/*' }],
    });
    const applied = await applyManagedConfig();
    expect((await baseUrlSetting.get()).value).toBe('https://api.corp.example/v1');
    expect((await methodSetting.get()).value).toBe('POST');
    const sites = (await readSites()).sites.slice(BUILT_IN_SITES.length);
    expect(sites).toEqual([
      { id: managedSiteId('https://crm.corp.example/*'), pattern: 'https://crm.corp.example/*', mode: 'badge', rules: [], managed: true },
    ]);
    // What it returns is the list as stored, so syncRegisteredSites need not read it again.
    expect(applied.sites).toEqual((await readSites()).sites);
    expect(applied.config.method).toBe('POST');
  });

  it('returns the stored list unchanged when the policy manages no sites', async () => {
    const user = { id: 'su', pattern: 'https://crm.corp.example/*', mode: 'off' as const, rules: [] };
    await saveSites([...BUILT_IN_SITES, user]);
    const applied = await applyManagedConfig();
    expect(applied.sites).toEqual([...BUILT_IN_SITES, user]);
    expect(applied.config).toEqual({ problems: [] });
  });
});
