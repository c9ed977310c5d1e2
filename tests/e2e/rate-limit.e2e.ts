import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURE_LEADS } from '../../mock-api/server';
import { launchExtension, screen, shadowRole, sleep, type ExtensionSession } from '../harness';
import { openSettledPopup } from '../support/popup-page';

// Convoso answers 429 with a long Retry-After. The popup says so once, with Retry,
// and asks nothing more by itself (issue 21: the background's gate is the one place
// that waits and retries; tests/e2e/search-daily-paths.e2e.ts shows its pause with
// Cancel); a badge says Convoso is limiting requests (with Retry) instead of
// "Couldn't load".

let ext: ExtensionSession | undefined;
afterEach(async () => {
  await ext?.close();
  ext = undefined;
});

const searchRequests = () => ext!.api.searchRequests();

describe('429 with a long Retry-After', () => {
  it('the popup says Convoso is receiving too many requests, with Retry, and keeps no retry loop of its own', async () => {
    ext = await launchExtension();
    const page = await openSettledPopup(ext);
    ext.api.setFaults({ status429: { retryAfter: '45', times: 1 } });
    await screen(page).getByLabel('Lead ID').fill(FIXTURE_LEADS.withCallbacks);
    await screen(page).getByRole('button', { name: 'Search', exact: true }).click();
    const alert = screen(page).getByRole('alert');
    await alert.getByText(/^Convoso is receiving too many requests\. Wait about \d+ s and try again\.$/).waitFor();
    expect(searchRequests()).toHaveLength(1);
    // Nothing is asked again until the agent says so.
    await sleep(2000);
    expect(searchRequests()).toHaveLength(1);
    await alert.getByRole('button', { name: 'Retry', exact: true }).click();
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
