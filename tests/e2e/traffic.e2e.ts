import { afterEach, describe, expect, it } from 'vitest';
import { AGENTS } from '../../mock-api/catalog';
import { FIXTURE_LEADS } from '../../mock-api/server';
import { badgeFor, launchExtension, openPopup, screen, sleep, waitUntil, type ExtensionSession } from '../harness';

// Issue 21: the extension's traffic to Convoso, with the faults switched on in the
// local API. In Chromium and in Firefox.

let ext: ExtensionSession | undefined;
afterEach(async () => {
  await ext?.close();
  ext = undefined;
});


const searchRequests = () => ext!.api.searchRequests();
const leadRequests = (leadId: string) => searchRequests().filter((r) => r.params.lead_id === leadId);

/** Moves the background's clock on by `ms` (the cache ages; timers are not touched). */
async function ageBackground(session: ExtensionSession, ms: number): Promise<void> {
  if (session.name === 'chromium') {
    await (await session.worker()).evaluate((by) => {
      const real = Date.now.bind(Date);
      Date.now = () => real() + by;
    }, ms);
    return;
  }
  // Firefox's background is a page: an extension page can reach its window.
  await session.inExtension(async (b, by) => {
    const page = (await b.browser.runtime.getBackgroundPage()) as unknown as { Date: DateConstructor } | null;
    const real = page!.Date.now.bind(page!.Date);
    page!.Date.now = () => real() + by;
  }, ms);
}

/** What the toolbar icon shows: its text and its tooltip. */
const toolbar = (session: ExtensionSession) =>
  session.inExtension(async (b) => {
    const action = ((b.browser as unknown as { action?: unknown }).action ?? (b.browser as unknown as { browserAction: unknown }).browserAction) as {
      getBadgeText(d: object): Promise<string>;
      getTitle(d: object): Promise<string>;
    };
    return { text: await action.getBadgeText({}), title: await action.getTitle({}) };
  });

describe('API traffic (issue 21)', () => {
  it('a search against an API that always answers 429 sends at most 4 requests in 30 s', async () => {
    ext = await launchExtension();
    ext.api.setFaults({ status429: { retryAfter: '2' } });
    const page = await openPopup(ext);
    await screen(page).getByLabel('Lead ID').fill(FIXTURE_LEADS.withCallbacks);
    await screen(page).getByRole('button', { name: 'Search', exact: true }).click();
    await waitUntil(async () => searchRequests().length > 0, 'the search never reached the API');
    await sleep(30_000);
    expect(searchRequests().length).toBeLessThanOrEqual(4);
  }, 90_000);

  it('after a 429 with Retry-After: 6, no request of any part of the extension reaches the API before 6 s', async () => {
    const agent = AGENTS[0]!;
    ext = await launchExtension({ userId: agent.id });
    ext.api.setFaults({ status429: { retryAfter: '6', times: 1 } });
    const popup = await openPopup(ext);
    await screen(popup).getByLabel('Lead ID').fill(FIXTURE_LEADS.withCallbacks);
    await screen(popup).getByRole('button', { name: 'Search', exact: true }).click();
    const first = await waitUntil(async () => searchRequests()[0], 'the search never reached the API');

    // Meanwhile the agent opens a lead's page and turns the toolbar count on.
    const lead = await ext.openWeb(ext.crmUrl(`/crm/lead.html?lead_id=${FIXTURE_LEADS.leadA}`));
    const options = await ext.openPage('options.html');
    await screen(options).getByLabel('Show my due callbacks on the toolbar icon').click();

    // Everything they asked for arrives, once the 6 s are over.
    await expect.poll(() => badgeFor(lead, FIXTURE_LEADS.leadA).textContent(), { timeout: 30_000 }).toMatch(/^2 callbacks/);
    await expect.poll(() => screen(popup).getByText('3 callbacks', { exact: true }).isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(async () => (await toolbar(ext!)).text, { timeout: 30_000 }).toMatch(/^\d/);
    const later = searchRequests().slice(1);
    expect(later.map((r) => r.params.lead_id ?? r.params.stage)).toEqual(expect.arrayContaining([FIXTURE_LEADS.withCallbacks, FIXTURE_LEADS.leadA, 'PENDING', 'PASTDUE']));
    for (const request of later) expect(request.time - first.time).toBeGreaterThanOrEqual(6_000);
  }, 90_000);

  it('the toolbar count recovers by itself after the API was down when it was turned on', async () => {
    const agent = AGENTS[0]!;
    ext = await launchExtension({ userId: agent.id });
    const today = new Date().toLocaleDateString('en-CA');
    const due = ext.api.dataset.callbacks.filter((c) => c.record.user === agent.id && (c.stageKey === 'PENDING' || c.stageKey === 'PASTDUE') && c.date <= today);
    ext.api.setFaults({ dropConnection: { forMs: 5_000 } });
    const options = await ext.openPage('options.html');
    await screen(options).getByLabel('Show my due callbacks on the toolbar icon').click();
    // While Convoso cannot be reached the icon says the count is not up to date, and why.
    await expect.poll(async () => (await toolbar(ext!)).title).toMatch(/not updated, trying again \(Couldn't reach Convoso/);
    // Nothing more is done by anyone: the count comes back on its own.
    await expect.poll(async () => (await toolbar(ext!)).text, { timeout: 75_000 }).toBe(String(due.length));
    expect((await toolbar(ext)).title).not.toMatch(/not updated/);
  }, 120_000);

  it('a lead shown again 65 s and 80 s later is not asked again; past 10 minutes it is', async () => {
    ext = await launchExtension();
    const lead = FIXTURE_LEADS.withCallbacks;
    const page = await ext.openWeb(ext.crmUrl(`/crm/lead.html?lead_id=${lead}`));
    await expect.poll(() => badgeFor(page, lead).textContent()).toMatch(/^3 callbacks/);
    expect(leadRequests(lead)).toHaveLength(1);

    for (const seconds of [65, 15]) {
      await ageBackground(ext, seconds * 1000);
      const again = await ext.openWeb(ext.crmUrl(`/crm/lead.html?lead_id=${lead}`));
      await expect.poll(() => badgeFor(again, lead).textContent()).toMatch(/^3 callbacks/);
      await again.close();
    }
    expect(leadRequests(lead)).toHaveLength(1);

    // Past the 10 minutes the badge shows the answer it has while one search refreshes it.
    await ageBackground(ext, 10 * 60_000);
    const later = await ext.openWeb(ext.crmUrl(`/crm/lead.html?lead_id=${lead}`));
    await expect.poll(() => badgeFor(later, lead).textContent()).toMatch(/^3 callbacks/);
    await expect.poll(() => leadRequests(lead).length).toBe(2);
  });
});
