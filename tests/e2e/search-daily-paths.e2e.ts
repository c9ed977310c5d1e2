import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { FIXTURE_LEADS } from '../../mock-api/server';
import { launchExtension, screen, waitUntil, type ExtensionSession } from '../harness';
import { openFilters, openSettledPage, openSettledPopup, pager, search, settled } from '../support/popup-page';

// Issue 19's short daily paths and first-time polish, in the popup (560 × 600, as Chrome
// shows it) and the tab, in Chromium and in Firefox.

let ext: ExtensionSession | undefined;
afterEach(async () => {
  await ext?.close();
  ext = undefined;
});

/** The cards whose whole box is inside the viewport, without scrolling. */
const cardsInView = (page: Page) =>
  page.evaluate(() => [...document.querySelectorAll('.callback-card')].filter((c) => c.getBoundingClientRect().bottom <= window.innerHeight).length);

/** Where the tab that `act` opens (the options, from the popup) leads; the tab is closed again. */
async function nextTabUrl(ext: ExtensionSession, act: () => Promise<void>): Promise<string> {
  const before = new Set(await ext.pages());
  await act();
  // Read from the page itself: Firefox reports an extension tab's address late.
  // What the new tabs showed, for the message if the options never come.
  let seen: string[] = [];
  const [page, href] = await waitUntil(
    async () => {
      seen = [];
      for (const p of await ext.pages()) {
        if (before.has(p)) continue;
        const url = await p.evaluate(() => location.href).catch((error: unknown) => {
          seen.push(`${p.url()}: ${String(error)}`);
          return '';
        });
        if (url.includes('options.html')) return [p, url] as const;
        if (url) seen.push(url);
      }
      return null;
    },
    'the options never opened',
    // As long as ext.nextPage waits for a new tab: a busy machine is slow to open one.
    30_000,
  ).catch((error: unknown) => {
    throw new Error(`${String(error)}; new tabs: ${JSON.stringify(seen)}`);
  });
  await page.close();
  return href;
}

describe('short daily paths', () => {
  it('at 560 × 600 at least six callbacks show without scrolling, under the form, its chips and one row of secondary actions', async () => {
    ext = await launchExtension();
    const popup = await openSettledPopup(ext);
    expect(await cardsInView(popup)).toBeGreaterThanOrEqual(6);
    // Saved searches, Export CSV, Open in tab and Options share one row at the top.
    const tops = await popup.evaluate(() =>
      ['Saved searches', 'Export CSV', 'Open in tab', 'Options'].map((name) => {
        const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === name);
        return button ? Math.round(button.getBoundingClientRect().top) : -1;
      }),
    );
    expect(new Set(tops).size).toBe(1);
    expect(tops[0]).toBeGreaterThanOrEqual(0);

    await openFilters(popup);
    await screen(popup).getByLabel('Stage').selectOption('PENDING');
    await screen(popup).getByLabel('Recipient').selectOption('System');
    await search(popup);
    await screen(popup).getByRole('list', { name: 'Filtered by' }).getByText('Recipient System', { exact: true }).waitFor();
    await screen(popup).getByRole('button', { name: 'Filters (2)' }).click();
    await popup.evaluate(() => window.scrollTo(0, 0));
    expect(await cardsInView(popup)).toBeGreaterThanOrEqual(6);
  });

  it('the options are one click away at all times, and "Open options" from an error opens the field to fix', async () => {
    ext = await launchExtension({ token: 'wrong-token-not-real' });
    const popup = await openSettledPopup(ext);
    const alert = screen(popup).getByRole('alert');
    await alert.getByText(/Convoso refused the API token\. Check the token in the options/).waitFor();
    expect(await alert.textContent()).not.toContain('Settings');
    expect(await nextTabUrl(ext, () => alert.getByRole('button', { name: 'Open options' }).click())).toMatch(/\/options\.html#token$/);
    expect(await nextTabUrl(ext, () => screen(popup).getByRole('button', { name: 'Options', exact: true }).click())).toMatch(/\/options\.html$/);
  });

  it('after Next page the list starts at its top, with the pager above it as well as below', async () => {
    ext = await launchExtension();
    const popup = await openSettledPopup(ext);
    await pager(popup).waitFor();
    await pager(popup, 'bottom').getByRole('button', { name: 'Next page' }).click();
    await pager(popup).getByText(/^Page 2 of /).waitFor();
    await settled(popup);
    await waitUntil(
      () =>
        popup.evaluate(() => {
          const head = document.querySelector('.results-head')!.getBoundingClientRect();
          const first = document.querySelector('.callback-card')!.getBoundingClientRect();
          return head.top >= 0 && first.bottom <= window.innerHeight;
        }),
      'the list did not start at its top after Next page',
    );
    // The keyboard goes on from the pager at the top.
    expect(await popup.evaluate(() => document.activeElement?.closest('nav')?.getAttribute('aria-label'))).toBe('Pages');
    expect(ext.api.searchRequests().map((r) => r.query.offset)).toEqual(['20']);
  });
});

describe('polish a first-time user noticed', () => {
  it('"Searching…" shows once; an empty result has no pager', async () => {
    ext = await launchExtension();
    const popup = await openSettledPopup(ext);
    ext.api.setFaults({ latencyMs: 1500 });
    await screen(popup).getByLabel('Lead ID').fill(FIXTURE_LEADS.noCallbacks);
    await search(popup);
    await screen(popup).getByRole('status').getByText('Searching…').waitFor();
    expect((await popup.evaluate(() => document.body.innerText)).match(/Searching…/g)).toHaveLength(1);
    await screen(popup).getByRole('region', { name: 'Results' }).getByText(`No callbacks matched Lead ID ${FIXTURE_LEADS.noCallbacks}.`).waitFor();
    expect(await screen(popup).getByRole('navigation').count()).toBe(0);
  });

  it('"All fields" names the fields as a person reads them', async () => {
    ext = await launchExtension();
    const popup = await openSettledPopup(ext);
    await screen(popup).getByLabel('Lead ID').fill(FIXTURE_LEADS.withCallbacks);
    await search(popup);
    await screen(popup).getByText('3 callbacks', { exact: true }).waitFor();
    await screen(popup).getByRole('button', { name: /^All fields of / }).first().click();
    const names = await waitUntil(async () => {
      const dt = await popup.evaluate(() => [...document.querySelectorAll('.raw-fields dt')].map((d) => d.textContent));
      return dt.length > 0 ? dt : null;
    }, 'All fields never opened');
    expect(names).toEqual(expect.arrayContaining(['Lead ID', 'List name', 'Highlight', 'Agent']));
    expect(names).not.toContain('directory_name');
    expect(names).not.toContain('class');
  });

  it('in the tab, Copy stays on the lead ID’s line', async () => {
    ext = await launchExtension();
    for (const width of [1024, 1280]) {
      const tab = await openSettledPage(ext, `search.html?lead_id=${FIXTURE_LEADS.withCallbacks}`, { width, height: 800 });
      await screen(tab).getByRole('table').waitFor();
      const lines = await tab.evaluate(() =>
        [...document.querySelectorAll('td.lead-cell')].map((cell) => {
          const copy = cell.querySelector('button')!.getBoundingClientRect();
          const text = cell.querySelector('bdi')!.getBoundingClientRect();
          return Math.abs(copy.top - text.top) < text.height;
        }),
      );
      expect(lines).toEqual([true, true, true]);
      await tab.close();
    }
  });

  it('a 429 reads as a sentence with nothing drawn before it, once, and Retry is the agent’s to press', async () => {
    ext = await launchExtension();
    const popup = await openSettledPopup(ext);
    // Three answers of 429: the gate's own retries (tests/e2e/rate-limit.e2e.ts) are spent, and the search fails.
    ext.api.setFaults({ status429: { retryAfter: '1', times: 3 } });
    await screen(popup).getByLabel('Lead ID').fill(FIXTURE_LEADS.withCallbacks);
    await search(popup);
    const alert = screen(popup).getByRole('alert');
    await alert.getByText(/Convoso is receiving too many requests/).waitFor({ timeout: 30_000 });
    expect(await popup.evaluate(() => document.querySelector('.error-notice p')!.firstChild?.nodeType)).toBe(3);
    expect(await popup.evaluate(() => document.querySelectorAll('.error-notice .spinner').length)).toBe(0);
    // No retry loop of the page's own: the background's answer stands until the agent acts.
    expect(ext.api.searchRequests()).toHaveLength(3);
    await new Promise((r) => setTimeout(r, 2000));
    expect(ext.api.searchRequests()).toHaveLength(3);
    // Retry waits out what is left of the gate's pause, then asks once.
    await alert.getByRole('button', { name: 'Retry' }).click();
    await screen(popup).getByText('3 callbacks', { exact: true }).waitFor({ timeout: 30_000 });
    expect(ext.api.searchRequests()).toHaveLength(4);
  });
});

describe('saved searches', () => {
  it('a stored list that cannot be read is reported where it is used, and not saved over until the agent chooses', async () => {
    ext = await launchExtension();
    await ext.setStorage('local', { savedSearches: [{ name: '', query: 7 }] });
    const before = (await ext.getStorage('local')).savedSearches;
    const popup = await openSettledPopup(ext);
    await screen(popup).getByRole('button', { name: 'Saved searches (could not be read)' }).click();
    const panel = screen(popup).getByRole('region', { name: 'Saved searches' });
    await panel.getByRole('alert').getByText(/Your saved searches could not be read/).waitFor();
    await panel.getByLabel('Name for the current filters').fill('Mine');
    await panel.getByRole('button', { name: 'Save search' }).click();
    await panel.getByText(/^Nothing was saved: your saved searches could not be read/).waitFor();
    expect((await ext.getStorage('local')).savedSearches).toEqual(before);

    await panel.getByRole('button', { name: 'Start a new list' }).click();
    await panel.getByText('Started a new list of saved searches.', { exact: true }).waitFor();
    await openFilters(popup);
    await screen(popup).getByLabel('Stage').selectOption('PASTDUE');
    await panel.getByRole('button', { name: 'Save search' }).click();
    await panel.getByText('Saved “Mine”.', { exact: true }).waitFor();
    expect((await ext.getStorage('local')).savedSearches).toEqual([{ name: 'Mine', query: 'stage=PASTDUE' }]);
  });
});
