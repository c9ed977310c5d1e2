import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readFileSync } from 'node:fs';
import { TRAFFIC_POLICY_RANGES, parseTrafficPolicy, readTrafficPolicy, watchTrafficPolicy } from './traffic-policy';

beforeEach(() => fakeBrowser.reset());

describe('parseTrafficPolicy', () => {
  it('takes every valid limit', () => {
    expect(
      parseTrafficPolicy({ requestsPerMinute: 30, minRefreshMinutes: 30, leadCacheMinutes: 20, allowInlineChips: false, allowToolbarCount: true, allowReminders: false }),
    ).toEqual({ requestsPerMinute: 30, minRefreshMinutes: 30, leadCacheMinutes: 20, allowInlineChips: false, allowToolbarCount: true, allowReminders: false, problems: [] });
  });

  it('leaves out what the policy does not set', () => {
    expect(parseTrafficPolicy({ apiBaseUrl: 'https://api.convoso.com/v1' })).toEqual({ problems: [] });
    expect(parseTrafficPolicy(undefined)).toEqual({ problems: [] });
  });

  it.each([
    [{ requestsPerMinute: 0 }, 'Policy requestsPerMinute ignored: it must be a whole number from 1 to 600.'],
    [{ requestsPerMinute: 1.5 }, 'Policy requestsPerMinute ignored: it must be a whole number from 1 to 600.'],
    [{ minRefreshMinutes: '30' }, 'Policy minRefreshMinutes ignored: it must be a whole number from 1 to 240.'],
    [{ leadCacheMinutes: 61 }, 'Policy leadCacheMinutes ignored: it must be a whole number from 1 to 60.'],
    [{ allowInlineChips: 'no' }, 'Policy allowInlineChips ignored: it must be true or false.'],
  ])('ignores and reports %j, one value at a time', (raw, problem) => {
    expect(parseTrafficPolicy({ ...raw, allowReminders: false })).toEqual({ allowReminders: false, problems: [problem] });
  });
});

describe('readTrafficPolicy', () => {
  it('reads the browser’s policy, and calls back when it changes', async () => {
    const changed = vi.fn();
    const stop = watchTrafficPolicy(changed);
    await fakeBrowser.storage.managed.set({ requestsPerMinute: 20 });
    expect(await readTrafficPolicy()).toEqual({ requestsPerMinute: 20, problems: [] });
    expect(changed).toHaveBeenCalled();
    stop();
  });

  it('limits nothing where the browser has no policy store', async () => {
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockRejectedValue(new Error('Managed storage manifest not found'));
    expect(await readTrafficPolicy()).toEqual({ problems: [] });
    vi.restoreAllMocks();
  });
});

describe('public/managed_schema.json', () => {
  const schema = JSON.parse(readFileSync(new URL('../../../public/managed_schema.json', import.meta.url), 'utf8')) as {
    properties: Record<string, { type: string; minimum?: number; maximum?: number }>;
  };
  it('declares every traffic limit with the range the background accepts', () => {
    for (const [key, [min, max]] of Object.entries(TRAFFIC_POLICY_RANGES)) expect(schema.properties[key]).toMatchObject({ type: 'integer', minimum: min, maximum: max });
    for (const key of ['allowInlineChips', 'allowToolbarCount', 'allowReminders']) expect(schema.properties[key]).toMatchObject({ type: 'boolean' });
  });
});
