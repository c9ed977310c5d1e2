import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { installFakeScripting, type FakeScripting } from '../../tests/support/fake-scripting';
import { BUILT_IN_SITES } from '../../utils/sites/built-in';
import { readSites, saveSites } from '../../utils/sites/store';
import { apiHostUser } from '../../utils/connection/api-origin';
import { createHostAccess } from '../../utils/core/hosts/host-access';
import { applySitesPolicy } from '../../utils/sites/sites-policy';
import { sitesHostUser } from '../../utils/sites/sites-in-use';
import { SitesSection } from './SitesSection';
import { readArea, writeArea } from '../../tests/support/sealed-areas';

// As the options page wires it: access given back unless the API address or another site uses it.
const hosts = createHostAccess([apiHostUser, sitesHostUser]);

let fake: FakeScripting;
beforeEach(() => {
  fakeBrowser.reset();
  fake = installFakeScripting();
});
afterEach(cleanup);

async function renderSection() {
  render(<SitesSection hosts={hosts} />);
  await waitFor(() => expect(screen.getAllByText('Active (built in)')).toHaveLength(BUILT_IN_SITES.length));
}

function row(pattern: string): HTMLElement {
  return screen.getByText(pattern, { selector: '.site-pattern' }).closest('li')!;
}

describe('SitesSection', () => {
  it('lists Convoso’s own pages as built in, without a Remove button', async () => {
    await renderSection();
    for (const site of BUILT_IN_SITES) {
      expect(within(row(site.pattern)).getByText('Built in')).toBeTruthy();
      expect(within(row(site.pattern)).queryByRole('button', { name: /Remove/ })).toBeNull();
    }
  });

  it('lists the stored sites and their statuses while the policy is still being read (the background owns the policy)', async () => {
    await saveSites([{ id: 'sa', pattern: 'https://crm.example.com/*', mode: 'badge', rules: [] }]);
    // A policy that never arrives: the section must not wait for it.
    const managedGet = fakeBrowser.storage.managed.get;
    fakeBrowser.storage.managed.get = (() => new Promise(() => undefined)) as never;
    try {
      render(<SitesSection hosts={hosts} />);
      await waitFor(() => expect(within(row('https://crm.example.com/*')).getByText(/^(Active|Not active)/)).toBeTruthy());
    } finally {
      fakeBrowser.storage.managed.get = managedGet;
    }
  });

  it('adds a site: asks for access, registers it, shows it active', async () => {
    await renderSection();
    fireEvent.input(screen.getByLabelText('Site address or match pattern'), { target: { value: 'https://crm.example.com/leads/9' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add site' }));
    await screen.findByText('Added https://crm.example.com/*.');
    expect(fake.requests).toEqual([['https://crm.example.com/*']]);
    await waitFor(() => expect(within(row('https://crm.example.com/*')).getByText('Active')).toBeTruthy());
    expect((screen.getByLabelText('Site address or match pattern') as HTMLInputElement).value).toBe('');
  });

  it('shows an inline error for garbage and never prompts', async () => {
    await renderSection();
    const input = screen.getByLabelText('Site address or match pattern');
    fireEvent.input(input, { target: { value: 'ftp://files.example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add site' }));
    await screen.findByText('A CRM site must use http or https.');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toContain('new-site-error');
    expect(fake.requests).toEqual([]);
  });

  it('reports an add next to its field, before the list (issue 19)', async () => {
    await renderSection();
    const input = screen.getByLabelText('Site address or match pattern');
    const form = input.closest('form')!;
    const status = document.getElementById('sites-status')!;
    expect(form.contains(status)).toBe(true);
    expect(status.compareDocumentPosition(screen.getByRole('list', { name: 'CRM sites' })) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    fireEvent.input(input, { target: { value: 'crm.example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add site' }));
    await screen.findByText('Added https://crm.example.com/*.', { selector: '#sites-status' });
  });

  it('keeps the typed address when access is refused', async () => {
    await renderSection();
    fake.answer = false;
    fireEvent.input(screen.getByLabelText('Site address or match pattern'), { target: { value: 'crm.example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add site' }));
    await screen.findByText('Access to https://crm.example.com/* was not granted, so the site was not added.', { selector: '#sites-status' });
    expect((screen.getByLabelText('Site address or match pattern') as HTMLInputElement).value).toBe('crm.example.com');
    expect((await readSites()).sites).toEqual(BUILT_IN_SITES);
  });

  it('switches a site to inline, removes a site, and offers to grant lost access', async () => {
    fake.granted.add('https://a.example.com/*');
    await saveSites([
      ...BUILT_IN_SITES,
      { id: 'sa', pattern: 'https://a.example.com/*', mode: 'badge', rules: [] },
      { id: 'sb', pattern: 'https://b.example.com/*', mode: 'badge', rules: [] },
    ]);
    await renderSection();
    await waitFor(() => expect(within(row('https://b.example.com/*')).getByText(/Not active: the browser has not granted access/)).toBeTruthy());

    fireEvent.change(screen.getByLabelText('Mode for https://a.example.com/*'), { target: { value: 'inline' } });
    await waitFor(async () => expect((await readSites()).sites.find((s) => s.id === 'sa')?.mode).toBe('inline'));

    fireEvent.click(screen.getByRole('button', { name: 'Grant access to https://b.example.com/*' }));
    await waitFor(() => expect(within(row('https://b.example.com/*')).getByText('Active')).toBeTruthy());
    expect(fake.registered.has('site-sb')).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'Remove https://a.example.com/*' }));
    await screen.findByText('Removed https://a.example.com/*.');
    // The list follows the sealed store, which opens the new value asynchronously.
    await waitFor(() => expect(screen.queryByText('https://a.example.com/*', { selector: '.site-pattern' })).toBeNull());
    expect(fake.registered.has('site-sa')).toBe(false);
    expect(fake.granted.has('https://a.example.com/*')).toBe(false);
    // The Remove button left with its row; the focus stays in the section.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'CRM sites' })));
  });

  it('switching a site on shows it active: the script is registered after the list is stored', async () => {
    fake.granted.add('https://a.example.com/*');
    await saveSites([...BUILT_IN_SITES, { id: 'sa', pattern: 'https://a.example.com/*', mode: 'off', rules: [] }]);
    await renderSection();
    const status = () => row('https://a.example.com/*').querySelector('.site-status')!.textContent;
    await waitFor(() => expect(status()).toBe('Off'));
    fireEvent.change(screen.getByLabelText('Mode for https://a.example.com/*'), { target: { value: 'badge' } });
    await screen.findByText(/^https:\/\/a\.example\.com\/\*: /, { selector: '#sites-status' });
    await waitFor(() => expect(status()).toBe('Active'));
    expect(fake.registered.has('site-sa')).toBe(true);
  });

  it('keeps unsaved rules when the rules panel is closed and opened again', async () => {
    await renderSection();
    const pattern = BUILT_IN_SITES[0]!.pattern;
    const toggle = screen.getByRole('button', { name: `Lead detection rules for ${pattern} (0)` });
    fireEvent.click(toggle);
    fireEvent.click(screen.getByRole('button', { name: 'Add address rule' }));
    fireEvent.input(screen.getByLabelText('Address pattern'), { target: { value: 'lead/{id}' } });
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(document.getElementById(toggle.getAttribute('aria-controls')!)!.hidden).toBe(true);
    fireEvent.click(toggle);
    expect((screen.getByLabelText('Address pattern') as HTMLInputElement).value).toBe('lead/{id}');
  });

  it('asks the browser once when Add site is pressed twice', async () => {
    await renderSection();
    fireEvent.input(screen.getByLabelText('Site address or match pattern'), { target: { value: 'crm.example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add site' }));
    fireEvent.click(screen.getByRole('button', { name: 'Add site' }));
    await screen.findByText('Added https://crm.example.com/*.');
    expect(fake.requests).toEqual([['https://crm.example.com/*']]);
  });

  it('reports stored sites that were unreadable until the list is saved again', async () => {
    await writeArea('local', {
      sites: [{ id: 'sa', pattern: 'https://a.example.com/*', mode: 'badge', rules: [] }, { id: 'BAD', pattern: 42 }],
    });
    await renderSection();
    const notice = await screen.findByRole('alert');
    expect(notice.textContent).toContain('Stored CRM site #2 was unreadable and is ignored.');
    expect(notice.textContent).toContain('The stored list is kept as it is until you change it here: any change (adding a site, switching a mode) stores it again without them.');
    fireEvent.change(screen.getByLabelText('Mode for https://a.example.com/*'), { target: { value: 'inline' } });
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    const stored = (await readArea('local')).sites as Array<{ id: string }>;
    expect(stored.map((s) => s.id)).toEqual([...BUILT_IN_SITES.map((s) => s.id), 'sa']);
  });

  it('locks a site the administrator’s policy sets', async () => {
    // The background applies the policy (at start and when it changes), not this page.
    await applySitesPolicy({ sites: [{ pattern: 'https://m.example.com/*' }] });
    await renderSection();
    const managed = row('https://m.example.com/*');
    expect(within(managed).getByText('Set by your administrator')).toBeTruthy();
    expect((within(managed).getByLabelText('Mode for https://m.example.com/*') as HTMLSelectElement).disabled).toBe(true);
    expect(within(managed).queryByRole('button', { name: /Remove/ })).toBeNull();
  });
});

describe('SitesSection repair', () => {
  it('offers to register again a site whose script is missing', async () => {
    fake.granted.add('https://a.example.com/*');
    await saveSites([...BUILT_IN_SITES, { id: 'sa', pattern: 'https://a.example.com/*', mode: 'badge', rules: [] }]);
    const register = (fakeBrowser.scripting as any).registerContentScripts;
    register.mockRejectedValueOnce(new Error('temporarily unavailable'));
    // The background's run at browser start failed to register it.
    expect(await fake.sync.request()).toEqual({ sa: 'temporarily unavailable' });
    await renderSection();
    await waitFor(() => expect(within(row('https://a.example.com/*')).getByText('Not active: the page script is not registered')).toBeTruthy());
    fireEvent.click(screen.getByRole('button', { name: 'Try again to register the page script for https://a.example.com/*' }));
    await waitFor(() => expect(within(row('https://a.example.com/*')).getByText('Active')).toBeTruthy());
    expect(fake.registered.has('site-sa')).toBe(true);
  });
});

describe('SitesSection when the administrator’s policy turns inline chips off (issue 21)', () => {
  it('offers no inline chips, says why at each mode, and says an inline site shows the badge instead', async () => {
    await saveSites([
      { id: 'sa', pattern: 'https://a.example.com/*', mode: 'inline', rules: [] },
      { id: 'sb', pattern: 'https://b.example.com/*', mode: 'badge', rules: [] },
    ]);
    render(<SitesSection hosts={hosts} allowInlineChips={false} />);
    const modeOf = (pattern: string) => screen.getByLabelText(`Mode for ${pattern}`) as HTMLSelectElement;
    const said = (select: HTMLSelectElement) => document.getElementById(select.getAttribute('aria-describedby') ?? '')?.textContent;
    await waitFor(() => expect(modeOf('https://a.example.com/*').value).toBe('inline'));
    expect(said(modeOf('https://a.example.com/*'))).toBe('Shows the badge instead: inline chips are turned off by your administrator.');
    expect(said(modeOf('https://b.example.com/*'))).toBe('Inline chips are turned off by your administrator.');
    for (const pattern of ['https://a.example.com/*', 'https://b.example.com/*']) {
      const inline = within(modeOf(pattern)).getByRole('option', { name: 'Inline: a chip beside every lead' }) as HTMLOptionElement;
      expect(inline.disabled).toBe(true);
    }
    // The stored mode is the agent's: kept for when chips are allowed again.
    expect((await readSites()).sites.find((s) => s.id === 'sa')?.mode).toBe('inline');
  });

  it('offers inline chips with no policy against them', async () => {
    await saveSites([{ id: 'sb', pattern: 'https://b.example.com/*', mode: 'badge', rules: [] }]);
    render(<SitesSection hosts={hosts} />);
    const mode = (await screen.findByLabelText('Mode for https://b.example.com/*')) as HTMLSelectElement;
    expect((within(mode).getByRole('option', { name: 'Inline: a chip beside every lead' }) as HTMLOptionElement).disabled).toBe(false);
    expect(mode.getAttribute('aria-describedby')).toBeNull();
  });
});
