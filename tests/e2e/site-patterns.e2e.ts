import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { FIXTURE_LEADS } from '../../mock-api/server';
import { badgeText, launchExtension, screen, waitForText, waitUntil, type ExtensionSession } from '../harness';
import { field, openOptions } from '../support/options-page';

// Issue 20.4: a CRM site's match pattern with several `*` in its path was turned into a
// backtracking regular expression in the background, where every page of the site asks
// which site it is on; a 30,000-character address on such a site blocked the background
// (and with it every tab's badge and the popup) for 43 s. Now matched in linear time.
// In Chromium and Firefox: the sites added through the options as an administrator
// does, the pages opened as an agent does.

let ext: ExtensionSession | undefined;
afterEach(async () => {
  await ext?.close();
  ext = undefined;
});

/** Five `*a` parts and a last letter the address never has: the worst case for a backtracking matcher. */
const STARRY = 'http://127.0.0.1/*a*a*a*a*a*b';

async function addSite(page: Page, address: string, pattern: string) {
  await field(page, 'Site address or match pattern').fill(address);
  await screen(page).getByRole('button', { name: 'Add site', exact: true }).click();
  await waitForText(page, '#sites-status', `Added ${pattern}.`);
}

describe('site patterns with several * (issue 20.4)', () => {
  it('a 30,000-character address on such a site does not stall the background: another tab’s badge and its own still answer', async () => {
    ext = await launchExtension();
    const options = await openOptions(ext);
    // First in the list, so the background tries it first for every page on 127.0.0.1.
    await addSite(options, STARRY, STARRY);
    await addSite(options, 'http://127.0.0.1', 'http://127.0.0.1/*');

    const lead = FIXTURE_LEADS.withCallbacks;
    const longUrl = ext.crmUrlOtherHost(`/crm/lead.html?lead_id=${lead}&pad=${'a'.repeat(30_000)}`);
    expect(longUrl.length).toBeGreaterThan(30_000);
    const long = await ext.openWeb(longUrl);
    expect(await long.evaluate(() => location.href.length)).toBe(longUrl.length);

    // Another tab, on a built-in site: its lookup goes through the same background.
    const other = FIXTURE_LEADS.leadA;
    const elsewhere = await ext.openWeb(ext.crmUrl(`/crm/lead.html?lead_id=${other}`));
    const otherBadge = await waitUntil(async () => {
      const text = await badgeText(elsewhere, other);
      return /^2 callbacks/.test(text) ? text : null;
    }, 'the other tab’s badge never answered');
    expect(otherBadge).toMatch(/^2 callbacks/);

    const ownBadge = await waitUntil(async () => {
      const text = await badgeText(long, lead);
      return /^3 callbacks/.test(text) ? text : null;
    }, 'no badge on the long address');
    expect(ownBadge).toMatch(/^3 callbacks · 1 past due/);
  });
});
