import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { FIXTURE_LEADS } from '../../mock-api/server';
import { describeFindings, severeViolations } from '../harness/axe';
import { badgeFor, badgeFrame, badgeScreen, launchExtension, screen, type ExtensionSession } from '../harness';
import { settled } from '../support/popup-page';

// axe-core on every surface a user sees, in light and dark mode: no serious or critical
// violation. Each surface is shown filled in (results, open panels), not empty, so the
// rules see the states that matter. One Chromium for the whole file.

let ext: ExtensionSession;
beforeAll(async () => {
  ext = await launchExtension();
});
afterAll(() => ext?.close());

const SCHEMES = ['light', 'dark'] as const;

async function extensionPage(pagePath: string, colorScheme: 'light' | 'dark', width = 1280): Promise<Page> {
  const page = await ext.newPage();
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: colorScheme }]);
  // Tall enough that nothing is below the fold: axe does not scroll, and leaves the colour
  // contrast of text it cannot see (or that a sticky bar covers) unchecked.
  await page.setViewport({ width, height: 2400 });
  await page.goto(`chrome-extension://${ext.extensionId}/${pagePath}`);
  return page;
}

describe.each(SCHEMES)('accessibility (axe) in %s mode', (colorScheme) => {
  it('popup with results, an open "All fields" panel, the filters, their chips and the saved searches', async () => {
    const page = await extensionPage('popup.html', colorScheme, 560);
    await screen(page).getByLabel('Lead ID').fill(FIXTURE_LEADS.leadB);
    await screen(page).getByRole('button', { name: 'Filters' }).click();
    await screen(page).getByLabel('Recipient').selectOption('Personal');
    await screen(page).getByRole('button', { name: 'Search', exact: true }).click();
    // The list being refreshed is dimmed while "Searching…": check the lead's own list, not the default view's.
    await settled(page);
    await screen(page).getByRole('list', { name: 'Filtered by' }).waitFor();
    await screen(page).getByRole('button', { name: 'Saved searches' }).click();
    await screen(page).getByRole('button', { name: /^All fields of / }).first().click();
    await screen(page).locator('.raw-fields').first().waitFor();
    expect(describeFindings(await severeViolations(page))).toEqual([]);
    await page.close();
  });

  it('search tab with a table of results', async () => {
    const page = await extensionPage(`search.html?lead_id=${FIXTURE_LEADS.leadB}`, colorScheme);
    await screen(page).getByRole('table').waitFor();
    expect(describeFindings(await severeViolations(page))).toEqual([]);
    await page.close();
  });

  it('options page with a site and its rules open', async () => {
    const page = await extensionPage('options.html', colorScheme);
    await screen(page).locator('#token-state').filter({ hasText: /token saved/i }).waitFor();
    if (colorScheme === 'light') {
      // The browser keeps it for the dark run too.
      await screen(page).getByLabel('Site address or match pattern').fill('http://127.0.0.1');
      await screen(page).getByRole('button', { name: 'Add site' }).click();
    }
    await screen(page).getByRole('button', { name: 'Lead detection rules for http://127.0.0.1/* (0)' }).click();
    await screen(page).getByRole('button', { name: 'Add address rule' }).click();
    await screen(page).getByLabel('Address pattern').waitFor();
    expect(describeFindings(await severeViolations(page))).toEqual([]);
    await page.close();
  });

  it('the badge, closed and open, on a CRM page', async () => {
    const page = await ext.newPage();
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: colorScheme }]);
    await page.goto(ext.crmUrl(`/crm/lead.html?lead_id=${FIXTURE_LEADS.withCallbacks}`));
    const lead = FIXTURE_LEADS.withCallbacks;
    const badge = badgeFor(page, lead);
    await expect.poll(() => badge.textContent()).toMatch(/^3 callbacks/);
    // The badge is an extension page framed in the CRM page: axe runs in its document, in the scheme asked for.
    const frame = (await badgeFrame(page))!;
    expect(await frame.evaluate((scheme) => matchMedia(`(prefers-color-scheme: ${scheme})`).matches, colorScheme)).toBe(true);
    expect(describeFindings(await severeViolations(frame)), 'closed badge').toEqual([]);
    await badge.click();
    await badgeScreen(page).getByRole('dialog', { name: `Callbacks for lead ${lead}` }).waitFor();
    expect(describeFindings(await severeViolations(frame)), 'open panel').toEqual([]);
    await page.close();
  });
});
