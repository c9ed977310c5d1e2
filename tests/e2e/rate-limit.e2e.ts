import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURE_LEADS } from '../../mock-api/server';
import { LEAD_MAX_WAIT_MS } from '../../utils/lookup/background/lead-search';
import { badgeFor, badgeScreen, launchExtension, screen, sleep, type ExtensionSession } from '../harness';
import { openSettledPopup, search } from '../support/popup-page';

// Issue 8, item 7, as issue 21 changed it: Convoso answers 429 with a Retry-After.
// Every request of the browser waits until it is over (one pause, shared), and the
// traffic gate asks again by itself; nothing else retries on top of it. The popup
// says when the gate tries again, with Cancel, and then shows its answer; a badge,
// which cannot wait that long, says Convoso is limiting requests, and Retry loads
// the callbacks once the pause is over.

let ext: ExtensionSession | undefined;
afterEach(async () => {
  await ext?.close();
  ext = undefined;
});

const searchRequests = () => ext!.api.searchRequests();

/** "Convoso asked to slow down, trying again at 10:42 AM." as the popup words a pause (the harness's browsers run in en-US). */
const pauseSentence = /^Convoso asked to slow down, trying again at \d{1,2}:\d{2}\s?[AP]M\.$/;

describe('429 with a Retry-After', () => {
  it('the popup says when the gate tries again, then shows its answer: one more request, after the wait', async () => {
    ext = await launchExtension();
    // The popup opens on a list of its own; requests are counted from there.
    const page = await openSettledPopup(ext);
    ext.api.setFaults({ status429: { retryAfter: '8', times: 1 } });
    await screen(page).getByLabel('Lead ID').fill(FIXTURE_LEADS.withCallbacks);
    await search(page);
    const notice = screen(page).getByText(pauseSentence);
    await notice.waitFor({ timeout: 15_000 });
    expect(await screen(page).getByRole('button', { name: 'Cancel', exact: true }).isVisible()).toBe(true);
    await expect.poll(() => screen(page).getByText('3 callbacks', { exact: true }).isVisible(), { timeout: 30_000 }).toBe(true);
    await notice.waitFor({ state: 'detached' });
    const [first, second, ...more] = searchRequests();
    expect(more).toEqual([]);
    expect(second!.time - first!.time).toBeGreaterThanOrEqual(8_000);
  });

  it('Cancel on the pause drops the waiting search: nothing is sent when the pause ends, and the next search goes', async () => {
    ext = await launchExtension();
    const page = await openSettledPopup(ext);
    const pause = 8_000;
    ext.api.setFaults({ status429: { retryAfter: String(pause / 1000), times: 1 } });
    await screen(page).getByLabel('Lead ID').fill(FIXTURE_LEADS.withCallbacks);
    await search(page);
    await screen(page).getByText(pauseSentence).waitFor({ timeout: 15_000 });
    const limitedAt = searchRequests()[0]!.time;

    await screen(page).getByRole('button', { name: 'Cancel', exact: true }).click();
    await screen(page).getByText('Search cancelled.', { exact: true }).waitFor();
    expect(await screen(page).getByRole('status').textContent()).not.toContain('Searching…');
    expect(await screen(page).getByRole('button', { name: 'Cancel', exact: true }).count()).toBe(0);
    // The pause is the account's, not the search's: it stays on screen until it ends, and says searches wait for it.
    await screen(page).getByText(/^Convoso asked to slow down, trying again at .+: searches wait until then\.$/).waitFor();

    // The gate spreads a pause by up to a fifth of Retry-After: past that, the search would have gone.
    await sleep(Math.max(0, limitedAt + pause * 1.25 + 1_000 - Date.now()));
    await screen(page).getByText(/Convoso asked to slow down/).waitFor({ state: 'detached' });
    expect(searchRequests()).toHaveLength(1);

    await search(page);
    await screen(page).getByText('3 callbacks', { exact: true }).waitFor();
    expect(searchRequests()).toHaveLength(2);
  }, 60_000);

  it('a badge says Convoso is limiting requests; Retry sends nothing during the pause and loads the callbacks after it', async () => {
    ext = await launchExtension();
    // Longer than a badge waits: it says so at once instead of "Looking up…" for that long.
    const pause = LEAD_MAX_WAIT_MS + 5_000;
    ext.api.setFaults({ status429: { retryAfter: String(pause / 1000), times: 1 } });
    const page = await ext.newPage();
    await page.goto(ext.crmUrl(`/crm/lead.html?lead_id=${FIXTURE_LEADS.withCallbacks}`));
    const badge = badgeFor(page, FIXTURE_LEADS.withCallbacks);
    await expect.poll(() => badge.textContent(), { timeout: 15_000 }).toMatch(/Convoso is limiting requests/);
    const limitedAt = searchRequests()[0]!.time;

    await badgeScreen(page).getByRole('button', { name: 'Retry', exact: true }).click();
    await expect.poll(() => badge.textContent(), { timeout: 15_000 }).toMatch(/Convoso is limiting requests/);
    expect(searchRequests()).toHaveLength(1);

    await sleep(Math.max(0, limitedAt + pause * 1.25 - Date.now()));
    await badgeScreen(page).getByRole('button', { name: 'Retry', exact: true }).click();
    await expect.poll(() => badge.textContent(), { timeout: 15_000 }).toMatch(/3 callbacks/);
    expect(searchRequests()).toHaveLength(2);
  }, 90_000);
});
