import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { FIXTURE_LEADS, TABLE_LEAD_IDS } from '../../mock-api/server';
import { badgeFor, badgeScreen, badgeText, chipScreen, evaluateIn, launchExtension, screen, sleep, type ExtensionSession } from '../harness';

// Issue 19's badge and chip items, and issue 21's chips on screen, as an agent sees
// them, in Chromium and Firefox.

let ext: ExtensionSession | undefined;
afterEach(async () => {
  await ext?.close();
  ext = undefined;
});

/** A zone this browser's clock reads otherwise, so the next time carries the account zone's name: the longest line. */
const OTHER_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone === 'America/Los_Angeles' ? 'America/New_York' : 'America/Los_Angeles';

/** In the badge's frame: whether any of its words spill out of their box, and the line's box. */
const overflowing = (page: Page) =>
  badgeScreen(page)
    .locator('.words')
    .element(false)
    .then((words) =>
      words.evaluate((el) =>
        [el, ...el.children].filter((part) => part.scrollWidth > part.clientWidth + 0.5 || part.scrollHeight > part.clientHeight + 0.5).map((part) => part.className),
      ),
    );

describe('the collapsed badge at a glance (issue 19)', () => {
  it.each([1024, 1280])('shows its whole line, wrapped onto two lines and never cut, in a %i px wide window', async (width) => {
    ext = await launchExtension();
    await ext.setStorage('local', { timeZone: OTHER_ZONE });
    for (const lead of [FIXTURE_LEADS.withCallbacks, FIXTURE_LEADS.leadB]) {
      const page = await ext.newPage();
      await page.setViewport({ width, height: 768 });
      await page.goto(ext.crmUrl(`/crm/lead.html?lead_id=${lead}`));
      const said = await expect.poll(() => badgeText(page, lead)).toMatch(/^\d callbacks · \d past due · Next: .+ [A-Z]T$/).then(() => badgeText(page, lead));
      // Every word of it is on screen: the next time, the part that used to be cut, whole.
      const next = said.slice(said.indexOf('Next: '));
      expect((await badgeScreen(page).locator('.second').textContent())?.trim()).toBe(next);
      expect(await overflowing(page)).toEqual([]);
      const box = (await badgeScreen(page).locator('.line').boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(width);
      await page.close();
    }
  });

  it('says it is Convoso’s: the extension’s icon on it, its name in its tooltip and on its panel', async () => {
    ext = await launchExtension();
    const lead = FIXTURE_LEADS.withCallbacks;
    const page = await ext.newPage();
    await page.goto(ext.crmUrl(`/crm/lead.html?lead_id=${lead}`));
    const badge = badgeFor(page, lead);
    await badge.waitFor();
    const icon = await badgeScreen(page).locator('.line img.logo').element(false);
    await expect.poll(() => icon.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0)).toBe(true);
    expect(await badge.getAttribute('title')).toMatch(/^Convoso Callbacks: /);
    await badge.click();
    await expect.poll(() => badgeScreen(page).getByRole('heading').textContent()).toBe(`Convoso · Lead ${lead}`);
  });
});

describe('inline chips (issue 19; issue 21: only the rows on screen)', () => {
  it('read as callbacks, show nothing for a lead without any, and are made for the rows on screen first', async () => {
    ext = await launchExtension({ sites: [{ id: 'demo-crm', pattern: 'http://localhost/*', mode: 'inline', rules: [] }] });
    const page = await ext.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    await page.goto(ext.crmUrl('/crm/leads.html'));
    const chip = (lead: string) => chipScreen(page, lead).getByRole('button', { name: new RegExp(`^Convoso callbacks for lead ${lead}: `) });
    await expect.poll(() => chip(FIXTURE_LEADS.withCallbacks).textContent()).toBe('3 callbacks · 1 past due');
    await expect.poll(() => chip(FIXTURE_LEADS.leadA).textContent()).toBe('2 callbacks');
    const made = await screen(page).locator('convoso-callbacks-chip').count();
    expect(made).toBeLessThan(TABLE_LEAD_IDS.length);
    await expect.poll(() => ext!.api.searchRequests().length).toBe(made);
    await sleep(300);
    expect(await chip(FIXTURE_LEADS.noCallbacks).count()).toBe(0);
    // The rest as the agent scrolls down.
    await evaluateIn(page, () => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect.poll(() => ext!.api.searchRequests().length).toBe(TABLE_LEAD_IDS.length);
  });
});
