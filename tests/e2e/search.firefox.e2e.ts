import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { DEMO_TOKEN, FIXTURE_LEADS } from '../../mock-api/server';
import {
  badgeText,
  byLabel,
  clickButton,
  connectThroughOptions,
  launchExtension,
  openBadgePanel,
  textOf,
  typeInto,
  waitUntil,
  type ExtensionSession,
} from '../harness';
import { wallIn } from '../support/wall-in';

// Searching in a real Firefox: the popup page with paging, the search tab, and the badge
// on a Convoso-style lead page. The extension is set up once through the options page,
// as a user would, in the single browser of this file.

let ff: ExtensionSession;
const searchRequests = () => ff.api.searchRequests();
const bodyText = (page: Page) => textOf(page, 'body');

describe('searching in a real Firefox', () => {
  beforeAll(async () => {
    ff = await launchExtension({ fresh: true });
    await (await connectThroughOptions(ff)).close();
  });
  afterAll(() => ff?.close());

  it('popup: searches a lead, then pages forward and back with the same filters', async () => {
    const popup = await ff.openPage('popup.html');
    await typeInto(popup, 'Lead ID', FIXTURE_LEADS.withCallbacks);
    await clickButton(popup, 'Search');
    await waitUntil(async () => /\b3 callbacks\b/.test(await bodyText(popup)), 'the lead search never showed 3 callbacks');
    expect(await popup.$$eval('.callback-card', (cards) => cards.length)).toBe(3);
    expect(await bodyText(popup)).toContain('Customer asked to call back after 5pm');
    expect(searchRequests().at(-1)!.query).toEqual({ auth_token: DEMO_TOKEN, lead_id: FIXTURE_LEADS.withCallbacks, offset: '0', limit: '20' });

    await typeInto(popup, 'Lead ID', '');
    await (await byLabel(popup, 'Stage')).select('PENDING');
    await clickButton(popup, 'Search');
    await waitUntil(async () => /· showing 1–20\b/.test(await bodyText(popup)), 'page 1 never showed');
    await clickButton(popup, 'Next page');
    await waitUntil(async () => /· showing 21–40\b/.test(await bodyText(popup)), 'page 2 never showed');
    expect(await bodyText(popup)).toMatch(/Page 2 of /);
    await clickButton(popup, 'Previous page');
    await waitUntil(async () => /· showing 1–20\b/.test(await bodyText(popup)), 'back on page 1 never showed');
    expect(searchRequests().slice(-3).map((r) => [r.query.stage, r.query.offset, r.query.limit])).toEqual([
      ['PENDING', '0', '20'],
      ['PENDING', '20', '20'],
      ['PENDING', '0', '20'],
    ]);
    await popup.close();
  });

  it('tab view: search.html?lead_id= shows that lead’s callbacks in a table', async () => {
    const before = searchRequests().length;
    const tab = await ff.openPage(`search.html?lead_id=${FIXTURE_LEADS.withCallbacks}`);
    const rows = await waitUntil(() => tab.$$eval('table tr', (r) => r.length), 'no results table');
    expect(rows).toBe(4);
    expect(await (await byLabel(tab, 'Lead ID')).evaluate((el) => el.value)).toBe(FIXTURE_LEADS.withCallbacks);
    expect(searchRequests().slice(before).map((r) => r.query)).toEqual([
      { auth_token: DEMO_TOKEN, lead_id: FIXTURE_LEADS.withCallbacks, offset: '0', limit: '20' },
    ]);
    await tab.close();
  });

  it('badge on a Convoso-style lead page: count and urgency, then its panel', async () => {
    const page = await ff.openWeb(ff.crmUrl(`/crm/convoso/leads/edit_lead.php?lead_id=${FIXTURE_LEADS.leadB}`));
    const shown = await waitUntil(async () => {
      const t = await badgeText(page, FIXTURE_LEADS.leadB);
      return /^5 callbacks/.test(t) ? t : null;
    }, 'no badge on the Convoso-style page');
    expect(shown).toMatch(/^5 callbacks · 2 past due/);
    const panel = await openBadgePanel(page, FIXTURE_LEADS.leadB);
    expect(panel).toMatch(/Past due/);
    expect(searchRequests().filter((r) => r.query.lead_id === FIXTURE_LEADS.leadB)).toHaveLength(1);
    await page.close();
  });

  it('badge with an account time zone: the next time on the account’s clock, with the zone’s name', async () => {
    // A zone this browser's clock reads differently from (Firefox follows the machine's zone).
    const offsetIn = (timeZone: string) => wallIn(timeZone, 0).text;
    const zone = offsetIn('America/Los_Angeles') !== offsetIn(Intl.DateTimeFormat().resolvedOptions().timeZone) ? 'America/Los_Angeles' : 'America/New_York';
    const label = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'shortGeneric' }).formatToParts().find((p) => p.type === 'timeZoneName')!.value;
    const options = await ff.openPage('options.html');
    await typeInto(options, 'Account time zone', zone);
    await clickButton(options, 'Save');
    await waitUntil(async () => ((await textOf(options, '#connection-status')) === 'Saved.' ? true : null), 'the zone was not saved');
    await options.close();

    // Due 90 minutes from now on the account's clock.
    const due = wallIn(zone, 90);
    const today = wallIn(zone, 0).date;
    const lead = '7650001';
    ff.api.setFaults({
      answer: {
        body: {
          success: true,
          data: { offset: '0', limit: '100', total: '1', results: [{ id: '990002', lead_id: lead, stage: 'PENDING', callback_time: due.text }] },
        },
      },
    });
    try {
      const page = await ff.openWeb(ff.crmUrl(`/crm/lead.html?lead_id=${lead}`));
      const expected = `1 callback · Next: ${due.date === today ? 'today' : 'tomorrow'} ${due.time} ${label}`;
      const shown = await waitUntil(async () => ((await badgeText(page, lead)) === expected ? expected : null), `the badge never said "${expected}"`);
      expect(shown).toBe(expected);
      await page.close();
    } finally {
      ff.api.resetFaults();
    }
  });
});
