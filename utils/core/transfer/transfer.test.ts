import * as v from 'valibot';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defineSetting, type Setting } from '../storage/setting';
import { applyImport } from './apply-import';
import { exportSettings, settingsFileName } from './export-settings';
import { planImport } from './plan-import';
import type { TransferField, TransferParts, TransferSection } from './transfer-parts';

// The settings file as a mechanism, over parts made up here: each feature's own
// parts are tested in its folder, and all of them together in entrypoints/options.

const colour = defineSetting('local:transferTestColour', 'The colour', v.picklist(['red', 'blue']), 'red');
const size = defineSetting('local:transferTestSize', 'The size', v.pipe(v.number(), v.integer(), v.minValue(1)), 1);
const host = defineSetting('local:transferTestHost', 'The host', v.string(), '');

const fields: TransferField[] = [
  { key: 'colour', label: 'Colour', setting: colour as Setting<unknown>, refused: 'Must be red or blue.' },
  { key: 'size', label: 'Size', setting: size as Setting<unknown>, omit: (value) => value === 1, describe: (value) => `${value} of them.` },
  { key: 'host', label: 'Host', setting: host as Setting<unknown>, origins: (value) => (value ? [`https://${value}/*`] : []) },
];
const listed = vi.fn(async () => {});
const section: TransferSection = {
  key: 'things',
  export: async () => ({ value: ['a'], problems: [] }),
  async plan(raw, plan) {
    if (!Array.isArray(raw)) return void plan.rejected.push({ label: 'things', message: 'Must be a list.' });
    plan.accepted.push({ label: 'Things', message: `${raw.length} of them.` });
    plan.writes.push({ key: 'local:transferTestThings', value: raw });
    plan.after.push(listed);
  },
};
const parts: TransferParts = { fields, sections: [section] };
const file = (more: Record<string, unknown> = {}) => JSON.stringify({ format: 'convoso-callbacks-settings', version: 1, exportedAt: 'x', ...more });

let requested: string[][];
let answer: boolean;
beforeEach(() => {
  fakeBrowser.reset();
  listed.mockClear();
  requested = [];
  answer = true;
  (fakeBrowser.permissions as any).request = vi.fn(async ({ origins }: { origins: string[] }) => (requested.push(origins), answer));
});

describe('exportSettings', () => {
  it('writes each part in order, leaving out what a part omits', async () => {
    await colour.set('blue');
    const { file: exported, problems } = await exportSettings(parts, new Date('2026-11-26T10:00:00Z'));
    expect(exported).toEqual({
      format: 'convoso-callbacks-settings',
      version: 1,
      exportedAt: '2026-11-26T10:00:00.000Z',
      settings: { colour: 'blue', host: '' },
      things: ['a'],
    });
    expect(problems).toEqual([]);
    expect(settingsFileName(new Date('2026-11-26T10:00:00Z'))).toBe('convoso-callbacks-settings-2026-11-26.json');
  });

  it('leaves out a setting that cannot be read, and says so, instead of exporting its default (issue 20.8)', async () => {
    await fakeBrowser.storage.local.set({ transferTestColour: 'plain, not sealed' });
    const { file: exported, problems } = await exportSettings(parts);
    expect(exported.settings).not.toHaveProperty('colour');
    expect(problems).toEqual(['The colour was stored in an unreadable form; using the default.']);
  });
});

describe('planImport', () => {
  it.each([
    ['not json', 'It is not JSON. Choose a file made by “Export settings”.'],
    ['[1,2]', 'It is not a Convoso Callbacks settings file.'],
    ['{"format":"something-else","version":1}', 'It is not a Convoso Callbacks settings file.'],
    ['{"format":"convoso-callbacks-settings","version":2}', 'It has format version 2; this version of the extension reads version 1.'],
    ['{"format":"convoso-callbacks-settings"}', 'It has no format version; this version of the extension reads version 1.'],
    [
      '{"format":"convoso-callbacks-settings","version":"1"}',
      'Its format version is "1", a text, not a number; this version of the extension reads version 1. Export the settings again.',
    ],
  ])('refuses the whole file %s', async (text, message) => {
    const plan = await planImport(text, parts);
    expect(plan.rejected).toEqual([{ label: 'The file', message }]);
    expect(plan.accepted).toEqual([]);
  });

  it('plans each field and section, item by item', async () => {
    const plan = await planImport(file({ settings: { colour: 'blue', size: 3, host: 'h.example' }, things: [1, 2] }), parts);
    expect(plan.rejected).toEqual([]);
    expect(plan.accepted).toEqual([
      { label: 'Colour', message: 'Set to blue.' },
      { label: 'Size', message: '3 of them.' },
      { label: 'Host', message: 'Set to h.example.' },
      { label: 'Things', message: '2 of them.' },
    ]);
    expect(plan.writes.map((w) => w.key)).toEqual([colour.key, size.key, host.key, 'local:transferTestThings']);
    expect(plan.origins).toEqual(['https://h.example/*']);
  });

  it('skips tokens, unknown keys (even those every object has) and what the policy locks, without blocking', async () => {
    const locked: TransferParts = { fields: [{ ...fields[0]!, locked: true }, ...fields.slice(1)], sections: [section] };
    const plan = await planImport(file({ token: 'x', settings: { colour: 'blue', auth_token: 'x', constructor: 1, toString: 'x', size: 2 } }), locked);
    expect(plan.rejected).toEqual([]);
    expect(plan.skipped).toEqual([
      { label: 'token', message: 'Tokens are never imported; enter yours on this page.' },
      { label: 'Colour', message: 'Set by your administrator; kept.' },
      { label: 'auth_token', message: 'Tokens are never imported; enter yours on this page.' },
      { label: 'constructor', message: 'Not a setting this version knows; ignored.' },
      { label: 'toString', message: 'Not a setting this version knows; ignored.' },
    ]);
    expect(plan.accepted).toEqual([{ label: 'Size', message: '2 of them.' }]);
  });

  it('rejects each invalid value with its part’s reason', async () => {
    const plan = await planImport(file({ settings: { colour: 'green', size: 0 }, things: 'no' }), parts);
    expect(plan.rejected).toEqual([
      { label: 'Colour', message: 'Must be red or blue.' },
      { label: 'Size', message: expect.any(String) },
      { label: 'things', message: 'Must be a list.' },
    ]);
  });
});

describe('applyImport', () => {
  it('asks for the hosts first, then writes everything at once, then runs what follows', async () => {
    const plan = await planImport(file({ settings: { colour: 'blue', host: 'h.example' }, things: [1] }), parts);
    expect(await applyImport(plan)).toEqual({ ok: true });
    expect(requested).toEqual([['https://h.example/*']]);
    expect((await colour.get()).value).toBe('blue');
    expect(await fakeBrowser.storage.local.get('transferTestThings')).toMatchObject({ transferTestThings: expect.anything() });
    expect(listed).toHaveBeenCalledOnce();
  });

  it('writes nothing when access is refused, or an item was rejected', async () => {
    answer = false;
    expect(await applyImport(await planImport(file({ settings: { colour: 'blue', host: 'h.example' } }), parts))).toEqual({
      ok: false,
      message: 'The browser did not grant access to the new hosts, so nothing was imported.',
    });
    expect(await applyImport(await planImport(file({ settings: { colour: 'blue', size: -1 } }), parts))).toEqual({
      ok: false,
      message: 'Nothing was imported: the file has rejected items.',
    });
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect(listed).not.toHaveBeenCalled();
  });

  it('writes nothing when the storage refuses one value', async () => {
    vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValueOnce(new Error('QUOTA_BYTES quota exceeded'));
    const result = await applyImport(await planImport(file({ settings: { colour: 'blue' }, things: [1] }), parts));
    expect(result).toEqual({ ok: false, message: 'Nothing was imported: QUOTA_BYTES quota exceeded' });
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    vi.restoreAllMocks();
  });
});
