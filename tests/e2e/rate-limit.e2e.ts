import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURE_LEADS } from '../../mock-api/server';
import { LEAD_MAX_WAIT_MS } from '../../utils/lookup/background/lead-search';
import { badgeFor, badgeScreen, launchExtension, openPopup, screen, sleep, type ExtensionSession } from '../harness';

// Issue 8, item 7, as issue 21 changed it: Convoso answers 429 with a Retry-After.
// Every request of the browser waits until it is over (one pause, shared), and the
// traffic gate asks again by itself; nothing else retries on top of it. The popup's
// search waits and then shows its answer; a badge, which cannot wait that long, says
// Convoso is limiting requests, and Retry loads the callbacks once the pause is over.

let ext: ExtensionSession | undefined;
afterEach(async () => {
  await ext?.close();
  ext = undefined;
});

const searchRequests = () => ext!.api.searchRequests();

describe('429 with a Retry-After', () => {
  it('the popup’s search waits out the pause and then shows its answer: one more request, after the wait', async () => {
    ext = await launchExtension();
    ext.api.setFaults({ status429: { retryAfter: '8', times: 1 } });
    const page = await openPopup(ext);
    await screen(page).getByLabel('Lead ID').fill(FIXTURE_LEADS.withCallbacks);
    await screen(page).getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => screen(page).getByText('3 callbacks', { exact: true }).isVisible(), { timeout: 30_000 }).toBe(true);
    const [first, second, ...more] = searchRequests();
    expect(more).toEqual([]);
    expect(second!.time - first!.time).toBeGreaterThanOrEqual(8_000);
  });

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
