import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readArea, writeArea } from '../../tests/support/sealed-areas';
import { savedSearchesSetting } from '../../utils/search/saved-searches-setting';
import { RAW, openApp, page, playBackground, type, type Background } from '../../tests/support/search-app';
import { installFakeScripting } from '../../tests/support/fake-scripting';

let bg: Background;
beforeEach(() => {
  fakeBrowser.reset();
  installFakeScripting();
  bg = playBackground();
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const openSaved = () => fireEvent.click(screen.getByRole('button', { name: /^Saved searches/ }));
const panel = () => within(screen.getByRole('region', { name: 'Saved searches' }));

describe('saved searches, behind the header’s compact row', () => {
  it('keep the current filters under a name, and one click runs one', async () => {
    await openApp(bg);
    type('User ID', '77');
    openSaved();
    fireEvent.input(panel().getByLabelText('Name for the current filters'), { target: { value: 'Mine' } });
    fireEvent.click(panel().getByRole('button', { name: 'Save search' }));
    await panel().findByText('Saved “Mine”.');
    expect((await savedSearchesSetting.get()).value).toEqual([{ name: 'Mine', query: 'user_id=77' }]);
    type('User ID', '');
    bg.replies.push(page([RAW]));
    fireEvent.click(within(panel().getByRole('list', { name: 'Run a saved search' })).getByRole('button', { name: 'Mine' }));
    await screen.findByText('Agent Smith');
    expect(bg.searches).toEqual([{ user_id: '77', offset: 0 }]);
    // The panel closes once a search runs: the list is what matters now.
    expect(screen.queryByRole('region', { name: 'Saved searches' })).toBeNull();
  });

  it('a stored list that cannot be read is reported where it is used, and not saved over until the agent chooses', async () => {
    await writeArea('local', { savedSearches: [{ name: '', query: 7 }] });
    const before = (await readArea('local')).savedSearches;
    await openApp(bg);
    const toggle = await screen.findByRole('button', { name: 'Saved searches (could not be read)' });
    fireEvent.click(toggle);
    expect(within(panel().getByRole('alert')).getByText(/could not be read/)).toBeTruthy();
    type('User ID', '77');
    fireEvent.input(panel().getByLabelText('Name for the current filters'), { target: { value: 'Mine' } });
    fireEvent.click(panel().getByRole('button', { name: 'Save search' }));
    await panel().findByText(/Nothing was saved: your saved searches could not be read/);
    expect((await readArea('local')).savedSearches).toEqual(before);

    fireEvent.click(panel().getByRole('button', { name: 'Start a new list' }));
    await panel().findByText('Started a new list of saved searches.');
    expect(panel().queryByRole('alert')).toBeNull();
    fireEvent.click(panel().getByRole('button', { name: 'Save search' }));
    await panel().findByText('Saved “Mine”.');
    await waitFor(async () => expect((await savedSearchesSetting.get()).value).toEqual([{ name: 'Mine', query: 'user_id=77' }]));
  });
});
