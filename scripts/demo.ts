// `npm run demo`: build the extension, start the local Convoso-compatible API and
// its demo CRM pages, and open Chromium with the extension loaded and configured.
// With no display (or --headless) it saves screenshots of what the extension
// shows, prints the folder, and exits.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { build } from 'wxt';
import { DEMO_TOKEN, FIXTURE_LEADS } from '../mock-api/server';
import { badgeScreen, launchExtension, screen } from '../tests/harness';

const headless = process.argv.includes('--headless') || !process.env.DISPLAY;
const port = Number(process.env.MOCK_API_PORT ?? 8787);

console.log('Building the extension (test build: it may reach the local API)…');
await build({ browser: 'chrome', mode: 'test' });

const ext = await launchExtension({ token: DEMO_TOKEN, headless, apiPort: port });
console.log(`Local Convoso-compatible API: ${ext.api.apiBase}  (token: ${DEMO_TOKEN})`);
console.log(`Demo CRM pages:               ${ext.crmUrl('/crm/')}`);

// Screenshots at the sizes people see: the popup's 560 × 600, a tab's 1280 × 800 (the harness's window).
const stops: { name: string; page: () => Promise<Page>; show: (page: Page) => Promise<void>; fullPage?: boolean }[] = [
  {
    name: '1-popup-search',
    page: () => ext.openPage('popup.html'),
    show: async (page) => {
      await page.setViewport({ width: 560, height: 600 });
      // Its default view: the account's callbacks from today on (no user ID is set in the demo).
      await screen(page).getByText(/callbacks?$/).first().waitFor();
    },
  },
  {
    name: '2-crm-lead-badge',
    page: () => ext.openWeb(ext.crmUrl(`/crm/lead.html?lead_id=${FIXTURE_LEADS.withCallbacks}`)),
    show: async (page) => {
      // The badge is a frame of the extension in the page: its button, once it has its answer.
      const badge = badgeScreen(page).getByRole('button', { name: /^Convoso callbacks for lead \d+: (?!Looking up)/ });
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
  { name: '4-options', page: () => ext.openPage('options.html'), show: (page) => screen(page).getByLabel('API token').waitFor(), fullPage: true },
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
    await page.screenshot({ path: path.join(dir, `${stop.name}.png`) as `${string}.png`, fullPage: stop.fullPage === true });
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
