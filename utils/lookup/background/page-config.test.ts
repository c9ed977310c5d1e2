import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BUILT_IN_SITES } from '../../sites/built-in';
import { saveSites } from '../../sites/store';
import { noticeFor } from './config-push';
import { createSitesMemo } from '../../sites/background/sites-memo';
import { createSiteConfigHandler, saveBadgePosition } from './page-config';

const tab = { id: 3 } as never;
const onCrm = { id: 'x', url: 'https://crm.example.com/lead/7?x=1', tab };
const rules = [{ kind: 'url' as const, pattern: 'lead/(\\d+)' }];

let siteConfig: ReturnType<typeof createSiteConfigHandler>;
beforeEach(() => {
  fakeBrowser.reset();
  siteConfig = createSiteConfigHandler(createSitesMemo().configFor);
});

describe('site-config: a content script learns its own page’s configuration', () => {
  it('from the site matching the sender’s address, with the badge position of its origin', async () => {
    await saveSites([...BUILT_IN_SITES, { id: 'scrm', pattern: 'https://crm.example.com/*', mode: 'inline', rules }]);
    expect(await saveBadgePosition({ type: 'save-badge-position', right: 40, bottom: 50 }, onCrm)).toEqual({ ok: true });
    expect(await siteConfig({}, onCrm)).toEqual({ ok: true, config: { mode: 'inline', rules }, position: { right: 40, bottom: 50 } });
    expect((await fakeBrowser.storage.local.get('badgePositions')).badgePositions).toEqual({ 'https://crm.example.com': { right: 40, bottom: 50 } });
    expect(await siteConfig({}, { ...onCrm, url: 'https://other.example/lead/7' })).toEqual({
      ok: true,
      config: { mode: 'badge', rules: [] },
      position: { right: 16, bottom: 16 },
    });
  });
  it('reads the list once, and again after it changed', async () => {
    await saveSites([...BUILT_IN_SITES, { id: 'scrm', pattern: 'https://crm.example.com/*', mode: 'inline', rules }]);
    expect(await siteConfig({}, onCrm)).toMatchObject({ config: { mode: 'inline' } });
    await saveSites([...BUILT_IN_SITES, { id: 'scrm', pattern: 'https://crm.example.com/*', mode: 'off', rules }]);
    expect(await siteConfig({}, onCrm)).toMatchObject({ config: { mode: 'off' } });
  });
  it('reads the stored positions once, and again after a badge was moved', async () => {
    const reads = vi.spyOn(fakeBrowser.storage.local, 'get');
    const positionReads = () => reads.mock.calls.filter(([key]) => key === 'badgePositions').length;
    expect(await siteConfig({}, onCrm)).toMatchObject({ position: { right: 16, bottom: 16 } });
    expect(await siteConfig({}, onCrm)).toMatchObject({ position: { right: 16, bottom: 16 } });
    expect(positionReads()).toBe(1);
    await saveBadgePosition({ type: 'save-badge-position', right: 40, bottom: 50 }, onCrm);
    expect(await siteConfig({}, onCrm)).toMatchObject({ position: { right: 40, bottom: 50 } });
    expect(await siteConfig({}, { ...onCrm, url: 'https://other.example/x' })).toMatchObject({ position: { right: 16, bottom: 16 } });
    reads.mockRestore();
  });
  it('ignores a site list written in plain form by something else (a Firefox content script)', async () => {
    await fakeBrowser.storage.local.set({ sites: [{ id: 'evil', pattern: 'https://crm.example.com/*', mode: 'inline', rules: [{ kind: 'url', pattern: '(.*)' }] }] });
    expect(await siteConfig({}, onCrm)).toMatchObject({ ok: true, config: { mode: 'badge', rules: [] } });
  });
  it('answers nothing to a sender that is not a web page', async () => {
    for (const sender of [{ id: 'x' }, { id: 'x', url: 'chrome-extension://x/popup.html' }, { id: 'x', url: 'file:///etc/passwd', tab }]) {
      expect(await siteConfig({}, sender)).toMatchObject({ ok: false, error: { kind: 'refused' } });
      expect(await saveBadgePosition({ type: 'save-badge-position', right: 1, bottom: 1 }, sender)).toMatchObject({ ok: false });
    }
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });
});

describe('noticeFor: what the background tells content scripts', () => {
  it.each([
    [{ sites: {} }, 'local', { type: 'config-changed', sites: true, connection: false }],
    [{ connectionEpoch: {} }, 'local', { type: 'config-changed', sites: false, connection: true }],
    [{ sites: {}, connectionEpoch: {} }, 'local', { type: 'config-changed', sites: true, connection: true }],
    [{ badgePositions: {} }, 'local', null],
    [{ sites: {} }, 'session', null],
    // The administrator's policy may allow or forbid inline chips.
    [{ allowInlineChips: {} }, 'managed', { type: 'config-changed', sites: true, connection: false }],
  ])('%j in %s', (changes, area, notice) => expect(noticeFor(changes, area)).toEqual(notice));
});
