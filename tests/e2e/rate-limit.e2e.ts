import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURE_LEADS } from '../../mock-api/server';
import { launchExtension, openPopup, screen, shadowRole, type ExtensionSession } from '../harness';

// Issue 8, item 7: Convoso answers 429 with a long Retry-After. The popup says
// so and counts down with Cancel instead of spinning; a badge says Convoso is
// limiting requests (with Retry) instead of "Couldn't load".

let ext: ExtensionSession | undefined;
afterEach(async () => {
  await ext?.close();
  ext = undefined;
});

const searchRequests = () => ext!.api.searchRequests();

describe('429 with a long Retry-After', () => {
  it('the popup shows "Convoso is limiting requests, retrying in N s" with Cancel; Cancel leaves Retry', async () => {
    ext = await launchExtension();
    ext.api.setFaults({ status429: { retryAfter: '45', times: 1 } });
    const page = await openPopup(ext);
    await screen(page).getByLabel('Lead ID').fill(FIXTURE_LEADS.withCallbacks);
    await screen(page).getByRole('button', { name: 'Search', exact: true }).click();
    const waiting = screen(page).getByText(/^Convoso is limiting requests, retrying in \d+ s$/);
    await expect.poll(() => waiting.isVisible(), { timeout: 15_000 }).toBe(true);
    // Retry-After is capped at 30 s.
    expect(Number((await waiting.textContent())!.match(/(\d+) s$/)![1])).toBeLessThanOrEqual(30);
    expect(searchRequests()).toHaveLength(1);

    await screen(page).getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect.poll(() => waiting.count()).toBe(0);
    await expect.poll(() => screen(page).getByText(/Convoso is receiving too many requests/).isVisible()).toBe(true);
    await screen(page).getByRole('button', { name: 'Retry', exact: true }).click();
    await expect.poll(() => screen(page).getByText('3 callbacks', { exact: true }).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(searchRequests()).toHaveLength(2);
  });

  it('a badge says Convoso is limiting requests, and Retry loads the callbacks', async () => {
    ext = await launchExtension();
    ext.api.setFaults({ status429: { retryAfter: '45', times: 1 } });
    const page = await ext.newPage();
    await page.goto(ext.crmUrl(`/crm/lead.html?lead_id=${FIXTURE_LEADS.withCallbacks}`));
    // The badge lives in a closed shadow root: read and pressed through the browser's automation (tests/harness/closed-root.ts).
    const badge = shadowRole(page, 'button', { name: new RegExp(`^Convoso callbacks for lead ${FIXTURE_LEADS.withCallbacks}: `) });
    await expect.poll(() => badge.textContent(), { timeout: 15_000 }).toMatch(/Convoso is limiting requests/);
    await shadowRole(page, 'button', { name: 'Retry', exact: true }).click();
    await expect.poll(() => badge.textContent(), { timeout: 15_000 }).toMatch(/3 callbacks/);
  });
});
