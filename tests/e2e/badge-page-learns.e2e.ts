import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { FIXTURE_LEADS } from '../../mock-api/server';
import { badgeFor, badgeScreen, badgeText, chipScreen, evaluateIn, launchExtension, screen, sleep, type ExtensionSession } from '../harness';
import { GECKO_ID } from '../harness/firefox';

// Issue 20, items 1, 6 and 10: what a CRM page's own scripts can learn of the badge,
// and whether they can stop the content script. In Chromium and Firefox.

let ext: ExtensionSession | undefined;
afterEach(async () => {
  await ext?.close();
  ext = undefined;
});

async function open(session: ExtensionSession, path: string, beforeLoad?: (page: Page) => Promise<unknown>): Promise<Page> {
  const page = await session.newPage();
  await beforeLoad?.(page);
  await page.goto(session.crmUrl(path));
  return page;
}

/** What the page's `window.find` finds of `texts`, each searched from the top. */
const finds = (page: Page, texts: string[]) =>
  evaluateIn(
    page,
    (list: string[]) =>
      list.map((t) => {
        getSelection()?.removeAllRanges();
        return (window as unknown as { find(t: string, caseSensitive: boolean, backwards: boolean, wrap: boolean): boolean }).find(t, false, false, true);
      }),
    texts,
  );

/** The width of what the page's hit-testing finds of the badge along its middle line (the page sees only the host). */
const hitWidth = (page: Page) =>
  evaluateIn(page, () => {
    const y = innerHeight - 16 - 26;
    let width = 0;
    for (let x = 0; x < innerWidth; x++) if (document.elementFromPoint(x, y)?.localName === 'convoso-callbacks') width++;
    return width;
  });

// What the badge and its panel say for lead 424242 (and the demo page itself does not).
const SAID = ['3 callbacks', 'past due', 'Next:', 'Customer asked', 'Olivia', 'Solar Outreach'];

describe('the page learns no more than that a badge is there (issue 20, item 1)', () => {
  it('window.find from the page finds nothing the badge or its open panel says', async () => {
    ext = await launchExtension();
    const lead = FIXTURE_LEADS.withCallbacks;
    const page = await open(ext, `/crm/lead.html?lead_id=${lead}`);
    await expect.poll(() => badgeText(page, lead)).toMatch(/^3 callbacks · 1 past due · Next: /);
    // The page's own text is found: find works here.
    expect(await finds(page, ['Lead detail'])).toEqual([true]);
    expect(await finds(page, SAID)).toEqual(SAID.map(() => false));
    await badgeFor(page, lead).click();
    // The agent sees the comment; the page finds nothing of the open panel either.
    await expect.poll(() => badgeScreen(page).getByRole('dialog', { name: `Callbacks for lead ${lead}` }).textContent()).toContain('Customer asked');
    expect(await finds(page, SAID)).toEqual(SAID.map(() => false));
  });

  it('window.find finds nothing the inline chips say', async () => {
    ext = await launchExtension({ sites: [{ id: 'demo-crm', pattern: 'http://localhost/*', mode: 'inline', rules: [] }] });
    const page = await open(ext, '/crm/leads.html');
    const chip = chipScreen(page, FIXTURE_LEADS.withCallbacks).getByRole('button');
    await expect.poll(() => chip.textContent()).toBe('3 callbacks · 1 past due');
    // Today's words, and those the chips had before (when their text was in the page): "3 · 1 due".
    expect(await finds(page, ['3 callbacks', 'past due', '1 due', '3 · 1'])).toEqual([false, false, false, false]);
  });
});

describe('the badge’s size tells the page nothing (issue 20, item 10)', () => {
  it('is the same for "3 callbacks · 1 past due", "2 callbacks" and "No callbacks"', async () => {
    ext = await launchExtension();
    const widths: number[] = [];
    for (const [lead, says] of [
      [FIXTURE_LEADS.withCallbacks, /^3 callbacks · 1 past due/],
      [FIXTURE_LEADS.leadA, /^2 callbacks/],
      [FIXTURE_LEADS.noCallbacks, /^No callbacks$/],
    ] as const) {
      const page = await open(ext, `/crm/lead.html?lead_id=${lead}`);
      await expect.poll(() => badgeText(page, lead)).toMatch(says);
      widths.push(await hitWidth(page));
      await page.close();
    }
    expect(widths[0]).toBeGreaterThan(100);
    expect(new Set(widths).size).toBe(1);
  });

  it('a chip widens its lead’s element the same whether the lead has callbacks or none', async () => {
    ext = await launchExtension({ sites: [{ id: 'demo-crm', pattern: 'http://localhost/*', mode: 'inline', rules: [] }] });
    // Two leads in elements that grow with what they hold, the same text in each.
    const leads: string[] = [FIXTURE_LEADS.withCallbacks, FIXTURE_LEADS.noCallbacks];
    const page = await open(ext, '/crm/no-lead.html');
    // Measured bare in the same task that adds them, before the content script hears of them.
    const bare = await evaluateIn(
      page,
      (ids: string[]) => {
        const box = document.createElement('div');
        for (const id of ids) box.insertAdjacentHTML('beforeend', `<p><span style="display:inline-block" data-lead-id="${id}">Lead ${id}</span></p>`);
        document.body.prepend(box);
        return ids.map((id) => box.querySelector(`span[data-lead-id="${id}"]`)!.getBoundingClientRect().width);
      },
      leads,
    );
    const widths = () =>
      evaluateIn(page, (ids: string[]) => ids.map((id) => document.querySelector(`span[data-lead-id="${id}"]`)!.getBoundingClientRect().width), leads);
    expect(bare[1]).toBe(bare[0]);
    await expect.poll(() => chipScreen(page, leads[0]!).getByRole('button').textContent()).toMatch(/3/);
    await expect.poll(() => ext!.api.searchRequests().filter((r) => leads.includes(String(r.params.lead_id))).length).toBe(2);
    await sleep(500);
    const withChips = await widths();
    expect(withChips[0]).toBeGreaterThan(bare[0]!);
    expect(withChips[1]).toBe(withChips[0]);
  });
});

describe('no page event may stop or reveal the content script (issue 20, item 6)', () => {
  it('a page sending WXT’s start-up event does not stop it, and hears none of its events', async () => {
    ext = await launchExtension();
    // Firefox's runtime id (which WXT's event names hold) is the add-on's ID, not its host's.
    const id = ext.name === 'firefox' ? GECKO_ID : ext.extensionId;
    const names = ['content-script-started', 'locationchange'].map((n) => `${id}:content:wxt:${n}`);
    const page = await open(ext, '/crm/spa.html', (p) =>
      p.evaluateOnNewDocument((list: string[]) => {
        const heard: string[] = [];
        (window as unknown as { __heard: string[] }).__heard = heard;
        // On the window, capturing: events sent to the document pass it too.
        for (const name of list) window.addEventListener(name, () => heard.push(name), true);
        window.addEventListener('message', (e) => heard.push(JSON.stringify(e.data)));
      }, names),
    );
    await expect.poll(() => badgeText(page, FIXTURE_LEADS.leadA)).toMatch(/^2 callbacks/);
    await evaluateIn(
      page,
      (name: string) => document.dispatchEvent(new CustomEvent(name, { detail: { contentScriptName: 'content', messageId: 'from-the-page' } })),
      names[0]!,
    );
    const heardBefore = await evaluateIn(page, () => (window as unknown as { __heard: string[] }).__heard.length);
    // The next lead is still followed.
    await screen(page).getByRole('link', { name: 'Thomas Becker' }).click();
    await expect.poll(() => badgeText(page, FIXTURE_LEADS.leadB)).toMatch(/^5 callbacks · 2 past due/);
    // Nothing of the extension's was heard, before or since (only the page's own event, once).
    expect(heardBefore).toBe(1);
    expect(await evaluateIn(page, () => (window as unknown as { __heard: string[] }).__heard)).toEqual([names[0]]);
  });
});
