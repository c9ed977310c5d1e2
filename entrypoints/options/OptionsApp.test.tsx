import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BUILT_IN_SITES } from '../../utils/sites/built-in';
import { installFakeScripting, type FakeScripting } from '../../tests/support/fake-scripting';
import { saveSites } from '../../utils/sites/store';
import { baseUrlSetting } from '../../utils/connection/settings';
import { OptionsApp } from './OptionsApp';

let fake: FakeScripting;
beforeEach(() => {
  fakeBrowser.reset();
  fake = installFakeScripting();
});
afterEach(cleanup);

describe('opening the options page', () => {
  it('writes nothing and registers nothing, even with a policy not yet applied (the background owns both)', async () => {
    // A policy the background has not applied yet: opening the page used to apply it,
    // which rewrote the API address (clearing every cached lead) and the site list.
    await fakeBrowser.storage.managed.set({ apiBaseUrl: 'https://api.corp.example/v1', sites: [{ pattern: 'crm.corp.example' }] });
    fake.granted.add('https://a.example.com/*');
    await saveSites([...BUILT_IN_SITES, { id: 'sa', pattern: 'https://a.example.com/*', mode: 'badge', rules: [] }]);
    const local = await fakeBrowser.storage.local.get();
    const session = await fakeBrowser.storage.session.get();

    render(<OptionsApp />);
    await screen.findByRole('heading', { name: 'CRM sites' });
    await waitFor(() => expect(screen.getAllByText('Active (built in)')).toHaveLength(BUILT_IN_SITES.length));
    await waitFor(() => expect(screen.getByText('Not active: the page script is not registered')).toBeTruthy());

    expect(await fakeBrowser.storage.local.get()).toEqual(local);
    expect(await fakeBrowser.storage.session.get()).toEqual(session);
    expect((await baseUrlSetting.get()).value).not.toBe('https://api.corp.example/v1');
    expect(fake.registered.size).toBe(0);
  });
});
