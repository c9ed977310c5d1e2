import * as v from 'valibot';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defineSetting, writeSettings } from './setting';

// Issue 20.8: a setting whose stored value cannot be read falls back to its default
// (reported), and the next write must not overwrite the old value for good unless a
// person chose to replace it.

const list = defineSetting('local:settingTestList', 'The test list', v.array(v.string()), []);

beforeEach(() => fakeBrowser.reset());

describe('defineSetting', () => {
  it('reads the default, then what was stored', async () => {
    expect(await list.get()).toEqual({ value: [] });
    expect(await list.set(['a'])).toEqual({ ok: true, value: ['a'] });
    expect(await list.get()).toEqual({ value: ['a'] });
  });

  it('checks a value without writing it', async () => {
    expect(list.check(['x'])).toEqual({ ok: true, value: ['x'] });
    expect(list.check('x')).toMatchObject({ ok: false, message: expect.any(String) });
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it.each([
    ['a plain value (not sealed by the extension)', { settingTestList: ['old', 'searches'] }],
    ['a sealed-looking value that does not open', { settingTestList: { sealed: 1, iv: 'AAAA', data: 'AAAA' } }],
  ])('leaves %s in place until a person chooses to replace it', async (_, stored) => {
    await fakeBrowser.storage.local.set(stored);
    const read = await list.get();
    expect(read.value).toEqual([]);
    expect(read.problem).toMatch(/^The test list (was stored in an unreadable form|was changed outside the extension); using the default\.$/);

    expect(await list.set(['new'])).toEqual({
      ok: false,
      unreadable: true,
      message: 'The test list: the stored value could not be read, so it was not replaced.',
    });
    expect(await fakeBrowser.storage.local.get(null)).toEqual(stored);

    expect(await list.set(['new'], { replace: true })).toEqual({ ok: true, value: ['new'] });
    expect(await list.get()).toEqual({ value: ['new'] });
  });

  it('refuses an invalid value before looking at what is stored', async () => {
    await fakeBrowser.storage.local.set({ settingTestList: 'junk' });
    expect(await list.set(42, { replace: true })).toMatchObject({ ok: false });
    expect(await fakeBrowser.storage.local.get(null)).toEqual({ settingTestList: 'junk' });
  });

  it('writeSettings replaces: its callers write what a person confirmed with the problems in view', async () => {
    await fakeBrowser.storage.local.set({ settingTestList: 'junk' });
    await writeSettings([list.entry(['chosen'])]);
    expect(await list.get()).toEqual({ value: ['chosen'] });
  });
});
