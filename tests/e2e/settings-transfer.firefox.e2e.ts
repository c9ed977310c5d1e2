import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { DEMO_TOKEN } from '../../mock-api/server';
import { byLabel, clickButton, connectThroughOptions, launchExtension, textOf, typeInto, waitForText, waitUntil, type ExtensionSession } from '../harness';

// Settings export and import on the options page in a real Firefox: the file is saved
// by Firefox into the profile's download folder (a blob link with `download`), and chosen
// back in the file input over WebDriver BiDi (`input.setFiles`, puppeteer's uploadFile).
// Firefox keeps every setting sealed in storage, so what was imported is read on screen.

const SITE = 'http://127.0.0.1/*';

let ff: ExtensionSession;
let options: Page;

const siteRow = (page: Page, pattern: string) =>
  page.$$eval(
    'li.site',
    (rows, p) => {
      const row = rows.find((r) => r.querySelector('.site-pattern')?.textContent?.trim() === p);
      return row ? { status: row.querySelector('.site-status')?.textContent?.trim() ?? '', mode: row.querySelector('select')?.value ?? '' } : null;
    },
    pattern,
  );
const bodyHas = (page: Page, text: string) => waitUntil(async () => (await textOf(page, 'body')).includes(text), `the page never said ${JSON.stringify(text)}`);

describe('settings export and import in a real Firefox', () => {
  beforeAll(async () => {
    ff = await launchExtension({ fresh: true });
    options = await connectThroughOptions(ff);
  });
  afterAll(() => ff?.close());

  it('exports the settings without the token and imports them back', async () => {
    await (await byLabel(options, 'Request method')).select('POST');
    await clickButton(options, 'Save');
    await waitForText(options, '#connection-status', 'Saved.');
    await typeInto(options, 'Site address or match pattern', 'http://127.0.0.1');
    await clickButton(options, 'Add site');
    await waitForText(options, '#sites-status', `Added ${SITE}.`);
    await waitUntil(async () => (await siteRow(options, SITE))?.status === 'Active', 'the new site never showed as Active');
    await (await byLabel(options, `Mode for ${SITE}`)).select('inline');
    await waitForText(options, '#sites-status', `${SITE}: Inline: a chip beside every lead.`);

    await clickButton(options, 'Export settings');
    await waitForText(options, '#transfer-status', /^Exported to convoso-callbacks-settings-\d{4}-\d{2}-\d{2}\.json\. The token is not in it\.$/);
    const name = await waitUntil(
      async () => (await readdir(ff.downloads)).find((n) => /^convoso-callbacks-settings-\d{4}-\d{2}-\d{2}\.json$/.test(n)),
      'no settings file was saved',
    );
    const file = path.join(ff.downloads, name);
    // Complete once Firefox has renamed it from its .part and it parses.
    const exported = await waitUntil(async () => {
      try {
        return JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
      } catch {
        return null;
      }
    }, 'the settings file never held JSON');
    expect(JSON.stringify(exported)).not.toContain(DEMO_TOKEN);
    expect(exported).toMatchObject({
      format: 'convoso-callbacks-settings',
      settings: { apiBaseUrl: ff.api.apiBase, requestMethod: 'POST' },
      sites: expect.arrayContaining([{ pattern: SITE, mode: 'inline', rules: [] }]),
    });

    // Undo both, then import the file.
    await (await byLabel(options, 'Request method')).select('GET');
    await clickButton(options, 'Save');
    await waitForText(options, '#connection-status', 'Saved.');
    await clickButton(options, `Remove ${SITE}`);
    await waitForText(options, '#sites-status', `Removed ${SITE}.`);
    expect(await siteRow(options, SITE)).toBeNull();

    await (await byLabel(options, 'Import settings')).uploadFile(file);
    await bodyHas(options, 'Request method: Set to POST.');
    await bodyHas(options, `Site ${SITE}: Added: inline, 0 rules.`);
    const importName = await options.$$eval('button', (buttons) => buttons.map((b) => b.textContent?.trim() ?? '').find((t) => /^Import \d+ items?$/.test(t)));
    expect(importName).toBeDefined();
    await clickButton(options, importName!);
    await waitForText(options, '#transfer-status', `Imported ${name}.`);

    // Reopened, the page shows what was imported, and the token is still the one typed.
    const again = await ff.openPage('options.html');
    await waitForText(again, '#token-state', `Token saved: ••••${DEMO_TOKEN.slice(-4)}`);
    await waitUntil(async () => (await byLabel(again, 'Request method')).evaluate((el) => el.value === 'POST'), 'the request method is not POST after the import');
    await waitUntil(async () => (await siteRow(again, SITE))?.mode === 'inline', `${SITE} is not back in inline mode after the import`);
    await again.close();
  });
});
