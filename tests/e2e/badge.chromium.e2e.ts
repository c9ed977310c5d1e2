import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { DEMO_TOKEN, FIXTURE_LEADS, TABLE_LEAD_IDS, XSS_PAYLOAD } from '../../mock-api/server';
import { badgeFor, badgeScreen, badgeText, chipScreen, framesOf, launchExtension, press, screen, sleep, waitUntil, type ExtensionSession } from '../harness';

// The lead badge as an agent meets it: demo CRM pages served on localhost, where
// the test build's content script runs, against a fresh mock API per test.

let ext: ExtensionSession | undefined;
afterEach(async () => {
  await ext?.close();
  ext = undefined;
});


const leadRequests = (session: ExtensionSession, leadId?: string) =>
  session.api.searchRequests().filter((r) => leadId === undefined || r.params.lead_id === leadId);

// Code passed to worker.evaluate runs in the service worker, where `chrome` exists.
declare const chrome: any;

/**
 * Records every message content scripts send to the background (a second
 * listener beside the real one, which still answers), so a test can say what
 * a page asked, not only what reached the API.
 */
async function recordMessages(session: ExtensionSession): Promise<() => Promise<{ url: string; message: { type: string; leadIds?: string[] } }[]>> {
  await (await session.worker()).evaluate(() => {
    const seen: unknown[] = [];
    (globalThis as Record<string, unknown>).__seenMessages = seen;
    chrome.runtime.onMessage.addListener((message: unknown, sender: { url?: string; tab?: unknown }) => {
      // Every content script asks for its configuration once at start ('site-config':
      // it may not read storage); what is recorded are the lead questions.
      if (sender.tab && (message as { type?: unknown }).type !== 'site-config') seen.push({ url: sender.url ?? '', message });
      return false;
    });
  });
  return async () => (await session.worker()).evaluate(() => (globalThis as Record<string, unknown>).__seenMessages) as never;
}

async function open(session: ExtensionSession, path: string): Promise<Page> {
  const page = await session.newPage();
  await page.goto(session.crmUrl(path));
  return page;
}

describe('lead badge in a real Chromium', () => {
  it('finds the lead in the URL, asks once with limit 100, and shows count and urgency', async () => {
    ext = await launchExtension();
    const page = await open(ext, `/crm/lead.html?lead_id=${FIXTURE_LEADS.withCallbacks}`);
    await expect.poll(() => badgeText(page, FIXTURE_LEADS.withCallbacks)).toMatch(/^3 callbacks · 1 past due · Next: /);

    const requests = leadRequests(ext);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.method).toBe('GET');
    expect(requests[0]!.query).toEqual({ auth_token: DEMO_TOKEN, lead_id: FIXTURE_LEADS.withCallbacks, offset: '0', limit: '100' });
  });

  it('expands into a panel with the callbacks, and collapses on Esc and on a click outside', async () => {
    ext = await launchExtension();
    const page = await open(ext, `/crm/lead.html?lead_id=${FIXTURE_LEADS.withCallbacks}`);
    const badge = badgeFor(page, FIXTURE_LEADS.withCallbacks);
    await expect.poll(() => badge.textContent()).toMatch(/3 callbacks/);

    await badge.click();
    const panel = badgeScreen(page).getByRole('dialog', { name: `Callbacks for lead ${FIXTURE_LEADS.withCallbacks}` });
    await panel.waitFor();
    expect(await badge.getAttribute('aria-expanded')).toBe('true');
    const text = await panel.textContent();
    expect(text).toContain('Customer asked to call back after 5pm');
    expect(text).toContain('Wants spouse on the line before deciding');
    expect(text).toMatch(/Past due/);
    expect(text).toMatch(/overdue/);
    expect(text).toMatch(/Completed/);

    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    expect(await badge.getAttribute('aria-expanded')).toBe('false');
    expect(await badge.isFocused()).toBe(true);

    // Keyboard: Enter opens it again; a click on the page closes it.
    await badge.focus();
    await page.keyboard.press('Enter');
    await panel.waitFor();
    await page.mouse.click(20, 300);
    await panel.waitFor({ state: 'detached' });
  });

  it('is reachable with Tab; Space opens it, Esc closes it and gives focus back to the badge', async () => {
    ext = await launchExtension();
    const page = await open(ext, `/crm/lead.html?lead_id=${FIXTURE_LEADS.withCallbacks}`);
    const badge = badgeFor(page, FIXTURE_LEADS.withCallbacks);
    await expect.poll(() => badge.textContent()).toMatch(/3 callbacks/);
    let tabs = 0;
    while (!(await badge.isFocused())) {
      expect(++tabs, 'the badge is in the Tab order').toBeLessThan(40);
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Space');
    const panel = badgeScreen(page).getByRole('dialog', { name: `Callbacks for lead ${FIXTURE_LEADS.withCallbacks}` });
    await panel.waitFor();
    // Focus moved into the panel (once it is drawn): Tab goes on to its buttons.
    await waitUntil(() => panel.isFocused(), 'the panel never took the focus');
    await page.keyboard.press('Tab');
    expect(await badgeScreen(page).getByRole('button', { name: 'Close' }).isFocused()).toBe(true);
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    expect(await badge.isFocused()).toBe(true);
    // Its answer was announced in a status region.
    expect(await badgeScreen(page).getByRole('status').textContent()).toMatch(new RegExp(`^Lead ${FIXTURE_LEADS.withCallbacks}: 3 callbacks`));
  });

  it('finds the lead in a data attribute', async () => {
    ext = await launchExtension();
    const page = await open(ext, '/crm/contact.html');
    await expect.poll(() => badgeFor(page, FIXTURE_LEADS.withCallbacks).textContent()).toMatch(/^3 callbacks/);
    expect(leadRequests(ext).map((r) => r.params.lead_id)).toEqual([FIXTURE_LEADS.withCallbacks]);
  });

  it('finds the lead on a Convoso-style lead URL', async () => {
    ext = await launchExtension();
    const page = await open(ext, `/crm/convoso/leads/edit_lead.php?lead_id=${FIXTURE_LEADS.leadB}`);
    await expect.poll(() => badgeFor(page, FIXTURE_LEADS.leadB).textContent()).toMatch(/^5 callbacks · 2 past due/);
  });

  it('follows a single-page app from lead A to lead B (history) and back', async () => {
    ext = await launchExtension();
    const page = await open(ext, '/crm/spa.html');
    await expect.poll(() => badgeFor(page, FIXTURE_LEADS.leadA).textContent()).toMatch(/^2 callbacks/);

    await screen(page).getByRole('link', { name: 'Thomas Becker' }).click();
    await expect.poll(() => badgeFor(page, FIXTURE_LEADS.leadB).textContent()).toMatch(/^5 callbacks · 2 past due/);
    expect(await screen(page).locator('convoso-callbacks').count()).toBe(1);

    await page.goBack();
    await expect.poll(() => badgeFor(page, FIXTURE_LEADS.leadA).textContent()).toMatch(/^2 callbacks/);
    // A's answer was still fresh: coming back costs no request.
    expect(leadRequests(ext).map((r) => r.params.lead_id)).toEqual([FIXTURE_LEADS.leadA, FIXTURE_LEADS.leadB]);
  });

  it('follows a single-page app whose URL never changes (DOM only)', async () => {
    ext = await launchExtension();
    const page = await open(ext, '/crm/spa.html?mode=dom');
    await expect.poll(() => badgeFor(page, FIXTURE_LEADS.leadA).textContent()).toMatch(/^2 callbacks/);
    await screen(page).getByRole('link', { name: 'Thomas Becker' }).click();
    await expect.poll(() => badgeFor(page, FIXTURE_LEADS.leadB).textContent()).toMatch(/^5 callbacks/);
  });

  it('shows no badge and sends no message (so no request) on a page without a lead', async () => {
    ext = await launchExtension();
    const messages = await recordMessages(ext);
    const page = await open(ext, '/crm/no-lead.html');
    // Prove the content script runs in this browser: a lead page in another tab gets its badge.
    const other = await open(ext, `/crm/lead.html?lead_id=${FIXTURE_LEADS.noCallbacks}`);
    await expect.poll(() => badgeFor(other, FIXTURE_LEADS.noCallbacks).textContent()).toBe('No callbacks');
    // Give the lead-less page's detection (and its debounce) time to have run.
    await sleep(600);
    expect(await screen(page).locator('convoso-callbacks').count()).toBe(0);
    expect(leadRequests(ext).map((r) => r.params.lead_id)).toEqual([FIXTURE_LEADS.noCallbacks]);
    const sent = await messages();
    // The lead page's: its content script named the lead, its badge's frame asked (which proves the recorder works).
    expect(new Set(sent.map((m) => m.message.type))).toEqual(new Set(['page-lead', 'lead-summary']));
    expect(sent.filter((m) => m.url.includes('/crm/no-lead.html'))).toEqual([]);
  });

  it('says "No callbacks" for a lead without any', async () => {
    ext = await launchExtension();
    const page = await open(ext, `/crm/lead.html?lead_id=${FIXTURE_LEADS.noCallbacks}`);
    const badge = badgeFor(page, FIXTURE_LEADS.noCallbacks);
    await expect.poll(() => badge.textContent()).toBe('No callbacks');
    await badge.click();
    expect(await badgeScreen(page).getByRole('dialog').textContent()).toContain('No callbacks for this lead.');
  });

  it('makes one request for two visits within the cache period', async () => {
    ext = await launchExtension();
    const first = await open(ext, `/crm/lead.html?lead_id=${FIXTURE_LEADS.withCallbacks}`);
    await expect.poll(() => badgeFor(first, FIXTURE_LEADS.withCallbacks).textContent()).toMatch(/3 callbacks/);
    await first.reload();
    await expect.poll(() => badgeFor(first, FIXTURE_LEADS.withCallbacks).textContent()).toMatch(/3 callbacks/);
    const second = await open(ext, `/crm/contact.html`);
    await expect.poll(() => badgeFor(second, FIXTURE_LEADS.withCallbacks).textContent()).toMatch(/3 callbacks/);
    expect(leadRequests(ext, FIXTURE_LEADS.withCallbacks)).toHaveLength(1);
  });

  /** Moves the service worker's clock on, so the cached answers are past the cache period. */
  const ageCache = async (session: ExtensionSession, ms: number) =>
(await session.worker()).evaluate((by) => {
      const real = Date.now.bind(Date);
      Date.now = () => real() + by;
    }, ms);

  /**
   * Holds the background's API calls (fetch in the service worker) until the returned
   * function is called: the order "stale answer first, refresh later" is then certain,
   * however slow the machine, with no latency to wait out.
   */
  async function holdApiCalls(session: ExtensionSession) {
    await (await session.worker()).evaluate(() => {
      const g = globalThis as Record<string, any>;
      const real = g.fetch;
      let open!: () => void;
      const gate = new Promise<void>((r) => (open = r));
      g.__held = { count: 0, open, real };
      g.fetch = async (...args: unknown[]) => {
        g.__held.count++;
        await gate;
        return real.apply(globalThis, args);
      };
    });
    const release = async () => {
      await (await session.worker()).evaluate(() => {
        const g = globalThis as Record<string, any>;
        g.fetch = g.__held.real;
        g.__held.open();
      });
    };
    return Object.assign(release, {
      waiting: async () => (await session.worker()).evaluate(() => (globalThis as Record<string, any>).__held.count as number),
    });
  }

  it('shows a stale answer at once, then follows its background refresh: one request per cache period', async () => {
    ext = await launchExtension();
    // The first look finds nothing (Convoso's "no record" answer).
    ext.api.setFaults({ successFalse: { code: 6001, text: 'No record found', times: 1 } });
    const page = await open(ext, `/crm/lead.html?lead_id=${FIXTURE_LEADS.withCallbacks}`);
    const badge = badgeFor(page, FIXTURE_LEADS.withCallbacks);
    await expect.poll(() => badge.textContent()).toBe('No callbacks');

    // Eleven minutes later (past the badge's 10-minute period, within the hour an answer
    // is kept) the agent comes back; the refresh this visit starts is held at the API call.
    await ageCache(ext, 11 * 60_000);
    const release = await holdApiCalls(ext);
    await page.reload();
    // The stale answer at once, while the refresh is provably still waiting for the API...
    await expect.poll(() => badge.textContent()).toBe('No callbacks');
    await expect.poll(() => release.waiting()).toBe(1);
    expect(await badge.textContent()).toBe('No callbacks');
    await release();
    // ...then the refreshed one, in the open badge, without another visit.
    await expect.poll(() => badge.textContent(), { timeout: 10_000 }).toMatch(/^3 callbacks · 1 past due/);
    expect(leadRequests(ext)).toHaveLength(2);
    // And it stays fresh: the next visit costs no request.
    ext.api.resetFaults();
    await page.reload();
    await expect.poll(() => badge.textContent()).toMatch(/^3 callbacks/);
    expect(leadRequests(ext)).toHaveLength(2);
  });

  it('inline mode: chips show an answer up to an hour old without asking; older ones are asked again, one request per lead', async () => {
    ext = await launchExtension();
    await ext.setStorage('local', { sites: [{ id: 'demo-crm', pattern: 'http://localhost/*', mode: 'inline', rules: [] }] });
    const page = await open(ext, '/crm/leads.html');
    const lead = FIXTURE_LEADS.withCallbacks;
    const chip = chipScreen(page, lead).getByRole('button', { name: new RegExp(`^Convoso callbacks for lead ${lead}: `) });
    const said = () => chip.getAttribute('aria-label');
    await expect.poll(said, { timeout: 15_000 }).toMatch(/3 callbacks · 1 past due/);
    expect(leadRequests(ext, lead)).toHaveLength(1);
    // Every chip on screen has asked once (chips are made for rows on screen only).
    await expect.poll(async () => leadRequests(ext!).length === (await framesOf(page, 'chip')).length).toBe(true);
    const asked = leadRequests(ext).length;

    // 59 minutes on, Convoso would now say the lead has none; the chips are shown from what
    // the extension has, and nothing is asked.
    await ageCache(ext, 59 * 60_000);
    ext.api.setFaults({ successFalse: { code: 6001, text: 'No record found' } });
    await page.reload();
    await expect.poll(said).toMatch(/3 callbacks · 1 past due/);
    await sleep(500);
    expect(leadRequests(ext).map((r) => r.params.lead_id)).toEqual(leadRequests(ext).slice(0, asked).map((r) => r.params.lead_id));

    // Over an hour: asked again, once per lead, and the chip follows the answer (no callbacks: no chip).
    await ageCache(ext, 2 * 60_000);
    await page.reload();
    await expect.poll(() => leadRequests(ext!, lead).length).toBe(2);
    await expect.poll(() => chip.count()).toBe(0);
    const again = leadRequests(ext).slice(asked).map((r) => r.params.lead_id);
    expect(new Set(again).size).toBe(again.length);
  });

  it('keeps an HTML/script payload in a comment inert, shown as text', async () => {
    ext = await launchExtension();
    const page = await open(ext, `/crm/xss.html?lead_id=${FIXTURE_LEADS.xss}`);
    const badge = badgeFor(page, FIXTURE_LEADS.xss);
    await expect.poll(() => badge.textContent()).toMatch(/^1 callback/);
    await badge.click();
    const panel = badgeScreen(page).getByRole('dialog');
    expect(await panel.textContent()).toContain(XSS_PAYLOAD);
    expect(await panel.locator('script, img:not(.logo)').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  });

  it('never lets the token reach the page: DOM, page scripts, storage, console', async () => {
    ext = await launchExtension();
    const page = await ext.newPage();
    const consoleText: string[] = [];
    page.on('console', (m) => consoleText.push(m.text()));
    page.on('pageerror', (e) => consoleText.push(String(e)));
    await page.goto(ext.crmUrl(`/crm/lead.html?lead_id=${FIXTURE_LEADS.withCallbacks}`));
    const badge = badgeFor(page, FIXTURE_LEADS.withCallbacks);
    await expect.poll(() => badge.textContent()).toMatch(/3 callbacks/);
    await badge.click();
    await badgeScreen(page).getByRole('dialog').waitFor();

    const seen = await page.evaluate(() => {
      const parts: string[] = [document.documentElement.outerHTML, document.cookie];
      for (const host of document.querySelectorAll('*')) if (host.shadowRoot) parts.push(host.shadowRoot.innerHTML);
      for (const store of [localStorage, sessionStorage]) {
        for (let i = 0; i < store.length; i++) parts.push(`${store.key(i)}=${store.getItem(store.key(i)!)}`);
      }
      for (const entry of performance.getEntries()) parts.push(entry.name, JSON.stringify((entry as PerformanceMark).detail ?? null));
      const w = window as unknown as Record<string, unknown>;
      for (const key of Object.getOwnPropertyNames(window)) {
        try {
          const value = w[key];
          if (typeof value === 'string') parts.push(value);
          else if (value && typeof value === 'object' && !(value instanceof Node) && value !== window) parts.push(JSON.stringify(value) ?? '');
        } catch {
          // Cyclic or inaccessible: not something a page script could read as text either.
        }
      }
      return parts.join('\n');
    });
    expect(seen).toContain(FIXTURE_LEADS.withCallbacks); // the scan did read the page
    expect(seen).not.toContain(DEMO_TOKEN);
    expect(consoleText.join('\n')).not.toContain(DEMO_TOKEN);
  });

  it('offers "Set up" before the extension has a token, sends nothing, and opens the options', async () => {
    ext = await launchExtension({ token: null });
    const page = await open(ext, `/crm/lead.html?lead_id=${FIXTURE_LEADS.withCallbacks}`);
    await expect.poll(() => badgeFor(page, FIXTURE_LEADS.withCallbacks).textContent()).toMatch(/not set up/);
    expect(leadRequests(ext)).toHaveLength(0);
    const opened = ext.nextPage();
    await badgeScreen(page).getByRole('button', { name: 'Set up', exact: true }).click();
    expect((await opened).url()).toContain('/options.html');
  });

  it('"View all" opens the search tab for the lead', async () => {
    ext = await launchExtension();
    const page = await open(ext, `/crm/lead.html?lead_id=${FIXTURE_LEADS.withCallbacks}`);
    const badge = badgeFor(page, FIXTURE_LEADS.withCallbacks);
    await expect.poll(() => badge.textContent()).toMatch(/3 callbacks/);
    await badge.click();
    const opened = ext.nextPage();
    await badgeScreen(page).getByRole('button', { name: 'View all', exact: true }).click();
    expect((await opened).url()).toBe(`chrome-extension://${ext.extensionId}/search.html?lead_id=${FIXTURE_LEADS.withCallbacks}`);
  });

  it('"Refresh" in the panel asks the background again, saying a person asked (refresh: true)', async () => {
    ext = await launchExtension();
    const messages = await recordMessages(ext);
    const page = await open(ext, `/crm/lead.html?lead_id=${FIXTURE_LEADS.withCallbacks}`);
    const badge = badgeFor(page, FIXTURE_LEADS.withCallbacks);
    await expect.poll(() => badge.textContent()).toMatch(/3 callbacks/);
    await badge.click();
    await badgeScreen(page).getByRole('dialog').waitFor();
    await badgeScreen(page).getByRole('button', { name: 'Refresh', exact: true }).click();
    await expect
      .poll(async () => (await messages()).filter((m) => m.message.type === 'lead-summary').map((m) => (m.message as { refresh?: true }).refresh))
      .toEqual([undefined, true]);
    // Answered as before, in the open panel.
    await expect.poll(() => badgeScreen(page).getByRole('dialog').textContent()).toContain('Customer asked to call back after 5pm');
  });

  it('says it is offline and retries when asked', async () => {
    ext = await launchExtension();
    ext.api.setFaults({ dropConnection: true });
    const page = await open(ext, `/crm/lead.html?lead_id=${FIXTURE_LEADS.withCallbacks}`);
    const badge = badgeFor(page, FIXTURE_LEADS.withCallbacks);
    await expect.poll(() => badge.textContent(), { timeout: 30_000 }).toMatch(/Offline/);
    ext.api.resetFaults();
    await badgeScreen(page).getByRole('button', { name: 'Retry', exact: true }).click();
    await expect.poll(() => badge.textContent()).toMatch(/3 callbacks/);
  });

  it('remembers where it was dragged, per site', async () => {
    ext = await launchExtension();
    const page = await open(ext, `/crm/lead.html?lead_id=${FIXTURE_LEADS.withCallbacks}`);
    const badge = badgeFor(page, FIXTURE_LEADS.withCallbacks);
    await expect.poll(() => badge.textContent()).toMatch(/3 callbacks/);
    const before = (await badge.boundingBox())!;
    // Reached with Tab, as a person does (a script's focus() does not move the page's focus into a frame).
    for (let tabs = 0; !(await badge.isFocused()); tabs++) {
      expect(tabs, 'the badge is in the Tab order').toBeLessThan(40);
      await page.keyboard.press('Tab');
    }
    await press(page, 'Alt+ArrowUp');
    await press(page, 'Alt+ArrowLeft');
    await expect.poll(async () => (await badge.boundingBox())!.y).toBe(before.y - 10);
    expect((await badge.boundingBox())!.x).toBe(before.x - 10);
    await expect
      .poll(async () => (await ext!.getStorage('local')).badgePositions)
      .toEqual({ [new URL(ext.crmUrl('/')).origin]: { right: 26, bottom: 26 } });

    await page.reload();
    await expect.poll(async () => (await badge.boundingBox())?.y).toBe(before.y - 10);
  });

  it('keeps a position remembered from a bigger window on screen', async () => {
    ext = await launchExtension();
    const origin = new URL(ext.crmUrl('/')).origin;
    await ext.setStorage('local', { badgePositions: { [origin]: { right: 3000, bottom: 2000 } } });
    const page = await open(ext, `/crm/lead.html?lead_id=${FIXTURE_LEADS.withCallbacks}`);
    const badge = badgeFor(page, FIXTURE_LEADS.withCallbacks);
    await expect.poll(() => badge.textContent()).toMatch(/3 callbacks/);
    // The first draw places it by a guessed size; its real size, measured after that
    // layout and before the frame is painted, moves it in. Read back over the protocol,
    // the box may come from between the two: wait for the frame.
    await expect.poll(async () => {
      const box = await badge.boundingBox();
      return box !== null && box.x >= 0 && box.y >= 0;
    }).toBe(true);
    // The stored spot is kept for when the window is big again.
    expect((await ext.getStorage('local')).badgePositions).toEqual({ [origin]: { right: 3000, bottom: 2000 } });
  });

  it('"Hide on this page" removes the badge', async () => {
    ext = await launchExtension();
    const page = await open(ext, `/crm/lead.html?lead_id=${FIXTURE_LEADS.withCallbacks}`);
    const badge = badgeFor(page, FIXTURE_LEADS.withCallbacks);
    await expect.poll(() => badge.textContent()).toMatch(/3 callbacks/);
    await badge.click();
    await badgeScreen(page).getByRole('button', { name: 'Hide on this page', exact: true }).click();
    await expect.poll(() => screen(page).locator('convoso-callbacks').count()).toBe(0);
  });

  it('inline mode: a chip beside every lead of a list page on screen, looked up once per lead', async () => {
    ext = await launchExtension();
    await ext.setStorage('local', { sites: [{ id: 'demo-crm', pattern: 'http://localhost/*', mode: 'inline', rules: [] }] });
    const messages = await recordMessages(ext);
    const page = await open(ext, '/crm/leads.html');
    const chip = (leadId: string) => chipScreen(page, leadId).getByRole('button', { name: new RegExp(`^Convoso callbacks for lead ${leadId}: `) });
    await expect.poll(() => chip(FIXTURE_LEADS.withCallbacks).textContent()).toBe('3 callbacks · 1 past due');
    // A list page has many leads: no floating badge.
    expect(await screen(page).locator('convoso-callbacks').count()).toBe(0);
    // Chips only for the rows on screen (and just below it), each looked up once (issue 21).
    const shown = await screen(page).locator('convoso-callbacks-chip').count();
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(TABLE_LEAD_IDS.length);
    await expect.poll(() => leadRequests(ext!).length).toBe(shown);
    // A lead without callbacks: its chip shows nothing (issue 19).
    await sleep(300);
    expect(await chip(FIXTURE_LEADS.noCallbacks).count()).toBe(0);
    // The rest come as the agent scrolls.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect.poll(() => screen(page).locator('convoso-callbacks-chip').count()).toBe(TABLE_LEAD_IDS.length);
    await expect.poll(() => leadRequests(ext!).length).toBe(TABLE_LEAD_IDS.length);
    expect(new Set(leadRequests(ext).map((r) => r.params.lead_id))).toEqual(new Set(TABLE_LEAD_IDS));
    // Each chip's frame asks for its own lead (under the tab's inline budget), once.
    const sent = await messages();
    expect(sent.every((m) => m.message.type === 'lead-summaries' && m.message.leadIds?.length === 1)).toBe(true);
    expect(sent.map((m) => m.message.leadIds![0]).sort()).toEqual([...TABLE_LEAD_IDS].sort());

    const opened = ext.nextPage();
    await chip(FIXTURE_LEADS.leadB).click();
    const tab = await opened.catch(async (error: unknown) => {
      // What the background heard after the press, and which tabs the browser has.
      const seen = await Promise.race([
        (async () => {
          const worker = await ext!.worker();
          const tabs = await worker.evaluate(async () => (await chrome.tabs.query({})).map((t: { id?: number; url?: string; pendingUrl?: string }) => `${t.id} ${t.url ?? t.pendingUrl ?? ''}`));
          return `heard ${JSON.stringify((await messages()).slice(sent.length))}; tabs ${JSON.stringify(tabs)}`;
        })().catch((e: unknown) => `no worker: ${String(e)}`),
        sleep(5_000).then(() => 'no worker within 5 s'),
      ]);
      throw new Error(`no tab opened (${String(error)}); ${seen}`);
    });
    expect(tab.url()).toContain(`/search.html?lead_id=${FIXTURE_LEADS.leadB}`);
  });

  it("mode 'off' for the site: no badge and no request", async () => {
    ext = await launchExtension();
    await ext.setStorage('local', { sites: [{ id: 'demo-crm', pattern: 'http://localhost/*', mode: 'off', rules: [] }] });
    const page = await open(ext, `/crm/lead.html?lead_id=${FIXTURE_LEADS.withCallbacks}`);
    await sleep(600);
    expect(await screen(page).locator('convoso-callbacks').count()).toBe(0);
    expect(leadRequests(ext)).toHaveLength(0);

    // Switched back on in the options: the open page follows.
    await ext.setStorage('local', { sites: [{ id: 'demo-crm', pattern: 'http://localhost/*', mode: 'badge', rules: [] }] });
    await expect.poll(() => badgeFor(page, FIXTURE_LEADS.withCallbacks).textContent()).toMatch(/3 callbacks/);
  });

  it("a site's custom URL rule finds a lead the built-in detectors miss", async () => {
    ext = await launchExtension();
    await ext.setStorage('local', {
      sites: [{ id: 'demo-crm', pattern: 'http://localhost/*', mode: 'badge', rules: [{ kind: 'url', pattern: '#customer-(\\d+)' }] }],
    });
    const page = await open(ext, `/crm/no-lead.html#customer-${FIXTURE_LEADS.leadA}`);
    await expect.poll(() => badgeFor(page, FIXTURE_LEADS.leadA).textContent()).toMatch(/^2 callbacks/);
  });

  it('asks again when the connection changes (new token)', async () => {
    ext = await launchExtension();
    const page = await open(ext, `/crm/lead.html?lead_id=${FIXTURE_LEADS.withCallbacks}`);
    const badge = badgeFor(page, FIXTURE_LEADS.withCallbacks);
    await expect.poll(() => badge.textContent()).toMatch(/3 callbacks/);
    await ext.setStorage('local', { token: 'other-token-not-real-0002' });
    await expect.poll(() => badge.textContent()).toMatch(/refused the API token/);
    expect(leadRequests(ext).map((r) => r.params.auth_token)).toEqual([DEMO_TOKEN, 'other-token-not-real-0002']);
  });
});
