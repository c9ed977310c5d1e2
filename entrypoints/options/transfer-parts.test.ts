import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { installFakeScripting, type FakeScripting } from '../../tests/support/fake-scripting';
import { baseUrlSetting, localTokenSetting, methodSetting, pageSizeSetting, timeZoneSetting, userIdSetting } from '../../utils/connection/settings';
import { applyImport } from '../../utils/core/transfer/apply-import';
import { exportSettings } from '../../utils/core/transfer/export-settings';
import { planImport } from '../../utils/core/transfer/plan-import';
import type { ImportPlan } from '../../utils/core/transfer/transfer-parts';
import { BUILT_IN_SITES } from '../../utils/sites/built-in';
import type { Site } from '../../utils/sites/schema';
import { readSites, saveSites, SITES_KEY } from '../../utils/sites/store';
import { transferParts } from './transfer-parts';

// The settings file as the options page builds it from the features' parts:
// the connection's settings, the saved searches, the sites.

let fake: FakeScripting;
beforeEach(() => {
  fakeBrowser.reset();
  fake = installFakeScripting();
});

const NO_POLICY = { problems: [] };
const parts = transferParts(NO_POLICY);
const crm = { id: 'scrm', pattern: 'https://crm.example.com/*', mode: 'inline' as const, rules: [{ kind: 'url' as const, pattern: 'lead/{id}' }] };
const file = (overrides: Record<string, unknown> = {}) =>
  JSON.stringify({
    format: 'convoso-callbacks-settings',
    version: 1,
    exportedAt: '2026-11-26T10:00:00.000Z',
    settings: { apiBaseUrl: 'https://api.convoso.com/v1', requestMethod: 'POST', pageSize: 50 },
    sites: [],
    ...overrides,
  });
const plannedSites = (plan: ImportPlan) => plan.writes.find((w) => w.key === SITES_KEY)?.value as Site[];

describe('export', () => {
  it('exports settings and sites but never the token, the user ID or the policy’s sites', async () => {
    await localTokenSetting.set('test-token-not-real-0001');
    await userIdSetting.set('1234');
    await methodSetting.set('POST');
    await saveSites([...BUILT_IN_SITES, crm, { ...crm, id: 'm-x', pattern: 'https://managed.example.com/*', managed: true }]);
    const { file: exported, problems } = await exportSettings(parts, new Date('2026-11-26T10:00:00Z'));
    expect(exported).toEqual({
      format: 'convoso-callbacks-settings',
      version: 1,
      exportedAt: '2026-11-26T10:00:00.000Z',
      settings: { apiBaseUrl: 'https://api.convoso.com/v1', requestMethod: 'POST', pageSize: 20 },
      sites: [...BUILT_IN_SITES.map(({ pattern, mode, rules }) => ({ pattern, mode, rules })), { pattern: crm.pattern, mode: 'inline', rules: crm.rules }],
    });
    expect(problems).toEqual([]);
    expect(JSON.stringify(exported)).not.toContain('test-token-not-real-0001');
    expect(JSON.stringify(exported)).not.toContain('1234');
  });

  it('exports the zone once one is set, and not while it follows each browser', async () => {
    expect((await exportSettings(parts)).file.settings).not.toHaveProperty('timeZone');
    await timeZoneSetting.set('America/Los_Angeles');
    expect((await exportSettings(parts)).file.settings.timeZone).toBe('America/Los_Angeles');
  });
});

describe('import', () => {
  it('accepts a valid file item by item', async () => {
    const plan = await planImport(
      file({ sites: [{ pattern: 'crm.example.com', mode: 'inline', rules: crm.rules }, { pattern: 'https://agent.convoso.com/*', mode: 'off', rules: [] }] }),
      parts,
    );
    expect(plan.rejected).toEqual([]);
    expect(plan.accepted).toEqual([
      { label: 'API base URL', message: 'Set to https://api.convoso.com/v1.' },
      { label: 'Request method', message: 'Set to POST.' },
      { label: 'Default page size', message: 'Set to 50.' },
      { label: 'Site https://crm.example.com/*', message: 'Added: inline, 1 rule.' },
      { label: 'Site https://agent.convoso.com/*', message: 'Updated: off, 0 rules (built in).' },
    ]);
    expect(plan.origins).toEqual(['https://crm.example.com/*']);
    expect(plannedSites(plan).find((s) => s.id === 'convoso-agent')?.mode).toBe('off');
  });

  it('rejects each invalid field and site with the reason, a public suffix included', async () => {
    const plan = await planImport(
      file({
        settings: { apiBaseUrl: 'http://api.example.com', requestMethod: 'PUT', pageSize: 0, timeZone: 'PST8PDT-ish' },
        sites: [
          { pattern: 'not a site' },
          { pattern: 'https://a.example.com/*', mode: 'loud' },
          { pattern: 'https://b.example.com/*', rules: [{ kind: 'url', pattern: '(unclosed' }, { kind: 'css' }] },
          { pattern: 'c.example.com' },
          { pattern: 'https://c.example.com/x' },
          'junk',
          { pattern: '*://*.com/*' },
        ],
      }),
      parts,
    );
    expect(plan.rejected).toEqual([
      { label: 'API base URL', message: 'The API address must start with https:// (plain http is allowed only for localhost).' },
      { label: 'Request method', message: 'Must be "GET" or "POST".' },
      { label: 'Default page size', message: 'Must be a whole number from 1 to 5000.' },
      { label: 'Account time zone', message: 'Must be an IANA time zone such as America/Los_Angeles.' },
      { label: 'Site #1 (not a site)', message: 'An address has no spaces in it.' },
      { label: 'Site https://a.example.com/*', message: 'Mode must be "badge", "inline" or "off".' },
      {
        label: 'Site https://b.example.com/*',
        message: expect.stringMatching(/^Invalid rule 1: pattern: Put \{id\} where the lead ID is.*; rule 2: not a URL rule or a selector rule\.$/),
      },
      { label: 'Site https://c.example.com/*', message: 'Listed twice in the file.' },
      { label: 'Site #6', message: 'Needs a "pattern", the site address.' },
      { label: 'Site *://*.com/*', message: expect.stringMatching(/public suffix com/) },
    ]);
    expect(plan.accepted).toEqual([{ label: 'Site https://c.example.com/*', message: 'Added: badge, 0 rules.' }]);
  });

  it('skips what the administrator sets, without blocking', async () => {
    await saveSites([...BUILT_IN_SITES, { id: 'm-1', pattern: 'https://m.example.com/*', mode: 'badge', rules: [], managed: true }]);
    const locked = transferParts({ baseUrl: 'https://api.corp.example/v1', timeZone: 'America/Denver', problems: [] });
    const plan = await planImport(
      file({ settings: { apiBaseUrl: 'https://api.corp.example/v1', timeZone: 'America/Chicago' }, sites: [{ pattern: 'https://m.example.com/*' }] }),
      locked,
    );
    expect(plan.rejected).toEqual([]);
    expect(plan.skipped).toEqual([
      { label: 'API base URL', message: 'Set by your administrator; kept.' },
      { label: 'Account time zone', message: 'Set by your administrator; kept.' },
      { label: 'Site https://m.example.com/*', message: 'Set by your administrator; kept.' },
    ]);
  });

  it('asks for a new API host, and imports a zone', async () => {
    const plan = await planImport(file({ settings: { apiBaseUrl: 'https://api.corp.example/v1', timeZone: 'america/los_angeles' } }), parts);
    expect(plan.origins).toEqual(['https://api.corp.example/*']);
    expect(plan.accepted).toContainEqual({ label: 'Account time zone', message: 'Set to America/Los_Angeles.' });
    expect(await applyImport(plan)).toEqual({ ok: true });
    expect((await timeZoneSetting.get()).value).toBe('America/Los_Angeles');
    expect((await baseUrlSetting.get()).value).toBe('https://api.corp.example/v1');
  });

  it('writes everything, asks for new hosts first and registers new sites', async () => {
    const plan = await planImport(file({ sites: [{ pattern: 'crm.example.com', mode: 'inline' }] }), parts);
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
    const plan = await planImport(file({ sites: [{ pattern: 'crm.example.com' }] }), parts);
    expect((await applyImport(plan)).ok).toBe(false);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('round-trips an export', async () => {
    await methodSetting.set('POST');
    await saveSites([...BUILT_IN_SITES, crm]);
    const text = JSON.stringify((await exportSettings(parts)).file);
    fakeBrowser.reset();
    fake = installFakeScripting();
    const plan = await planImport(text, parts);
    expect(plan.rejected).toEqual([]);
    expect(await applyImport(plan)).toEqual({ ok: true });
    expect((await methodSetting.get()).value).toBe('POST');
    expect((await readSites()).sites.map(({ id: _id, ...rest }) => rest)).toEqual([...BUILT_IN_SITES, crm].map(({ id: _id, ...rest }) => rest));
  });

  it('converts a rule from before templates that has a template, refuses one that has none', async () => {
    const plan = await planImport(
      file({
        settings: {},
        sites: [
          { pattern: 'https://a.example.com/*', mode: 'badge', rules: [{ kind: 'url', pattern: '.*.*lead=(\\d+)' }] },
          { pattern: 'https://b.example.com/*', mode: 'badge', rules: [{ kind: 'url', pattern: '\\d*\\d*\\d*(\\d+)x' }] },
          { pattern: 'https://c.example.com/*', mode: 'badge', rules: [{ kind: 'url', pattern: `${'.*'.repeat(240)}(\\d+` }] },
        ],
      }),
      parts,
    );
    expect(plannedSites(plan).find((s) => s.pattern === 'https://a.example.com/*')?.rules).toEqual([{ kind: 'url', pattern: '*lead={id}' }]);
    expect(plan.rejected.map((r) => r.label)).toEqual(['Site https://b.example.com/*', 'Site https://c.example.com/*']);
    expect(plan.accepted).toEqual([{ label: 'Site https://a.example.com/*', message: 'Added: badge, 1 rule.' }]);
  });
});
