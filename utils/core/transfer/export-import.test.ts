import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BUILT_IN_SITES } from '../../sites/built-in';
import { installFakeScripting, type FakeScripting } from '../../../tests/support/fake-scripting';
import { readSites, saveSites } from '../../sites/store';
import { applyImport, exportSettings, planImport, settingsFileName } from './export-import';
import { baseUrlSetting, localTokenSetting, methodSetting, pageSizeSetting, userIdSetting } from '../../connection/settings';

let fake: FakeScripting;
beforeEach(() => {
  fakeBrowser.reset();
  fake = installFakeScripting();
});

const NOTHING_MANAGED = { problems: [] };
const crm = { id: 'scrm', pattern: 'https://crm.example.com/*', mode: 'inline' as const, rules: [{ kind: 'url' as const, pattern: 'lead/{id}' }] };

function file(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    format: 'convoso-callbacks-settings',
    version: 1,
    exportedAt: '2026-11-26T10:00:00.000Z',
    settings: { apiBaseUrl: 'https://api.convoso.com/v1', requestMethod: 'POST', pageSize: 50 },
    sites: [],
    ...overrides,
  });
}

describe('exportSettings', () => {
  it('exports settings and sites but never the token or the user ID', async () => {
    await localTokenSetting.set('test-token-not-real-0001');
    await userIdSetting.set('1234');
    await methodSetting.set('POST');
    await saveSites([...BUILT_IN_SITES, crm, { ...crm, id: 'm-x', pattern: 'https://managed.example.com/*', managed: true }]);
    const exported = await exportSettings(new Date('2026-11-26T10:00:00Z'));
    expect(exported).toEqual({
      format: 'convoso-callbacks-settings',
      version: 1,
      exportedAt: '2026-11-26T10:00:00.000Z',
      settings: { apiBaseUrl: 'https://api.convoso.com/v1', requestMethod: 'POST', pageSize: 20 },
      sites: [
        ...BUILT_IN_SITES.map(({ pattern, mode, rules }) => ({ pattern, mode, rules })),
        { pattern: crm.pattern, mode: 'inline', rules: crm.rules },
      ],
    });
    expect(JSON.stringify(exported)).not.toContain('test-token-not-real-0001');
    expect(JSON.stringify(exported)).not.toContain('1234');
    expect(settingsFileName(new Date('2026-11-26T10:00:00Z'))).toBe('convoso-callbacks-settings-2026-11-26.json');
  });
});

describe('planImport', () => {
  const context = { sites: BUILT_IN_SITES, managed: NOTHING_MANAGED };

  it.each([
    ['not json', 'It is not JSON. Choose a file made by “Export settings”.'],
    ['[1,2]', 'It is not a Convoso Callbacks settings file.'],
    ['{"format":"something-else","version":1}', 'It is not a Convoso Callbacks settings file.'],
    ['{"format":"convoso-callbacks-settings","version":2}', 'It has format version 2; this version of the extension reads version 1.'],
  ])('refuses the whole file %s', (text, message) => {
    const plan = planImport(text, context);
    expect(plan.rejected).toEqual([{ label: 'The file', message }]);
    expect(plan.accepted).toEqual([]);
  });

  it('accepts a valid file item by item', () => {
    const plan = planImport(
      file({
        sites: [
          { pattern: 'crm.example.com', mode: 'inline', rules: crm.rules },
          { pattern: 'https://agent.convoso.com/*', mode: 'off', rules: [] },
        ],
      }),
      context,
    );
    expect(plan.rejected).toEqual([]);
    expect(plan.accepted).toEqual([
      { label: 'API base URL', message: 'Set to https://api.convoso.com/v1.' },
      { label: 'Request method', message: 'Set to POST.' },
      { label: 'Default page size', message: 'Set to 50.' },
      { label: 'Site https://crm.example.com/*', message: 'Added: inline, 1 rule.' },
      { label: 'Site https://agent.convoso.com/*', message: 'Updated: off, 0 rules (built in).' },
    ]);
    expect(plan.settings).toEqual({ apiBaseUrl: 'https://api.convoso.com/v1', requestMethod: 'POST', pageSize: 50 });
    expect(plan.origins).toEqual(['https://crm.example.com/*']);
    expect(plan.sites.find((s) => s.id === 'convoso-agent')?.mode).toBe('off');
  });

  it('leaves out setting names it does not know, even those every object has', () => {
    const plan = planImport(file({ settings: { constructor: 1, toString: 'x', requestMethod: 'POST' } }), context);
    expect(plan.rejected).toEqual([]);
    expect(plan.skipped.map((s) => s.label)).toEqual(['constructor', 'toString']);
    expect(plan.accepted).toEqual([{ label: 'Request method', message: 'Set to POST.' }]);
  });

  it('rejects each invalid field and site with the reason', () => {
    const plan = planImport(
      file({
        settings: { apiBaseUrl: 'http://api.example.com', requestMethod: 'PUT', pageSize: 0 },
        sites: [
          { pattern: 'not a site' },
          { pattern: 'https://a.example.com/*', mode: 'loud' },
          { pattern: 'https://b.example.com/*', rules: [{ kind: 'url', pattern: '(unclosed' }, { kind: 'css' }] },
          { pattern: 'c.example.com' },
          { pattern: 'https://c.example.com/x' },
          'junk',
        ],
      }),
      context,
    );
    expect(plan.rejected).toEqual([
      { label: 'API base URL', message: 'The API address must start with https:// (plain http is allowed only for localhost).' },
      { label: 'Request method', message: 'Must be "GET" or "POST".' },
      { label: 'Default page size', message: 'Must be a whole number from 1 to 5000.' },
      { label: 'Site #1 (not a site)', message: 'An address has no spaces in it.' },
      { label: 'Site https://a.example.com/*', message: 'Mode must be "badge", "inline" or "off".' },
      {
        label: 'Site https://b.example.com/*',
        message: expect.stringMatching(/^Invalid rule 1: pattern: Put \{id\} where the lead ID is.*; rule 2: not a URL rule or a selector rule\.$/),
      },
      { label: 'Site https://c.example.com/*', message: 'Listed twice in the file.' },
      { label: 'Site #6', message: 'Needs a "pattern", the site address.' },
    ]);
    expect(plan.accepted).toEqual([{ label: 'Site https://c.example.com/*', message: 'Added: badge, 0 rules.' }]);
  });

  it('skips tokens, unknown keys and what the administrator sets, without blocking', () => {
    const plan = planImport(
      file({ token: 'test-token-not-real-0001', settings: { apiBaseUrl: 'https://api.corp.example/v1', auth_token: 'x', colour: 'red' }, sites: [{ pattern: 'https://m.example.com/*' }] }),
      {
        sites: [...BUILT_IN_SITES, { id: 'm-1', pattern: 'https://m.example.com/*', mode: 'badge', rules: [], managed: true }],
        managed: { baseUrl: 'https://api.corp.example/v1', problems: [] },
      },
    );
    expect(plan.rejected).toEqual([]);
    expect(plan.skipped).toEqual([
      { label: 'token', message: 'Tokens are never imported; enter yours on this page.' },
      { label: 'API base URL', message: 'Set by your administrator; kept.' },
      { label: 'auth_token', message: 'Tokens are never imported; enter yours on this page.' },
      { label: 'colour', message: 'Not a setting this version knows; ignored.' },
      { label: 'Site https://m.example.com/*', message: 'Set by your administrator; kept.' },
    ]);
    expect(plan.settings).toEqual({});
  });

  it('asks for a new API host', () => {
    expect(planImport(file({ settings: { apiBaseUrl: 'https://api.corp.example/v1' } }), context).origins).toEqual(['https://api.corp.example/*']);
  });

  it('rejects a selector the page cannot parse', () => {
    const plan = planImport(file({ sites: [{ pattern: 'a.example.com', rules: [{ kind: 'selector', selector: '[[', source: 'text' }] }] }), {
      ...context,
      isValidSelector: (s) => s !== '[[',
    });
    expect(plan.rejected).toEqual([{ label: 'Site https://a.example.com/*', message: 'Invalid rule 1: selector: This is not a valid CSS selector.' }]);
  });
});

describe('applyImport', () => {
  it('writes everything, asks for new hosts first and registers new sites', async () => {
    const plan = planImport(file({ sites: [{ pattern: 'crm.example.com', mode: 'inline' }] }), { sites: BUILT_IN_SITES, managed: NOTHING_MANAGED });
    expect(await applyImport(plan)).toEqual({ ok: true });
    expect(fake.requests).toEqual([['https://crm.example.com/*']]);
    expect((await methodSetting.get()).value).toBe('POST');
    expect((await pageSizeSetting.get()).value).toBe(50);
    const site = (await readSites()).sites.at(-1)!;
    expect(site).toMatchObject({ pattern: 'https://crm.example.com/*', mode: 'inline' });
    expect(fake.registered.has(`site-${site.id}`)).toBe(true);
  });

  it('writes nothing when access is refused', async () => {
    fake.answer = false;
    const plan = planImport(file({ sites: [{ pattern: 'crm.example.com' }] }), { sites: BUILT_IN_SITES, managed: NOTHING_MANAGED });
    expect((await applyImport(plan)).ok).toBe(false);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('writes nothing when an item was rejected', async () => {
    const plan = planImport(file({ settings: { requestMethod: 'POST', pageSize: -1 } }), { sites: BUILT_IN_SITES, managed: NOTHING_MANAGED });
    expect(await applyImport(plan)).toEqual({ ok: false, message: 'Nothing was imported: the file has rejected items.' });
    expect((await methodSetting.get()).value).toBe('GET');
    expect((await baseUrlSetting.get()).value).toBe('https://api.convoso.com/v1');
  });

  it('round-trips an export', async () => {
    await methodSetting.set('POST');
    await saveSites([...BUILT_IN_SITES, crm]);
    const text = JSON.stringify(await exportSettings());
    fakeBrowser.reset();
    fake = installFakeScripting();
    const plan = planImport(text, { sites: (await readSites()).sites, managed: NOTHING_MANAGED });
    expect(plan.rejected).toEqual([]);
    expect(await applyImport(plan)).toEqual({ ok: true });
    expect((await methodSetting.get()).value).toBe('POST');
    expect((await readSites()).sites.map(({ id: _id, ...rest }) => rest)).toEqual(
      [...BUILT_IN_SITES, crm].map(({ id: _id, ...rest }) => rest),
    );
  });
});

describe('planImport: rules from before templates (issue 8, item 4)', () => {
  it('converts a regular expression that has a template, refuses one that has none', () => {
    const plan = planImport(
      JSON.stringify({
        format: 'convoso-callbacks-settings',
        version: 1,
        sites: [
          { pattern: 'https://a.example.com/*', mode: 'badge', rules: [{ kind: 'url', pattern: '.*.*lead=(\\d+)' }] },
          { pattern: 'https://b.example.com/*', mode: 'badge', rules: [{ kind: 'url', pattern: '\\d*\\d*\\d*(\\d+)x' }] },
          { pattern: 'https://c.example.com/*', mode: 'badge', rules: [{ kind: 'url', pattern: `${'.*'.repeat(240)}(\\d+` }] },
        ],
      }),
      { sites: BUILT_IN_SITES, managed: NOTHING_MANAGED },
    );
    expect(plan.sites.find((s) => s.pattern === 'https://a.example.com/*')?.rules).toEqual([{ kind: 'url', pattern: '*lead={id}' }]);
    expect(plan.rejected.map((r) => r.label)).toEqual(['Site https://b.example.com/*', 'Site https://c.example.com/*']);
  });

  it('says which version it reads when the file\'s version is a string (issue 8, item 10)', () => {
    const plan = planImport(JSON.stringify({ format: 'convoso-callbacks-settings', version: '1' }), { sites: BUILT_IN_SITES, managed: NOTHING_MANAGED });
    expect(plan.rejected).toEqual([
      { label: 'The file', message: 'Its format version is "1", a text, not a number; this version of the extension reads version 1. Export the settings again.' },
    ]);
  });
});

