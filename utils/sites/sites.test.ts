import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { apiHostUser } from '../connection/api-origin';
import { baseUrlSetting } from '../connection/settings';
import { createHostAccess } from '../core/hosts/host-access';
import { addSite, removeSite as removeSiteWith, setSiteMode, setSiteRules, grantSiteAccess } from './actions';
import { sitesHostUser } from './sites-in-use';
import { BUILT_IN_SITES } from './built-in';
import { installFakeScripting, type FakeScripting } from '../../tests/support/fake-scripting';
import { CONTENT_SCRIPT_FILE, siteStatuses } from './registration';
import { parseSites, readSites, saveSites } from './store';

let fake: FakeScripting;
// As the options page wires it: the API address and the sites say which hosts are in use.
const removeSite = (id: string) => removeSiteWith(id, createHostAccess([apiHostUser, sitesHostUser]));

beforeEach(() => {
  fakeBrowser.reset();
  fake = installFakeScripting();
});

async function stored(): Promise<unknown> {
  return (await fakeBrowser.storage.local.get('sites')).sites;
}

describe('parseSites', () => {
  it('gives the built-in Convoso sites when nothing is stored', () => {
    expect(parseSites(undefined)).toEqual({ sites: BUILT_IN_SITES, problems: [] });
  });

  it('keeps readable entries and reports each unreadable one', () => {
    const good = { id: 'sabc', pattern: 'https://crm.example.com/*', mode: 'inline', rules: [] };
    const read = parseSites([
      good,
      { id: 'sbad', pattern: 'crm.example.com', mode: 'badge', rules: [] },
      { id: 'sdup', pattern: 'https://crm.example.com/*', mode: 'badge', rules: [] },
      'junk',
    ]);
    expect(read.sites.slice(BUILT_IN_SITES.length)).toEqual([good]);
    expect(read.problems).toEqual([
      'Stored CRM site #2 was unreadable and is ignored.',
      'Stored CRM site https://crm.example.com/* was listed twice; the first entry is used.',
      'Stored CRM site #4 was unreadable and is ignored.',
    ]);
  });

  it('applies a stored mode to a built-in site but never its pattern', () => {
    const read = parseSites([{ id: 'convoso-agent', pattern: 'https://evil.example.com/*', mode: 'off', rules: [] }]);
    expect(read.sites.find((s) => s.id === 'convoso-agent')).toEqual({
      id: 'convoso-agent',
      pattern: 'https://agent.convoso.com/*',
      mode: 'off',
      rules: [],
    });
  });

  it('falls back to the built-ins for a list that is not a list', () => {
    expect(parseSites({ sites: 1 })).toEqual({
      sites: BUILT_IN_SITES,
      problems: ['The CRM site list was stored in an unreadable form; only the built-in sites are used.'],
    });
  });
});

describe('saveSites', () => {
  it('refuses a list with a duplicate pattern and writes nothing', async () => {
    const site = { id: 'sa', pattern: 'https://crm.example.com/*', mode: 'badge' as const, rules: [] };
    expect(await saveSites([site, { ...site, id: 'sb' }])).toEqual({ ok: false, message: 'That site is already in the list.' });
    expect(await stored()).toBeUndefined();
  });
});

describe('addSite', () => {
  it('asks for access, registers the content script, then stores the site', async () => {
    const result = await addSite(BUILT_IN_SITES, 'https://crm.example.com/leads/7');
    expect(result.ok).toBe(true);
    expect(fake.requests).toEqual([['https://crm.example.com/*']]);
    const { sites } = await readSites();
    const site = sites.at(-1)!;
    expect(site).toMatchObject({ pattern: 'https://crm.example.com/*', mode: 'badge', rules: [] });
    expect(fake.registered.get(`site-${site.id}`)).toEqual({
      id: `site-${site.id}`,
      matches: ['https://crm.example.com/*'],
      js: [CONTENT_SCRIPT_FILE],
      runAt: 'document_start',
      persistAcrossSessions: true,
    });
    expect(await siteStatuses(sites)).toMatchObject({ [site.id]: 'active', 'convoso-admin': 'built-in' });
  });

  it('stores nothing when the user refuses access', async () => {
    fake.answer = false;
    expect(await addSite(BUILT_IN_SITES, 'crm.example.com')).toEqual({
      ok: false,
      message: 'Access to https://crm.example.com/* was not granted, so the site was not added.',
    });
    expect(await stored()).toBeUndefined();
    expect(fake.registered.size).toBe(0);
  });

  it('refuses garbage and duplicates without asking the browser', async () => {
    expect((await addSite(BUILT_IN_SITES, 'not a url')).ok).toBe(false);
    expect(await addSite(BUILT_IN_SITES, 'https://admin.convoso.com/x')).toEqual({
      ok: false,
      message: 'https://admin.convoso.com/* is already in the list (built in).',
    });
    expect(fake.requests).toEqual([]);
  });

  it('takes the site out of the list again when the background cannot register it', async () => {
    (fakeBrowser.scripting as any).registerContentScripts.mockRejectedValueOnce(new Error('boom'));
    const result = await addSite(BUILT_IN_SITES, 'crm.example.com');
    expect(result).toEqual({ ok: false, message: 'The page script could not be registered for https://crm.example.com/* (boom). Nothing was added.' });
    expect((await readSites()).sites).toEqual(BUILT_IN_SITES);
    expect(fake.registered.size).toBe(0);
  });
});

describe('removeSite', () => {
  it('unregisters the script and drops the access', async () => {
    const added = await addSite(BUILT_IN_SITES, 'crm.example.com');
    const id = added.ok ? added.site!.id : '';
    expect(await removeSite(id)).toEqual({ ok: true });
    expect(fake.registered.size).toBe(0);
    expect(fake.granted.has('https://crm.example.com/*')).toBe(false);
    expect((await readSites()).sites).toEqual(BUILT_IN_SITES);
  });

  it('keeps the access the API address still needs', async () => {
    await baseUrlSetting.set('https://crm.example.com/api/v1');
    const added = await addSite(BUILT_IN_SITES, 'crm.example.com');
    await removeSite(added.ok ? added.site!.id : '');
    expect(fake.granted.has('https://crm.example.com/*')).toBe(true);
  });

  it.each([
    ['another path of the same host', 'https://crm.example.com/leads/*', 'https://crm.example.com/contacts/*'],
    ['the same host on any scheme', 'https://crm.example.com/*', '*://crm.example.com/*'],
    ['a site its wildcard covers', '*://*.example.com/*', 'https://crm.example.com/*'],
  ])('keeps the access %s still needs (host permissions ignore paths)', async (_label, removed, kept) => {
    const first = await addSite(BUILT_IN_SITES, removed);
    const second = await addSite((await readSites()).sites, kept);
    expect(first.ok && second.ok).toBe(true);
    await removeSite(first.ok ? first.site!.id : '');
    expect(fakeBrowser.permissions.remove).not.toHaveBeenCalled();
    expect((await readSites()).sites.map((s) => s.pattern)).toContain(kept);
  });

  it('keeps the access an API address on another path of the same host needs', async () => {
    await baseUrlSetting.set('https://crm.example.com/api/v1');
    const added = await addSite(BUILT_IN_SITES, 'https://crm.example.com/crm/*');
    await removeSite(added.ok ? added.site!.id : '');
    expect(fakeBrowser.permissions.remove).not.toHaveBeenCalled();
  });

  it('drops a wildcard site whose only overlap is a built-in Convoso page or the default API host', async () => {
    const added = await addSite(BUILT_IN_SITES, '*://*.convoso.com/*');
    await removeSite(added.ok ? added.site!.id : '');
    expect(fakeBrowser.permissions.remove).toHaveBeenCalledWith({ origins: ['*://*.convoso.com/*'] });
  });

  it('refuses to remove a built-in site', async () => {
    expect((await removeSite('convoso-admin')).ok).toBe(false);
  });
});

describe('setSiteMode', () => {
  it('unregisters a site switched off and registers it again when switched on', async () => {
    const added = await addSite(BUILT_IN_SITES, 'crm.example.com');
    const id = added.ok ? added.site!.id : '';
    await setSiteMode(id, 'off');
    expect(fake.registered.size).toBe(0);
    expect((await siteStatuses((await readSites()).sites))[id]).toBe('off');
    await setSiteMode(id, 'inline');
    expect([...fake.registered.keys()]).toEqual([`site-${id}`]);
    expect((await readSites()).sites.find((s) => s.id === id)?.mode).toBe('inline');
  });

  it('lets a built-in site be switched to inline', async () => {
    expect((await setSiteMode('convoso-agent', 'inline')).ok).toBe(true);
    expect((await readSites()).sites.find((s) => s.id === 'convoso-agent')?.mode).toBe('inline');
    expect(fake.registered.size).toBe(0);
  });
});

describe('setSiteRules', () => {
  it('stores valid rules and refuses malformed ones', async () => {
    const rule = { kind: 'url' as const, pattern: 'lead/{id}' };
    expect((await setSiteRules('convoso-admin', [rule])).ok).toBe(true);
    expect((await readSites()).sites[0]!.rules).toEqual([rule]);
    expect((await setSiteRules('convoso-admin', [{ kind: 'url', pattern: '' }])).ok).toBe(false);
    expect((await readSites()).sites[0]!.rules).toEqual([rule]);
  });
});

describe('the background’s site sync', () => {
  it('registers stored sites that have access, drops registrations of removed or inaccessible ones', async () => {
    fake.granted.add('https://a.example.com/*');
    fake.registered.set('site-gone', { id: 'site-gone', matches: ['https://gone.example.com/*'], js: [CONTENT_SCRIPT_FILE] });
    fake.registered.set('site-sb', { id: 'site-sb', matches: ['https://old.example.com/*'], js: [CONTENT_SCRIPT_FILE] });
    // Registered by an older version, which ran at document_idle: registered again.
    fake.registered.set('site-sa', { id: 'site-sa', matches: ['https://a.example.com/*'], js: [CONTENT_SCRIPT_FILE], runAt: 'document_idle' });
    fake.granted.add('https://b.example.com/*');
    await saveSites([
      ...BUILT_IN_SITES,
      { id: 'sa', pattern: 'https://a.example.com/*', mode: 'badge', rules: [] },
      { id: 'sb', pattern: 'https://b.example.com/*', mode: 'inline', rules: [] },
      { id: 'sc', pattern: 'https://c.example.com/*', mode: 'badge', rules: [] },
    ]);
    await fake.sync.request();
    expect([...fake.registered.keys()].sort()).toEqual(['site-sa', 'site-sb']);
    expect(fake.registered.get('site-sb')?.matches).toEqual(['https://b.example.com/*']);
    expect(await siteStatuses((await readSites()).sites)).toMatchObject({ sa: 'active', sb: 'active', sc: 'no-access' });
    expect(fake.registered.get('site-sa')?.runAt).toBe('document_start');

    fake.granted.add('https://c.example.com/*');
    expect(await grantSiteAccess(['https://c.example.com/*'])).toEqual({ ok: true });
    expect(fake.registered.has('site-sc')).toBe(true);
  });

});
