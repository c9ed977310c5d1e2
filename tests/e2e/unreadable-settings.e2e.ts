import { afterEach, describe, expect, it } from 'vitest';
import { launchExtension, screen, waitForText, waitUntil, type ExtensionSession } from '../harness';
import { clickSave, field, openOptions } from '../support/options-page';

// Issue 20.8: a saved-search list or the toolbar-count setting that could not be read
// was reset to its default without a word, and the next save overwrote it for good.
// In Chromium and Firefox: such values are reported in the options and left as they
// are, through other changes and a reload, until the agent changes that very setting
// where it is reported. (What a real browser can show of it: the options page, and the
// values in storage read back byte for byte; the background's own reading of the count
// is the unit tests'.)

let ext: ExtensionSession | undefined;
afterEach(async () => {
  await ext?.close();
  ext = undefined;
});

const COUNT_UNREADABLE = 'The toolbar count of due callbacks was stored in an unreadable form; using the default.';
const SEARCHES_UNREADABLE = 'Saved searches was stored in an unreadable form; using the default.';
const TOOLBAR_COUNT = 'Show my due callbacks on the toolbar icon';

describe('settings that cannot be read (issue 20.8)', () => {
  it('are reported in the options and kept as stored until the agent replaces them there', async () => {
    ext = await launchExtension({ userId: '70003' });
    // Another version's format, sealed as the extension seals it (the count as a word), and a
    // list written plain, as no version of the extension writes it: neither can be read.
    await ext.setStorage('local', { dueBadge: 'yes please' });
    await ext.inExtension((bridge) => bridge.browser.storage.local.set({ savedSearches: [{ name: 'Due today', query: 'stage=PENDING' }] }));
    const stored = () => ext!.inExtension((bridge) => bridge.browser.storage.local.get(['dueBadge', 'savedSearches']));
    const before = await stored();
    expect(Object.keys(before).sort()).toEqual(['dueBadge', 'savedSearches']);

    const page = await openOptions(ext);
    const tools = screen(page).getByRole('region', { name: 'Toolbar count and reminders', exact: true });
    await tools.getByText(COUNT_UNREADABLE, { exact: true }).waitFor();
    await screen(page).getByText(SEARCHES_UNREADABLE, { exact: true }).waitFor();
    expect(await field(page, TOOLBAR_COUNT).isChecked()).toBe(false);

    // Other changes, in the same section and in the connection, leave both as they are.
    await field(page, 'Remind me this many minutes before').fill('15');
    await field(page, 'Remind me this many minutes before').press('Tab');
    await tools.getByText('Reminder time saved.', { exact: true }).waitFor();
    await field(page, 'Convoso user ID').fill('70004');
    await clickSave(page);
    await waitForText(page, '#connection-status', 'Saved.');
    const local = await ext.getStorage('local');
    expect(local.reminderMinutes).toBe(15);
    expect(local.userId).toBe('70004');
    expect(await stored()).toEqual(before);
    expect(await tools.getByText(COUNT_UNREADABLE, { exact: true }).count()).toBe(1);

    // Opened again: still reported, still kept.
    const again = await openOptions(ext);
    const toolsAgain = screen(again).getByRole('region', { name: 'Toolbar count and reminders', exact: true });
    await toolsAgain.getByText(COUNT_UNREADABLE, { exact: true }).waitFor();
    await screen(again).getByText(SEARCHES_UNREADABLE, { exact: true }).waitFor();
    expect(await stored()).toEqual(before);

    // The agent turns the count on where it is reported: theirs replaces the unreadable value.
    await field(again, TOOLBAR_COUNT).check();
    await waitUntil(async () => (await ext!.getStorage('local')).dueBadge === true, 'the toolbar count was not saved');
    await toolsAgain.getByText(COUNT_UNREADABLE, { exact: true }).waitFor({ state: 'detached' });
    // The saved searches, which this page does not edit, are still reported and kept.
    expect(await screen(again).getByText(SEARCHES_UNREADABLE, { exact: true }).count()).toBe(1);
    expect((await stored()).savedSearches).toEqual(before.savedSearches);
  });
});
