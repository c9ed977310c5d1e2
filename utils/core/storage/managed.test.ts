import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { appliedPolicySetting, createPolicyRun, lastAppliedPolicy, readPolicy, startPolicy, watchPolicy, type PolicyValues } from './managed';

// The core's part of the policy: reading it, running every feature's applier, and
// keeping what was applied so a page knows it at once. The features' parts are
// tested in utils/connection/connection-policy.test.ts and utils/sites/sites-policy.test.ts.

beforeEach(() => fakeBrowser.reset());

const until = async (check: () => boolean | Promise<boolean>) => {
  for (let i = 0; i < 200 && !(await check()); i++) await new Promise((r) => setTimeout(r, 5));
  expect(await check()).toBe(true);
};

describe('readPolicy', () => {
  it('gives what storage.managed holds, and nothing for a browser without a policy store', async () => {
    expect(await readPolicy()).toEqual({});
    await fakeBrowser.storage.managed.set({ requestMethod: 'POST' });
    expect(await readPolicy()).toEqual({ requestMethod: 'POST' });
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockRejectedValueOnce(new Error('Managed storage manifest not found'));
    expect(await readPolicy()).toEqual({});
  });
});

describe('createPolicyRun', () => {
  it('hands the policy to every applier, one run after another, and records it as applied', async () => {
    await fakeBrowser.storage.managed.set({ apiBaseUrl: 'https://api.corp.example/v1' });
    const seen: Array<[string, PolicyValues]> = [];
    let active = 0;
    const applier = (name: string) => async (values: PolicyValues) => {
      expect(++active).toBe(1);
      await new Promise((r) => setTimeout(r, 2));
      seen.push([name, values]);
      active--;
    };
    const run = createPolicyRun([applier('a'), applier('b')]);
    await Promise.all([run(), run()]);
    expect(seen.map(([name]) => name)).toEqual(['a', 'b', 'a', 'b']);
    expect(seen[0]![1]).toEqual({ apiBaseUrl: 'https://api.corp.example/v1' });
    expect(await lastAppliedPolicy()).toEqual({ apiBaseUrl: 'https://api.corp.example/v1' });
  });

  it('a failing applier stops neither the others nor the record', async () => {
    const after = vi.fn(async () => {});
    await createPolicyRun([async () => Promise.reject(new Error('x')), after])();
    expect(after).toHaveBeenCalledOnce();
    expect((await appliedPolicySetting.get()).problem).toBeUndefined();
  });

  it('writes the record only when the policy changed', async () => {
    const run = createPolicyRun([]);
    await run();
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    await run();
    expect(set).not.toHaveBeenCalled();
    vi.restoreAllMocks();
  });
});

describe('startPolicy', () => {
  it.each([
    ['the extension is installed or updated', () => fakeBrowser.runtime.onInstalled.trigger({ reason: 'update' } as never)],
    ['the browser starts', () => fakeBrowser.runtime.onStartup.trigger()],
  ])('applies the policy when %s, and not at a plain start', async (_, fire) => {
    await fakeBrowser.storage.managed.set({ requestMethod: 'POST' });
    const apply = vi.fn(async () => {});
    startPolicy([apply]);
    await new Promise((r) => setTimeout(r, 20));
    expect(apply).not.toHaveBeenCalled();
    await fire();
    await until(() => apply.mock.calls.length === 1);
    expect(apply).toHaveBeenCalledWith({ requestMethod: 'POST' });
  });
});

describe('watchPolicy', () => {
  it('stops calling back once stopped', () => {
    const stop = watchPolicy(() => {});
    expect(typeof stop).toBe('function');
    stop();
  });
});
