import { afterAll, beforeAll, describe, it } from 'vitest';
import type { KeyInput, Page } from 'puppeteer-core';
import { FIXTURE_LEADS } from '../../mock-api/server';
import { clickButton, connectThroughOptions, launchExtension, typeInto, waitForText, waitUntil, type ExtensionSession } from '../harness';

// The Copy buttons in a real Firefox, read back the way a user would: pasted (Ctrl+V)
// into a text box on a web page. Headless Firefox keeps a clipboard of its own per
// browser, which a paste reads; `navigator.clipboard.readText()` would wait for
// Firefox's paste prompt instead, which no test can answer.

let ff: ExtensionSession;
let web: Page;

/** A fresh text box on the web page, focused, holding `text`. */
async function textBox(text: string): Promise<void> {
  await web.bringToFront();
  await web.evaluate((value) => {
    const box = Object.assign(document.createElement('textarea'), { id: 'paste', value });
    box.setAttribute('aria-label', 'Paste here');
    document.body.replaceChildren(box);
  }, text);
  await web.click('#paste');
}

async function withControl(key: KeyInput): Promise<void> {
  await web.keyboard.down('Control');
  await web.keyboard.press(key);
  await web.keyboard.up('Control');
}

/** Copies a sentinel from the web page, so that a Copy button that copies nothing is seen. */
async function clipboardHolds(text: string): Promise<void> {
  await waitUntil(async () => {
    await textBox(text);
    await withControl('a');
    await withControl('c');
    return (await pasted()) === text;
  }, 'the sentinel never reached the clipboard');
}

/** What a paste (Ctrl+V) into a fresh, empty text box on the web page gives ('' for none within a while: try again). */
async function pasted(): Promise<string> {
  await textBox('');
  await withControl('v');
  return waitUntil(() => web.$eval('#paste', (t) => (t as HTMLTextAreaElement).value || null), 'no paste', 2_000).catch(() => '');
}

/** Waits until a paste gives `expected` (the button copies asynchronously); fails saying what a paste gave. */
async function pasteGives(expected: string): Promise<void> {
  let last = '';
  await waitUntil(async () => {
    last = await pasted();
    return last === expected;
  }, 'the clipboard never held what was copied').catch((error: Error) => {
    throw new Error(`${error.message}; a paste gave ${JSON.stringify(last)}`);
  });
}

/** The button whose accessible name starts with `prefix` (the rest names the callback). */
const buttonStarting = async (page: Page, prefix: string): Promise<string> =>
  waitUntil(
    () =>
      page.$$eval(
        'button, summary',
        (els, p) => els.map((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim()).find((t) => t.startsWith(p)) ?? null,
        prefix,
      ),
    `no button starting ${JSON.stringify(prefix)}`,
  );

describe('Copy buttons in a real Firefox', () => {
  beforeAll(async () => {
    ff = await launchExtension({ fresh: true });
    await (await connectThroughOptions(ff)).close();
    web = await ff.openWeb(ff.crmUrl(`/crm/lead.html?lead_id=${FIXTURE_LEADS.noCallbacks}`));
  });
  afterAll(() => ff?.close());

  it('Copy in the popup puts the lead ID on the clipboard', async () => {
    const popup = await ff.openPage('popup.html');
    await typeInto(popup, 'Lead ID', FIXTURE_LEADS.leadB);
    await clickButton(popup, 'Search');
    await waitForText(popup, '.results-summary strong', '5 callbacks');
    await clipboardHolds('not the lead');
    await popup.bringToFront();
    await clickButton(popup, `Copy lead ID ${FIXTURE_LEADS.leadB}`);
    await pasteGives(FIXTURE_LEADS.leadB);
    await popup.close();
  });

  it('Copy details in the tab view puts every field of the callback on the clipboard, as the API sent it', async () => {
    const record = ff.api.dataset.callbacks.find((c) => c.record.lead_id === FIXTURE_LEADS.leadA)!.record;
    const tab = await ff.openPage(`search.html?lead_id=${record.lead_id}&id=${record.id}`);
    await waitForText(tab, '.results-summary strong', '1 callback');
    await clickButton(tab, await buttonStarting(tab, 'All fields of '));
    const name = await buttonStarting(tab, 'Copy details of ');
    await clipboardHolds('not the details');
    await tab.bringToFront();
    await clickButton(tab, name);
    await pasteGives(Object.entries(record).map(([key, value]) => `${key}: ${value}`).join('\n'));
    await tab.close();
  });
});
