// `npm run demo`: build the extension, start the local Convoso-compatible API and
// its demo CRM pages, and open Chromium with the extension loaded and configured.
// With no display (or --headless) it saves screenshots of what the extension
// shows, prints the folder, and exits.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { build } from 'wxt';
import { DEMO_TOKEN, FIXTURE_LEADS } from '../mock-api/server';
import { launchExtension, screen, shadowRole } from '../tests/harness';

const headless = process.argv.includes('--headless') || !process.env.DISPLAY;
const port = Number(process.env.MOCK_API_PORT ?? 8787);

console.log('Building the extension (test build: it may reach the local API)…');
await build({ browser: 'chrome', mode: 'test' });

const ext = await launchExtension({ token: DEMO_TOKEN, headless, apiPort: port });
console.log(`Local Convoso-compatible API: ${ext.api.apiBase}  (token: ${DEMO_TOKEN})`);
console.log(`Demo CRM pages:               ${ext.crmUrl('/crm/')}`);

const stops: { name: string; page: () => Promise<Page>; show: (page: Page) => Promise<void> }[] = [
  {
    name: '1-popup-search',
    page: () => ext.openPage('popup.html'),
    show: async (page) => {
      await page.setViewport({ width: 800, height: 600 });
      await screen(page).getByRole('button', { name: 'Search', exact: true }).click();
      await screen(page).getByText(/callbacks?$/).first().waitFor();
    },
  },
  {
    name: '2-crm-lead-badge',
    page: () => ext.openWeb(ext.crmUrl(`/crm/lead.html?lead_id=${FIXTURE_LEADS.withCallbacks}`)),
    show: async (page) => {
      // The badge is in a closed shadow root: found through the accessibility tree, once it has its answer.
      const badge = shadowRole(page, 'button', { name: /^Convoso callbacks for lead \d+: (?!Looking up)/ });
      await badge.waitFor({ timeout: 15_000 });
      await badge.click();
    },
  },
  {
    name: '3-search-tab',
    page: () => ext.openPage(`search.html?lead_id=${FIXTURE_LEADS.withCallbacks}`),
    show: async (page) => {
      await screen(page).getByText(/callbacks?$/).first().waitFor();
    },
  },
  { name: '4-options', page: () => ext.openPage('options.html'), show: (page) => screen(page).getByLabel('API token').waitFor() },
];

if (headless) {
  const dir = path.resolve('demo-output', new Date().toISOString().replace(/[:.]/g, '-'));
  await mkdir(dir, { recursive: true });
  let failed = 0;
  for (const stop of stops) {
    const page = await stop.page();
    try {
      await stop.show(page);
    } catch (error) {
      failed++;
      console.error(`  ${stop.name}: ${(error as Error).message.split('\n')[0]}`);
    }
    await page.screenshot({ path: path.join(dir, `${stop.name}.png`) as `${string}.png`, fullPage: true });
  }
  console.log(`Screenshots of what the extension shows: ${dir}`);
  await ext.close();
  process.exit(failed ? 1 : 0);
} else {
  for (const stop of stops) await stop.show(await stop.page()).catch(() => undefined);
  console.log('Chromium is open with the extension loaded and configured: the popup and the search tab are open');
  console.log('as tabs, the CRM lead page shows the badge, and the toolbar icon opens the real popup.');
  console.log('Press Ctrl+C to stop.');
  const stop = async () => {
    await ext.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
