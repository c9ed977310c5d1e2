import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURE_LEADS } from '../../mock-api/server';
import { launchExtension, shadowRole, sleep, type ExtensionSession } from '../harness';

// A change to the site list reaches every tab (config-changed). A page whose own
// configuration did not change keeps its badge as it is: not removed and made again.

declare const chrome: any;

let ext: ExtensionSession | undefined;
afterEach(async () => {
  await ext?.close();
  ext = undefined;
});

describe('the badge when another site changes', () => {
  it('keeps its host (nothing is made again) and its answer', async () => {
    ext = await launchExtension();
    await (await ext.worker()).evaluate(() => {
      const asked: string[] = [];
      (globalThis as Record<string, unknown>).__siteConfigAsks = asked;
      chrome.runtime.onMessage.addListener((message: { type?: unknown }, sender: { tab?: unknown; url?: string }) => {
        if (sender.tab && message?.type === 'site-config') asked.push(sender.url ?? '');
        return false;
      });
    });
    const asks = async () => (await ext!.worker()).evaluate(() => ((globalThis as Record<string, unknown>).__siteConfigAsks as string[]).length);

    const page = await ext.newPage();
    await page.goto(ext.crmUrl(`/crm/lead.html?lead_id=${FIXTURE_LEADS.withCallbacks}`));
    const badge = shadowRole(page, 'button', { name: new RegExp(`^Convoso callbacks for lead ${FIXTURE_LEADS.withCallbacks}: `) });
    await expect.poll(() => badge.textContent()).toMatch(/^3 callbacks/);
    await expect.poll(asks).toBe(1);
    // The page can see the host element (not what is inside it): watch for a new one.
    await page.evaluate(() => {
      const w = window as unknown as { __hostsAdded: number; __host: Element | null };
      w.__hostsAdded = 0;
      w.__host = document.querySelector('convoso-callbacks');
      new MutationObserver((records) => {
        for (const r of records) for (const n of r.addedNodes) if (n.nodeName === 'CONVOSO-CALLBACKS') w.__hostsAdded++;
      }).observe(document.documentElement, { childList: true });
    });

    await ext.setStorage('local', { sites: [{ id: 'elsewhere', pattern: 'https://crm.example.com/*', mode: 'inline', rules: [] }] });
    // The page asked for its configuration again...
    await expect.poll(asks).toBe(2);
    // ...and, once the answer is in, the badge it had is still the one shown.
    await sleep(500);
    expect(
      await page.evaluate(() => {
        const w = window as unknown as { __hostsAdded: number; __host: Element | null };
        return { added: w.__hostsAdded, same: document.querySelector('convoso-callbacks') === w.__host && w.__host?.isConnected };
      }),
    ).toEqual({ added: 0, same: true });
    expect(await badge.textContent()).toMatch(/^3 callbacks/);
  });
});
