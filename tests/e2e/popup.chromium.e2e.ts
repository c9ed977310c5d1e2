import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { DEMO_TOKEN, FIXTURE_LEADS, XSS_PAYLOAD } from '../../mock-api/server';
import { AGENTS } from '../../mock-api/catalog';
import { launchExtension, openPopup, press, screen, type ExtensionSession } from '../harness';
import { openFilters, openSettledPopup, pager, settled } from '../support/popup-page';

// The toolbar popup and the search tab, driven the way an agent works: fields
// found by their labels, buttons by their names, answers read on screen, and
// the request the API received checked to the parameter. The popup opens on a list
// of its own (issue 19's default view): requests are counted from once it shows.

let ext: ExtensionSession | undefined;
afterEach(async () => {
  await ext?.close();
  ext = undefined;
});

const searchRequests = () => ext!.api.searchRequests();

async function search(page: Page) {
  await screen(page).getByRole('button', { name: 'Search', exact: true }).click();
}

describe('popup search', () => {
  it('sends exactly the filters typed and shows the callbacks', async () => {
    ext = await launchExtension();
    // Chrome's popup is at most 800×600; ours is narrower still.
    const page = await openSettledPopup(ext);
    await screen(page).getByLabel('Lead ID').fill(FIXTURE_LEADS.withCallbacks);
    await openFilters(page);
    await screen(page).getByLabel('Results per page').selectOption('50');
    await search(page);

    await expect.poll(() => screen(page).getByText('3 callbacks', { exact: true }).isVisible()).toBe(true);
    expect(searchRequests().map((r) => r.query)).toEqual([
      { auth_token: DEMO_TOKEN, lead_id: FIXTURE_LEADS.withCallbacks, offset: '0', limit: '50' },
    ]);
    const cards = screen(page).getByRole('region', { name: 'Results' }).getByRole('listitem');
    expect(await cards.count()).toBe(3);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await expect.poll(() => screen(page).getByText('Customer asked to call back after 5pm').isVisible()).toBe(true);
    expect(await screen(page).getByText('Past due', { exact: true }).count()).toBeGreaterThan(0);
    expect(await screen(page).getByText(/overdue$/).count()).toBeGreaterThan(0);
    // Enter in a field submits too.
    await screen(page).getByLabel('User ID').fill('12');
    await screen(page).getByLabel('User ID').press('Enter');
    await expect.poll(() => searchRequests().length).toBe(2);
    expect(searchRequests()[1]!.query).toMatchObject({ lead_id: FIXTURE_LEADS.withCallbacks, user_id: '12', offset: '0' });
  });

  it('pages forward and back with the same filters and the right offsets', async () => {
    ext = await launchExtension();
    const page = await openSettledPopup(ext);
    await openFilters(page);
    await screen(page).getByLabel('Stage').selectOption('PENDING');
    await search(page);
    // The default view on screen also reads "showing 1–20": wait for the Pending list itself.
    await expect.poll(() => searchRequests().length).toBe(1);
    await settled(page);
    await screen(page).getByText(/· showing 1–20$/).waitFor();

    await pager(page).getByRole('button', { name: 'Next page' }).click();
    await screen(page).getByText(/· showing 21–40$/).waitFor();
    await pager(page).getByText(/^Page 2 of /).waitFor();
    await pager(page, 'bottom').getByRole('button', { name: 'Previous page' }).click();
    await screen(page).getByText(/· showing 1–20$/).waitFor();

    expect(searchRequests().map((r) => [r.query.stage, r.query.offset, r.query.limit])).toEqual([
      ['PENDING', '0', '20'],
      ['PENDING', '20', '20'],
      ['PENDING', '0', '20'],
    ]);
  });

  it('an invalid date is shown beside its field and nothing is sent', async () => {
    ext = await launchExtension();
    const page = await openSettledPopup(ext);
    await openFilters(page);
    await screen(page).getByLabel('Start date').fill('2025-06-10');
    await screen(page).getByLabel('End date').fill('2025-06-01');
    await search(page);
    await screen(page).getByText("End date can't be before the start date.").waitFor();
    expect(await screen(page).getByLabel('End date').getAttribute('aria-invalid')).toBe('true');

    // 30 February typed into the date field: the browser holds no value, which must not mean "no date".
    await screen(page).getByLabel('End date').fill('');
    await screen(page).getByLabel('Start date').fill('');
    await screen(page).getByLabel('Start date').click();
    await page.keyboard.type('02302025');
    await search(page);
    await screen(page).getByText(/Start date must be a real date/).waitFor();
    expect(await screen(page).getByLabel('Start date').getAttribute('aria-invalid')).toBe('true');

    expect(searchRequests()).toHaveLength(0);
  });

  it('a comment holding HTML and script shows as text and runs nothing', async () => {
    ext = await launchExtension();
    const page = await openSettledPopup(ext);
    await screen(page).getByLabel('Lead ID').fill(FIXTURE_LEADS.xss);
    await search(page);
    await screen(page).getByText(XSS_PAYLOAD, { exact: true }).waitFor();
    expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(await screen(page).locator('.results img, .results script').count()).toBe(0);
  });

  it('reopening the popup shows the last search at once and refreshes it', async () => {
    ext = await launchExtension();
    const first = await openSettledPopup(ext);
    await screen(first).getByLabel('Lead ID').fill(FIXTURE_LEADS.withCallbacks);
    await search(first);
    await screen(first).getByText('3 callbacks', { exact: true }).waitFor();
    await first.close();

    // The refresh hangs: whatever shows while it is pending came from the session.
    ext.api.setFaults({ latencyMs: 60_000 });
    const again = await openPopup(ext);
    await screen(again).getByText('3 callbacks', { exact: true }).waitFor();
    await screen(again).getByRole('status').getByText('Searching…').waitFor();
    expect(await screen(again).getByLabel('Lead ID').inputValue()).toBe(FIXTURE_LEADS.withCallbacks);
    await expect.poll(() => searchRequests().length).toBe(2);
    expect(searchRequests()[1]!.query).toMatchObject({ lead_id: FIXTURE_LEADS.withCallbacks, offset: '0' });
  });
});

describe('"Mine" quick filter', () => {
  it('searches with the user ID saved in the options, and is not offered without one', async () => {
    ext = await launchExtension();
    let page = await openSettledPopup(ext);
    const quick = screen(page).getByRole('group', { name: 'Quick filters' });
    expect(await quick.getByRole('button').allTextContents()).toEqual(['Today', 'Overdue']);
    await page.close();

    const agent = AGENTS[0]!;
    await ext.setStorage('local', { userId: agent.id });
    page = await openSettledPopup(ext);
    expect(await screen(page).getByRole('group', { name: 'Quick filters' }).getByRole('button').allTextContents()).toEqual(['Due', 'Today', 'Overdue', 'Mine']);
    await openFilters(page);
    await screen(page).getByLabel('Stage').selectOption('PENDING');
    await screen(page).getByRole('group', { name: 'Quick filters' }).getByRole('button', { name: 'Mine' }).click();
    await expect.poll(() => searchRequests().length).toBe(1);
    expect(searchRequests()[0]!.query).toEqual({ auth_token: DEMO_TOKEN, user_id: agent.id, stage: 'PENDING', offset: '0', limit: '20' });
    expect(await screen(page).getByLabel('User ID').inputValue()).toBe(agent.id);
    const expected = ext.api.dataset.callbacks.filter((c) => c.record.user === agent.id).length;
    expect(expected).toBeGreaterThan(0);
    await screen(page).getByText(/^[\d,]+ callbacks?$/).waitFor();
    expect(await screen(page).getByRole('region', { name: 'Results' }).getByRole('listitem').first().textContent()).toContain(agent.name);
  });

  it('an unknown saved user ID: the default view opens the options at it, and "Mine" marks the User ID field', async () => {
    ext = await launchExtension();
    await ext.setStorage('local', { userId: '1234' });
    const page = await openSettledPopup(ext);
    const alert = screen(page).getByRole('alert');
    await alert.getByText(/Convoso doesn't know that user/).waitFor();
    const options = ext.nextPage();
    await alert.getByRole('button', { name: 'Open options' }).click();
    expect((await options).url()).toMatch(/\/options\.html#user-id$/);
    await (await options).close();

    await screen(page).getByRole('group', { name: 'Quick filters' }).getByRole('button', { name: 'Mine' }).click();
    await expect.poll(() => searchRequests().length).toBe(1);
    expect(searchRequests()[0]!.query).toEqual({ auth_token: DEMO_TOKEN, user_id: '1234', offset: '0', limit: '20' });
    await expect.poll(() => screen(page).getByLabel('User ID').getAttribute('aria-invalid')).toBe('true');
  });
});

describe('popup states', () => {
  it('without a token, explains and opens the options page', async () => {
    ext = await launchExtension({ token: null });
    const page = await ext.openPage('popup.html');
    await screen(page).getByText(/needs your Convoso API token/).waitFor();
    const options = ext.nextPage();
    await screen(page).getByRole('button', { name: 'Open options' }).click();
    expect((await options).url()).toContain('/options.html');
    expect(searchRequests()).toHaveLength(0);
  });

  it('a rejected token says so and offers the options page', async () => {
    ext = await launchExtension({ token: 'wrong-token-not-real' });
    const page = await openPopup(ext);
    await screen(page).getByLabel('Lead ID').fill(FIXTURE_LEADS.withCallbacks);
    await search(page);
    const alert = screen(page).getByRole('alert');
    await alert.getByText(/Convoso refused the API token/).waitFor();
    expect(await alert.textContent()).not.toContain('wrong-token-not-real');
    await alert.getByRole('button', { name: 'Open options' }).waitFor();
    expect(await alert.getByRole('button', { name: 'Retry' }).count()).toBe(0);
  });

  it('a refused parameter (6031) shows its sentence and marks the field', async () => {
    ext = await launchExtension();
    const page = await openSettledPopup(ext);
    ext.api.setFaults({ successFalse: { code: 6031, text: 'Invalid date format' } });
    await openFilters(page);
    await screen(page).getByLabel('Start date').fill('2025-06-01');
    await search(page);
    await screen(page).getByRole('alert').getByText(/Convoso refused the date format/).waitFor();
    expect(await screen(page).getByLabel('Start date').getAttribute('aria-invalid')).toBe('true');
    expect(searchRequests()[0]!.query).toMatchObject({ start_date: '2025-06-01' });
  });

  it('an HTML 502 shows the server sentence; Retry then succeeds', async () => {
    ext = await launchExtension();
    ext.api.setFaults({ status5xx: true });
    const page = await openPopup(ext);
    await screen(page).getByLabel('Lead ID').fill(FIXTURE_LEADS.withCallbacks);
    await search(page);
    const alert = screen(page).getByRole('alert');
    await alert.getByText(/server had a problem \(HTTP 502\)/).waitFor({ timeout: 30_000 });
    expect(await alert.textContent()).not.toMatch(/<|Bad Gateway/);

    ext.api.resetFaults();
    const before = searchRequests().length;
    await alert.getByRole('button', { name: 'Retry' }).click();
    await screen(page).getByText('3 callbacks', { exact: true }).waitFor();
    expect(searchRequests().length).toBe(before + 1);
    expect(searchRequests().at(-1)!.query).toMatchObject({ lead_id: FIXTURE_LEADS.withCallbacks, offset: '0' });
  });

  it('a search that takes too long times out with a Retry', async () => {
    ext = await launchExtension({ timeoutMs: 1000 });
    ext.api.setFaults({ latencyMs: 4000 });
    const page = await openPopup(ext);
    await screen(page).getByLabel('Lead ID').fill(FIXTURE_LEADS.withCallbacks);
    await search(page);
    const alert = screen(page).getByRole('alert');
    await alert.getByText('Convoso did not answer within 1 s. Try again.').waitFor({ timeout: 15_000 });
    await alert.getByRole('button', { name: 'Retry' }).waitFor();
  });
});

describe('keyboard, layout and themes', () => {
  /** What has focus, as a short name: a field's id, or a button's or summary's text. */
  const focused = (page: Page) =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return 'body';
      return el.id || el.textContent!.trim();
    });

  /** Presses Tab until the focused element's name starts with `name`. */
  async function tabUntil(page: Page, name: string, max = 120) {
    for (let i = 0; i < max; i++) {
      if ((await focused(page)).startsWith(name)) return;
      await page.keyboard.press('Tab');
    }
    throw new Error(`${name} never got focus; last was ${await focused(page)}`);
  }

  /** Presses Shift+Tab until the focused element's name starts with `name`. */
  async function shiftTabUntil(page: Page, name: string, max = 40) {
    for (let i = 0; i < max; i++) {
      if ((await focused(page)).startsWith(name)) return;
      await press(page, 'Shift+Tab');
    }
    throw new Error(`${name} never got focus going back; last was ${await focused(page)}`);
  }

  it('works from the keyboard alone, in a sensible order, with focus always visible', async () => {
    ext = await launchExtension();
    const page = await openSettledPopup(ext);

    // The popup opens ready to type a lead ID; then the order a Tab key walks: the
    // search, Clear, the folded filters, the quick filters, the order and the pager.
    const order: string[] = [await focused(page)];
    for (let i = 0; i < 30 && order.at(-1) !== 'Next page'; i++) {
      await page.keyboard.press('Tab');
      const name = await focused(page);
      if (name !== order.at(-1)) order.push(name);
    }
    expect(order).toEqual(['search-lead_id', 'Search', 'Clear', 'Filters', 'Today', 'Overdue', 'search-sort', 'Previous page', 'Next page']);
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid');
    // The secondary actions sit before the form, a Shift+Tab away.
    await page.focus('#search-lead_id');
    await press(page, 'Shift+Tab');
    expect(await focused(page)).toBe('Options');

    // "Filters" opens with Enter and its fields follow in the order.
    await tabUntil(page, 'Filters');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('search-user_id');

    // A quick filter searches; the result is announced in the status region.
    await tabUntil(page, 'Overdue');
    await page.keyboard.press('Enter');
    await screen(page).getByRole('status').getByText(/callbacks, showing 1–20\.$/).waitFor();
    expect(searchRequests().at(-1)!.query).toMatchObject({ stage: 'PASTDUE', offset: '0' });

    // Open in tab, from the keyboard.
    await shiftTabUntil(page, 'Open in tab');
    const tab = ext.nextPage();
    await page.keyboard.press('Enter');
    const opened = await tab;
    expect(new URL(opened.url()).searchParams.get('stage')).toBe('PASTDUE');
    await screen(opened).getByRole('table').waitFor();
    await opened.close();

    // Sort (every match: 2,412 past due, fetched in pages of 1,000), then every field of the first callback.
    await tabUntil(page, 'search-sort');
    await page.keyboard.press('ArrowDown');
    expect(await screen(page).getByLabel('Sort').inputValue()).toBe('time-asc');
    await expect.poll(() => searchRequests().filter((r) => r.query.limit === '1000').length).toBe(3);
    await expect.poll(() => screen(page).getByRole('button', { name: 'Cancel sort' }).count()).toBe(0);
    await tabUntil(page, 'All fields of callback');
    await page.keyboard.press('Enter');
    await screen(page).locator('.callback-card').first().getByText('Callback time', { exact: true }).waitFor();

    // Paging keeps focus on a pager, even on the button that becomes unavailable.
    await tabUntil(page, 'Next page');
    await page.keyboard.press('Enter');
    await pager(page).getByText(/^Page 2 of /).waitFor();
    await expect.poll(() => focused(page)).toBe('Next page');
    await press(page, 'Shift+Tab');
    expect(await focused(page)).toBe('Previous page');
    await page.keyboard.press('Enter');
    await pager(page).getByText(/^Page 1 of /).waitFor();
    expect(await focused(page)).toBe('Previous page');
    expect(await pager(page).getByRole('button', { name: 'Previous page' }).getAttribute('aria-disabled')).toBe('true');
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid');
    // The quick filter, the tab's search, then every match to sort; paging the sorted list asks nothing.
    expect(searchRequests().map((r) => [r.query.offset, r.query.limit])).toEqual([
      ['0', '20'],
      ['0', '20'],
      ['0', '1000'],
      ['1000', '1000'],
      ['2000', '1000'],
    ]);
  });

  it.each([
    ['light', 800],
    ['light', 400],
    ['dark', 800],
    ['dark', 400],
  ] as const)('fits a %s popup %i px wide without sideways scrolling', async (colorScheme, width) => {
    ext = await launchExtension();
    const page = await ext.newPage();
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: colorScheme }]);
    await page.setViewport({ width, height: 600 });
    await page.goto(`chrome-extension://${ext.extensionId}/popup.html`);
    await screen(page).getByLabel('Lead ID').fill(FIXTURE_LEADS.leadB);
    await search(page);
    await screen(page).getByText('5 callbacks', { exact: true }).waitFor();
    await openFilters(page);
    for (const details of await screen(page).getByRole('button', { name: /^All fields of / }).all()) await details.click();
    await screen(page).locator('.raw-fields').first().waitFor();

    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await page.evaluate(() => document.body.scrollWidth <= document.body.clientWidth)).toBe(true);
    const [bg, fg] = await page.evaluate(() => [getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color]);
    expect(bg).toBe(colorScheme === 'dark' ? 'rgb(17, 24, 39)' : 'rgb(255, 255, 255)');
    expect(fg).toBe(colorScheme === 'dark' ? 'rgb(229, 231, 235)' : 'rgb(31, 41, 55)');
  });
});

describe('saved settings', () => {
  it('a stored value that could not be read is reported, and the search still works', async () => {
    ext = await launchExtension();
    await ext.setStorage('local', { pageSize: 'lots' });
    const page = await openPopup(ext);
    const notice = screen(page).getByRole('region', { name: 'A saved setting was reset' });
    await notice.getByText('The default page size was stored in an unreadable form; using the default.').waitFor();
    const options = ext.nextPage();
    await notice.getByRole('button', { name: 'Check the options' }).click();
    expect((await options).url()).toContain('/options.html');

    await screen(page).getByLabel('Lead ID').fill(FIXTURE_LEADS.withCallbacks);
    await search(page);
    await screen(page).getByText('3 callbacks', { exact: true }).waitFor();
    expect(searchRequests()[0]!.query).toMatchObject({ limit: '20' });
  });
});

describe('search tab', () => {
  it('opened with ?lead_id= shows that lead’s callbacks in a table', async () => {
    ext = await launchExtension();
    const page = await ext.openPage(`search.html?lead_id=${FIXTURE_LEADS.withCallbacks}`);
    const table = screen(page).getByRole('table');
    await table.waitFor();
    expect(await screen(page).getByLabel('Lead ID').inputValue()).toBe(FIXTURE_LEADS.withCallbacks);
    expect(await table.getByRole('row').count()).toBe(4);
    expect(await table.getByText(FIXTURE_LEADS.withCallbacks, { exact: true }).count()).toBe(3);
    expect(searchRequests().map((r) => r.query)).toEqual([
      { auth_token: DEMO_TOKEN, lead_id: FIXTURE_LEADS.withCallbacks, offset: '0', limit: '20' },
    ]);
  });

  it('"Open in tab" from the popup opens the same search as a page', async () => {
    ext = await launchExtension();
    const page = await openPopup(ext);
    await screen(page).getByLabel('Lead ID').fill(FIXTURE_LEADS.withCallbacks);
    const tab = ext.nextPage();
    await screen(page).getByRole('button', { name: 'Open in tab' }).click();
    const opened = await tab;
    expect(new URL(opened.url()).pathname).toBe('/search.html');
    expect(new URL(opened.url()).searchParams.get('lead_id')).toBe(FIXTURE_LEADS.withCallbacks);
    await screen(opened).getByRole('table').waitFor();
  });
});
