import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { installFakeScripting, type FakeScripting } from '../../tests/support/fake-scripting';
import { startSiteSync } from './background/site-sync';
import { BUILT_IN_SITES } from './built-in';
import { applySitesPolicy, managedSiteId, mergeManagedSites, parseSitesPolicy } from './sites-policy';
import { readSites, saveSites } from './store';

let fake: FakeScripting;
beforeEach(() => {
  fakeBrowser.reset();
  fake = installFakeScripting();
});

const until = async (check: () => boolean | Promise<boolean>) => {
  for (let i = 0; i < 200 && !(await check()); i++) await new Promise((r) => setTimeout(r, 5));
  expect(await check()).toBe(true);
};

describe('parseSitesPolicy', () => {
  it('manages nothing when the policy has no sites', () => {
    expect(parseSitesPolicy({ apiBaseUrl: 'x' })).toEqual({ problems: [] });
    expect(parseSitesPolicy({ sites: 'crm.example.com' })).toEqual({ sites: [], problems: ['Policy sites ignored: it must be a list.'] });
  });

  it('takes valid sites and reports invalid ones one by one', () => {
    const policy = parseSitesPolicy({
      sites: [
        { pattern: 'crm.corp.example/leads', mode: 'inline', rules: [{ kind: 'url', pattern: 'lead/(\\d+)' }] },
        { pattern: 'not a site' },
        { pattern: 'https://b.corp.example/*', rules: [{ kind: 'url', pattern: '(unclosed' }] },
        { mode: 'badge' },
        { pattern: 'https://crm.corp.example/*' },
      ],
    });
    expect(policy.sites).toEqual([
      { id: managedSiteId('https://crm.corp.example/*'), pattern: 'https://crm.corp.example/*', mode: 'inline', rules: [{ kind: 'url', pattern: 'lead/{id}' }], managed: true },
    ]);
    expect(policy.problems).toEqual([
      'Policy site #2 ignored: An address has no spaces in it.',
      expect.stringMatching(/^Policy site https:\/\/b\.corp\.example\/\* ignored: a rule's pattern is invalid/),
      'Policy site #4 ignored: it is not { pattern, mode, rules }.',
    ]);
  });

  // Issue 20.5: the policy skipped the public-suffix check that Add site and imports make.
  it.each(['*://*.com/*', 'https://*.co.uk/*', 'https://*.github.io/*'])('refuses %s, which covers a whole public suffix', (pattern) => {
    const policy = parseSitesPolicy({ sites: [{ pattern }, { pattern: 'https://crm.example.co.uk/*' }] });
    expect(policy.sites!.map((s) => s.pattern)).toEqual(['https://crm.example.co.uk/*']);
    expect(policy.problems).toEqual([expect.stringMatching(/^Policy site #1 ignored: .* covers every site under the public suffix/)]);
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

describe('applySitesPolicy', () => {
  it('stores the policy’s sites, and the background registers them once the browser grants access', async () => {
    startSiteSync();
    fake.granted.add('https://crm.corp.example/*');
    await saveSites([...BUILT_IN_SITES, { id: 'su', pattern: 'https://crm.corp.example/*', mode: 'off', rules: [] }]);
    const applied = await applySitesPolicy({ sites: [{ pattern: 'https://crm.corp.example/*', mode: 'inline' }, { pattern: '*://*.com/*' }] });
    const managed = { id: managedSiteId('https://crm.corp.example/*'), pattern: 'https://crm.corp.example/*', mode: 'inline', rules: [], managed: true };
    expect(applied).toEqual([...BUILT_IN_SITES, managed]);
    expect((await readSites()).sites).toEqual(applied);
    await until(() => fake.registered.has(`site-${managed.id}`));
    expect([...fake.registered.values()].flatMap((s) => s.matches)).not.toContain('*://*.com/*');
  });

  it('leaves the stored list alone when the policy manages no sites', async () => {
    const user = { id: 'su', pattern: 'https://crm.corp.example/*', mode: 'off' as const, rules: [] };
    await saveSites([...BUILT_IN_SITES, user]);
    const before = await fakeBrowser.storage.local.get(null);
    expect(await applySitesPolicy({})).toEqual([...BUILT_IN_SITES, user]);
    expect(await fakeBrowser.storage.local.get(null)).toEqual(before);
  });

  it('does not overwrite a stored list that cannot be read (issue 20.8)', async () => {
    await fakeBrowser.storage.local.set({ sites: 'plain, not sealed' });
    await applySitesPolicy({ sites: [{ pattern: 'https://crm.corp.example/*' }] });
    expect(await fakeBrowser.storage.local.get('sites')).toEqual({ sites: 'plain, not sealed' });
  });
});
