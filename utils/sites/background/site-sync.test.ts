import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BUILT_IN_SITES } from '../built-in';
import { installFakeScripting, type FakeScripting } from '../../../tests/support/fake-scripting';
import { saveSites } from '../store';
import { createSiteSync, startSiteSync } from './site-sync';

let fake: FakeScripting;
beforeEach(() => {
  fakeBrowser.reset();
  fake = installFakeScripting();
});

const SITE = { id: 'sa', pattern: 'https://a.example.com/*', mode: 'badge' as const, rules: [] };
const until = async (check: () => boolean | Promise<boolean>) => {
  for (let i = 0; i < 200 && !(await check()); i++) await new Promise((r) => setTimeout(r, 5));
  expect(await check()).toBe(true);
};

describe('createSiteSync', () => {
  it('runs requests one after another: many at once never register one script twice', async () => {
    fake.granted.add(SITE.pattern);
    await saveSites([...BUILT_IN_SITES, SITE]);
    const sync = createSiteSync();
    const runs = await Promise.all([sync.request(), sync.request(), sync.request(), sync.request()]);
    expect(runs).toEqual([{}, {}, {}, {}]);
    expect([...fake.registered.keys()]).toEqual(['site-sa']);
  });

  it('gives back why a registration failed, by site id', async () => {
    fake.granted.add(SITE.pattern);
    await saveSites([...BUILT_IN_SITES, SITE]);
    (fakeBrowser.scripting as any).registerContentScripts.mockRejectedValueOnce(new Error('boom'));
    expect(await createSiteSync().request()).toEqual({ sa: 'boom' });
  });
});

describe('startSiteSync', () => {
  it('does nothing at a plain worker start: no settings written, nothing registered', async () => {
    await fakeBrowser.storage.managed.set({ apiBaseUrl: 'https://api.corp.example/v1' });
    fake.granted.add(SITE.pattern);
    await saveSites([...BUILT_IN_SITES, SITE]);
    const before = await fakeBrowser.storage.local.get();
    startSiteSync();
    await new Promise((r) => setTimeout(r, 50));
    expect(await fakeBrowser.storage.local.get()).toEqual(before);
    expect(fake.registered.size).toBe(0);
  });

  it.each([
    ['the browser starts', () => fakeBrowser.runtime.onStartup.trigger()],
    ['the extension is installed or updated', () => fakeBrowser.runtime.onInstalled.trigger({ reason: 'update' } as never)],
  ])('registers the stored sites when %s', async (_label, fire) => {
    fake.granted.add(SITE.pattern);
    await saveSites([...BUILT_IN_SITES, SITE]);
    startSiteSync();
    await fire();
    await until(() => fake.registered.has('site-sa'));
  });

  it('follows changes of the stored list', async () => {
    fake.granted.add(SITE.pattern);
    startSiteSync();
    await saveSites([...BUILT_IN_SITES, SITE]);
    await until(() => fake.registered.has('site-sa'));
    await saveSites([...BUILT_IN_SITES, { ...SITE, mode: 'off' }]);
    await until(() => fake.registered.size === 0);
  });
});
