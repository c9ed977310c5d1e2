import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { DEMO_TOKEN, FIXTURE_LEADS } from '../../mock-api/server';
import { badgeText, clickButton, launchExtension, screen, textOf, typeInto, waitForText, waitUntil, type ExtensionSession } from '../harness';

// The options page in a real Firefox (MV2, background page, optional origins from
// `optional_permissions`), set up the way a user does it: typing into labelled fields and
// clicking buttons. One browser for the whole file (a reinstall would change the UUID), so
// the tests run in order and each builds on the one before.

const REJECTED = 'Convoso refused the API token. Check the token in the options, and that it may search callbacks.';

let ff: ExtensionSession;
let options: Page;
const searchRequests = () => ff.api.searchRequests();

describe('options page in a real Firefox', () => {
  beforeAll(async () => {
    ff = await launchExtension({ fresh: true });
    options = await ff.openPage('options.html');
    await waitForText(options, '#token-state', 'No token saved');
  });
  afterAll(() => ff?.close());

  it('tests a typed token against the typed API address, saves it, and reports a rejected one', async () => {
    // A fresh install points at Convoso; the user types the local API's address (127.0.0.1).
    expect(ff.api.apiBase).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    await typeInto(options, 'API base URL', ff.api.apiBase);
    await typeInto(options, 'API token', DEMO_TOKEN);
    await clickButton(options, 'Test connection');
    await waitForText(options, '#test-status', /^Connected\. The account has [\d,]+ callbacks?\.$/);
    expect(searchRequests().map((r) => r.query)).toEqual([{ auth_token: DEMO_TOKEN, offset: '0', limit: '1' }]);

    await clickButton(options, 'Save');
    await waitForText(options, '#connection-status', 'Saved.');
    await waitForText(options, '#token-state', `Token saved: ••••${DEMO_TOKEN.slice(-4)}`);
    expect(await textOf(options, 'body')).not.toContain(DEMO_TOKEN);

    await typeInto(options, 'API token', 'test-token-not-real-0001');
    await clickButton(options, 'Test connection');
    await waitForText(options, '#test-status', REJECTED);
    expect(searchRequests().at(-1)!.query).toEqual({ auth_token: 'test-token-not-real-0001', offset: '0', limit: '1' });
    // Leave the field empty again: Save keeps the saved token.
    await typeInto(options, 'API token', '');
  });

  it('moves the API address from 127.0.0.1 to localhost: Firefox grants it and requests go there', async () => {
    const moved = ff.api.apiBase.replace('127.0.0.1', 'localhost');
    await typeInto(options, 'API base URL', moved);
    await clickButton(options, 'Save');
    await waitForText(options, '#connection-status', 'Saved.');
    const before = searchRequests().length;
    await clickButton(options, 'Test connection');
    await waitForText(options, '#test-status', /^Connected\./);
    const sent = searchRequests().slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.headers.host).toBe(new URL(moved).host);
    expect(sent[0]!.query.auth_token).toBe(DEMO_TOKEN);
    // Reopened, the page shows what was saved.
    const again = await ff.openPage('options.html');
    await waitForText(again, '#token-state', /^Token saved: /);
    expect(await screen(again).getByLabel('API base URL', { exact: true }).inputValue()).toBe(moved);
    await again.close();
  });

  it('adds 127.0.0.1 as a CRM site (an origin requested at run time) and the badge appears there', async () => {
    const leadPage = ff.crmUrlOtherHost(`/crm/lead.html?lead_id=${FIXTURE_LEADS.withCallbacks}`);
    await options.bringToFront();
    await typeInto(options, 'Site address or match pattern', leadPage);
    await clickButton(options, 'Add site');
    await waitForText(options, '#sites-status', 'Added http://127.0.0.1/*.');
    await waitUntil(
      () => options.$$eval('li.site', (rows) => rows.some((r) => r.textContent?.includes('http://127.0.0.1/*') && r.querySelector('.site-status')?.textContent?.trim() === 'Active')),
      'the new site never showed as Active',
    );

    const crm = await ff.openWeb(leadPage);
    const shown = await waitUntil(async () => {
      const t = await badgeText(crm, FIXTURE_LEADS.withCallbacks);
      return /^3 callbacks/.test(t) ? t : null;
    }, 'no badge on the added site');
    expect(shown).toMatch(/^3 callbacks · 1 past due · Next: /);
    expect(searchRequests().at(-1)!.query).toMatchObject({ lead_id: FIXTURE_LEADS.withCallbacks, limit: '100' });
    await crm.close();
  });
});
