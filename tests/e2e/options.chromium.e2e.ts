import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import type { Page } from 'puppeteer-core';
import { DEMO_TOKEN, FIXTURE_LEADS } from '../../mock-api/server';
import { badgeFor, launchExtension, screen, type ExtensionSession } from '../harness';

// Code passed to worker.evaluate runs inside Chromium's service worker, where `chrome` exists.
declare const chrome: any;

// The options page as an agent (or the admin) sets the extension up: fields by
// their labels, buttons by their names, results read on screen, and what the
// mock API and the extension's storage received checked exactly.

let ext: ExtensionSession | undefined;
afterEach(async () => {
  await ext?.close();
  ext = undefined;
});

const REJECTED = 'Convoso refused the API token. Check the token in the options, and that it may search callbacks.';
const searchRequests = () => ext!.api.searchRequests();
const text = (page: Page) => screen(page).locator('body').innerText();

async function openOptions(session: ExtensionSession): Promise<Page> {
  const page = await session.openPage('options.html');
  await screen(page).locator('#token-state').filter({ hasText: /token saved/i }).waitFor();
  return page;
}


async function addSite(page: Page, address: string, pattern: string) {
  await screen(page).getByLabel('Site address or match pattern').fill(address);
  await screen(page).getByRole('button', { name: 'Add site' }).click();
  await expect.poll(() => screen(page).locator('#sites-status').innerText()).toBe(`Added ${pattern}.`);
  const row = screen(page).locator('li.site').filter({ has: screen(page).locator('.site-pattern', { hasText: pattern }) });
  await expect.poll(() => row.locator('.site-status').innerText()).toBe('Active');
}

describe('options page in a real Chromium', () => {
  it('sets the token through the form and tests the connection, good and rejected', async () => {
    ext = await launchExtension({ token: null });
    const page = await openOptions(ext);
    expect(await screen(page).locator('#token-state').innerText()).toBe('No token saved');

    // Testing uses the typed, unsaved token.
    await screen(page).getByLabel('API token', { exact: true }).fill(DEMO_TOKEN);
    await screen(page).getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => screen(page).locator('#test-status').innerText()).toMatch(/^Connected\. The account has [\d,]+ callbacks?\.$/);
    expect(searchRequests().map((r) => r.query)).toEqual([{ auth_token: DEMO_TOKEN, offset: '0', limit: '1' }]);

    // Enter in the field saves this form (not another one on the page).
    await screen(page).getByLabel('API token', { exact: true }).press('Enter');
    await expect.poll(() => screen(page).locator('#connection-status').innerText()).toBe('Saved.');
    expect(await screen(page).locator('#token-state').innerText()).toBe(`Token saved: ••••${DEMO_TOKEN.slice(-4)}`);
    expect(await screen(page).getByLabel('API token', { exact: true }).inputValue()).toBe('');
    expect(await text(page)).not.toContain(DEMO_TOKEN);
    expect((await ext.getStorage('local')).token).toBe(DEMO_TOKEN);

    await screen(page).getByLabel('API token', { exact: true }).fill('test-token-not-real-0001');
    await screen(page).getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => screen(page).locator('#test-status').innerText()).toBe(REJECTED);
    expect(searchRequests().at(-1)!.query).toEqual({ auth_token: 'test-token-not-real-0001', offset: '0', limit: '1' });
    // A failed test keeps the saved token.
    expect((await ext.getStorage('local')).token).toBe(DEMO_TOKEN);
  });

  it('saves a new API address even though the browser refuses to drop a host the manifest requires', async () => {
    ext = await launchExtension();
    const page = await openOptions(ext);
    const hasAccess = async (origin: string) => (await ext!.worker()).evaluate((o) => chrome.permissions.contains({ origins: [o] }), origin);
    expect(ext.api.apiBase).toMatch(/^http:\/\/127\.0\.0\.1:/);
    // The save asks Chromium to drop the old host; the test manifest requires it, so Chromium refuses.
    const moved = ext.api.apiBase.replace('127.0.0.1', 'localhost');
    await screen(page).getByLabel('API base URL').fill(moved);
    await screen(page).getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => screen(page).locator('#connection-status').innerText()).toBe('Saved.');
    expect((await ext.getStorage('local')).apiBaseUrl).toBe(moved);
    expect(await hasAccess('http://127.0.0.1/*')).toBe(true);
    expect(await hasAccess('http://localhost/*')).toBe(true);
  });

  it('keeps the token only for the session when asked, and reports it gone once the session ends', async () => {
    ext = await launchExtension();
    // A value damaged in storage is reported, and the next save stores a good one.
    await ext.setStorage('local', { userId: 'twelve' });
    const page = await openOptions(ext);
    await expect
      .poll(() => screen(page).getByRole('alert').innerText())
      .toContain('Your Convoso user ID was stored in an unreadable form; using the default.');
    await screen(page).getByLabel('Only until the browser closes').check();
    await screen(page).getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => screen(page).locator('#connection-status').innerText()).toBe('Saved.');

    await expect.poll(() => screen(page).getByRole('alert').count()).toBe(0);
    const local = await ext.getStorage('local');
    expect(local.userId).toBe('');
    expect(local.token).toBeUndefined();
    expect(local.tokenStorage).toBe('session');
    expect((await ext.getStorage('session')).token).toBe(DEMO_TOKEN);

    await (await ext.worker()).evaluate(() => chrome.storage.session.clear());
    await expect.poll(() => screen(page).locator('#token-state').innerText()).toBe('No token saved');
    const reloaded = await openOptions(ext);
    expect(await screen(reloaded).locator('#token-state').innerText()).toBe('No token saved');
    expect(await screen(reloaded).getByLabel('Only until the browser closes').isChecked()).toBe(true);
  });

  it('adds a CRM site: the browser registers the script there and the badge appears', async () => {
    ext = await launchExtension();
    const page = await openOptions(ext);
    // The test build's static content script covers localhost only; 127.0.0.1 needs the user's site.
    const leadPage = ext.crmUrlOtherHost(`/crm/lead.html?lead_id=${FIXTURE_LEADS.withCallbacks}`);
    await addSite(page, leadPage, 'http://127.0.0.1/*');

    const registered = await (await ext.worker()).evaluate(() => chrome.scripting.getRegisteredContentScripts());
    expect(registered).toEqual([
      expect.objectContaining({ matches: ['http://127.0.0.1/*'], js: ['content-scripts/content.js'], runAt: 'document_start', persistAcrossSessions: true }),
    ]);

    const crm = await ext.newPage();
    await crm.goto(leadPage);
    await expect.poll(() => badgeFor(crm, FIXTURE_LEADS.withCallbacks).textContent(), { timeout: 15_000 }).toMatch(/^3 callbacks/);

    await screen(page).getByRole('button', { name: 'Remove http://127.0.0.1/*' }).click();
    await screen(page).getByText('Removed http://127.0.0.1/*.').waitFor();
    expect(await (await ext.worker()).evaluate(() => chrome.scripting.getRegisteredContentScripts())).toEqual([]);
  });

  it('finds a lead with a custom rule in the preview, then on an open CRM page without a reload', async () => {
    ext = await launchExtension();
    const page = await openOptions(ext);
    const crmAddress = ext.crmUrlOtherHost(`/crm/no-lead.html?ref=L${FIXTURE_LEADS.withCallbacks}`);
    await addSite(page, crmAddress, 'http://127.0.0.1/*');
    const crm = await ext.newPage();
    await crm.goto(crmAddress);
    // Back to the options tab, as the user would (a background tab gets no animation frames).
    await page.bringToFront();

    await screen(page).getByRole('button', { name: 'Lead detection rules for http://127.0.0.1/* (0)' }).click();
    await screen(page).getByLabel('Test the rules on').fill(crmAddress);
    await screen(page).getByRole('button', { name: 'Test', exact: true }).click();
    await screen(page).getByText('No lead found.').waitFor();

    await screen(page).getByRole('button', { name: 'Add address rule' }).click();
    // A regular expression is refused, with the template to write instead.
    await screen(page).getByLabel('Address pattern').fill('ref=L(\\d+)');
    await screen(page).getByRole('button', { name: 'Save rules' }).click();
    await expect.poll(() => screen(page).getByLabel('Address pattern').getAttribute('aria-invalid')).toBe('true');
    await screen(page).getByText('Regular expressions are no longer used (they could freeze the page). Write it as ref=L{id}').waitFor();

    await screen(page).getByLabel('Address pattern').fill('ref=L{id}');
    await screen(page).getByRole('button', { name: 'Test', exact: true }).click();
    await screen(page).getByText(`Lead found: ${FIXTURE_LEADS.withCallbacks}, from your address rule.`).waitFor();
    // Enter in a rule field saves the rules.
    await screen(page).getByLabel('Address pattern').press('Enter');
    await screen(page).getByText('Rules saved.').waitFor();

    // The agent goes back to the CRM page, which was not reloaded.
    await crm.bringToFront();
    await expect.poll(() => badgeFor(crm, FIXTURE_LEADS.withCallbacks).textContent(), { timeout: 15_000 }).toMatch(/^3 callbacks/);
  });

  it('exports the settings without the token and imports them back', async () => {
    ext = await launchExtension();
    const page = await openOptions(ext);
    await screen(page).getByLabel('Request method').selectOption('POST');
    await screen(page).getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => screen(page).locator('#connection-status').innerText()).toBe('Saved.');
    await addSite(page, 'http://127.0.0.1', 'http://127.0.0.1/*');
    await screen(page).getByLabel('Mode for http://127.0.0.1/*').selectOption('inline');
    await screen(page).getByText('http://127.0.0.1/*: Inline: a chip beside every lead.').waitFor();

    const downloaded = ext.nextDownload();
    await screen(page).getByRole('button', { name: 'Export settings' }).click();
    const download = await downloaded;
    expect(download.name).toMatch(/^convoso-callbacks-settings-\d{4}-\d{2}-\d{2}\.json$/);
    const folder = await mkdtemp(path.join(tmpdir(), 'convoso-export-'));
    onTestFinished(() => rm(folder, { recursive: true, force: true }));
    const file = path.join(folder, download.name);
    await copyFile(download.path, file);
    const exported = await readFile(file, 'utf8');
    expect(exported).not.toContain(DEMO_TOKEN);
    expect(JSON.parse(exported)).toMatchObject({
      format: 'convoso-callbacks-settings',
      settings: { apiBaseUrl: ext.api.apiBase, requestMethod: 'POST' },
      sites: expect.arrayContaining([{ pattern: 'http://127.0.0.1/*', mode: 'inline', rules: [] }]),
    });

    // Undo both, then import the file.
    await screen(page).getByLabel('Request method').selectOption('GET');
    await screen(page).getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(async () => (await ext!.getStorage('local')).requestMethod).toBe('GET');
    await screen(page).getByRole('button', { name: 'Remove http://127.0.0.1/*' }).click();
    await screen(page).getByText('Removed http://127.0.0.1/*.').waitFor();

    await screen(page).getByLabel('Import settings').setInputFiles(file);
    await screen(page).getByText('Request method: Set to POST.').waitFor();
    await screen(page).getByText('Site http://127.0.0.1/*: Added: inline, 0 rules.').waitFor();
    await screen(page).getByRole('button', { name: /^Import \d+ items$/ }).click();
    await expect.poll(() => screen(page).locator('#transfer-status').innerText()).toBe(`Imported ${download.name}.`);

    const local = await ext.getStorage('local');
    expect(local.requestMethod).toBe('POST');
    expect(local.token).toBe(DEMO_TOKEN);
    expect(local.sites).toEqual(expect.arrayContaining([expect.objectContaining({ pattern: 'http://127.0.0.1/*', mode: 'inline' })]));
  });
});
