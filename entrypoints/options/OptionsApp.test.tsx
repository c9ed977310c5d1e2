import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { testConvoso } from '../../tests/support/convoso';
import { installFakeScripting, type FakeScripting } from '../../tests/support/fake-scripting';
import { apiHostUser } from '../../utils/connection/api-origin';
import { createSaveConnectionHandler } from '../../utils/connection/background/save-connection';
import { baseUrlSetting, localTokenSetting, methodSetting } from '../../utils/connection/settings';
import { createHostAccess } from '../../utils/core/hosts/host-access';
import { appliedPolicySetting } from '../../utils/core/storage/managed';
import { BUILT_IN_SITES } from '../../utils/sites/built-in';
import { sitesHostUser } from '../../utils/sites/sites-in-use';
import { saveSites } from '../../utils/sites/store';
import { OptionsApp } from './OptionsApp';

let fake: FakeScripting;
beforeEach(() => {
  fakeBrowser.reset();
  fake = installFakeScripting();
  // The background's Save, as it answers the page (utils/connection/background/save-connection.ts).
  const save = createSaveConnectionHandler(testConvoso(), createHostAccess([apiHostUser, sitesHostUser]), {
    fetch: async () => new Response(JSON.stringify({ success: true, data: { offset: 0, limit: 1, total: 1, results: [] } })),
  });
  const send = fakeBrowser.runtime.sendMessage;
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (message: any) =>
    message?.type === 'save-connection' ? save(message) : send(message)) as never);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  history.replaceState(null, '', location.pathname);
});

/** A browser that has only just started: storage.managed answers seconds later, or here never. */
function policyNeverAnswers() {
  vi.spyOn(fakeBrowser.storage.managed, 'get').mockImplementation((() => new Promise(() => undefined)) as never);
}

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

  it('puts the agent’s settings first, and what an administrator sets up under Administrator (issue 19)', async () => {
    render(<OptionsApp />);
    await screen.findByRole('heading', { name: 'CRM sites' });
    const headings = screen.getAllByRole('heading').map((h) => `${h.tagName} ${h.textContent}`);
    expect(headings.slice(0, 7)).toEqual([
      'H1 Convoso Callbacks settings',
      'H2 Your Convoso connection',
      'H2 Toolbar count and reminders',
      'H2 Administrator',
      'H3 API',
      'H3 CRM sites',
      'H3 Export and import',
    ]);
    const admin = screen.getByRole('region', { name: 'Administrator' });
    for (const label of ['API base URL', 'Request method', 'Site address or match pattern', 'Import settings']) {
      expect(admin.contains(screen.getByLabelText(label))).toBe(true);
    }
    for (const label of ['API token', 'Convoso user ID', 'Account time zone', 'Show my due callbacks on the toolbar icon']) {
      expect(admin.contains(screen.getByLabelText(label))).toBe(false);
    }
  });

  it.each([
    ['#token', 'API token'],
    ['#user-id', 'Convoso user ID'],
    ['#time-zone', 'Account time zone'],
    ['#api-address', 'API base URL'],
  ])('focuses the field its address names (%s), as the popup’s Open options links it', async (hash, label) => {
    history.replaceState(null, '', hash);
    render(<OptionsApp />);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText(label)));
  });
});

describe('the administrator’s policy on the options page', () => {
  it('locks what the policy last applied at once, while the browser has not answered storage.managed yet', async () => {
    await appliedPolicySetting.set({ requestMethod: 'POST', timeZone: 'America/Chicago', apiBaseUrl: 42 });
    policyNeverAnswers();
    render(<OptionsApp />);
    await waitFor(() => expect((screen.getByLabelText('Request method') as HTMLSelectElement).disabled).toBe(true));
    expect(screen.getByText('Set by your administrator: America/Chicago.')).toBeTruthy();
    expect(screen.getByRole('note').textContent).toContain('Policy apiBaseUrl ignored');
  });

  it('follows storage.managed once it answers', async () => {
    await fakeBrowser.storage.managed.set({ requestMethod: 'PUT', sites: [{ pattern: '*://*.com/*' }] });
    render(<OptionsApp />);
    const note = await screen.findByRole('note');
    expect(note.textContent).toContain('Policy requestMethod ignored: it must be GET or POST.');
    expect(note.textContent).toMatch(/Policy site #1 ignored: .*public suffix com/);
  });

  // The first Save of a browser session waited for storage.managed, which Chromium
  // answers only seconds after it starts (1.3–2.5 s measured in the options page).
  it('saves without waiting for storage.managed, leaving what the policy sets alone', async () => {
    await appliedPolicySetting.set({ requestMethod: 'POST' });
    await methodSetting.set('POST');
    policyNeverAnswers();
    render(<OptionsApp />);
    await screen.findByText('No token saved');
    fireEvent.input(screen.getByLabelText('API token'), { target: { value: 'test-token-not-real-0001' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved.');
    expect((await localTokenSetting.get()).value).toBe('test-token-not-real-0001');
    expect((await methodSetting.get()).value).toBe('POST');
  });
});

describe('the traffic limits of the administrator’s policy on the options page (issue 21)', () => {
  it('lists the limits in force under Administrator, locks what they turn off, and reports a bad value with the other policy problems', async () => {
    await fakeBrowser.storage.managed.set({ requestsPerMinute: 30, minRefreshMinutes: 20, allowReminders: false, allowInlineChips: false, leadCacheMinutes: 'ten' });
    render(<OptionsApp />);
    const limits = await screen.findByRole('region', { name: 'Limits set by your administrator' });
    expect(screen.getByRole('region', { name: 'Administrator' }).contains(limits)).toBe(true);
    expect([...limits.querySelectorAll('dl > div')].map((row) => row.textContent)).toEqual([
      'Requests to Convoso per minute30',
      'Shortest refresh of the toolbar count and reminders20 minutes',
      'Turned offinline chips (sites set to them show the badge), reminders',
    ]);
    expect(screen.getByRole('note').textContent).toContain('Policy leadCacheMinutes ignored: it must be a whole number from 1 to 60.');
    await waitFor(() => expect((screen.getByLabelText('Remind me before my callbacks are due') as HTMLInputElement).disabled).toBe(true));
    expect((screen.getByLabelText('Refresh the count every (minutes)') as HTMLInputElement).min).toBe('20');
  });

  it('lists no limits when the policy sets none', async () => {
    await fakeBrowser.storage.managed.set({ requestMethod: 'POST', allowToolbarCount: true });
    render(<OptionsApp />);
    await waitFor(() => expect((screen.getByLabelText('Request method') as HTMLSelectElement).disabled).toBe(true));
    expect(screen.queryByRole('region', { name: 'Limits set by your administrator' })).toBeNull();
  });
});

describe('settings that cannot be read (issue 20.8)', () => {
  it('reports the saved searches, which no section here shows, and keeps them', async () => {
    await fakeBrowser.storage.local.set({ savedSearches: [{ name: 'plain', query: '' }] });
    render(<OptionsApp />);
    const alerts = await screen.findAllByRole('alert');
    expect(alerts.map((a) => a.textContent).join(' ')).toContain('Saved searches was stored in an unreadable form; using the default.');
    expect(await fakeBrowser.storage.local.get('savedSearches')).toEqual({ savedSearches: [{ name: 'plain', query: '' }] });
  });
});
