import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { BURST } from '../../utils/core/gateway/token-bucket';
import { FIXTURE_LEADS } from '../../mock-api/server';
import { badgeFor, badgeScreen, evaluateInContentScript, launchExtension, sleep, waitUntil, type ExtensionSession } from '../harness';

// Issue 8, item 2 and 3: what a hostile CRM page (or code in the content
// script's world) can make the badge show, do and ask for.

let ext: ExtensionSession | undefined;
afterEach(async () => {
  await ext?.close();
  ext = undefined;
});

const leadRequests = (session: ExtensionSession, filter: (leadId: string) => boolean = () => true) =>
  session.api.searchRequests().filter((r) => filter(String(r.params.lead_id)));
const COMMENT = 'Customer asked to call back after 5pm';

async function openLead(session: ExtensionSession, leadId: string, beforeLoad?: (page: Page) => Promise<unknown>): Promise<Page> {
  const page = await session.newPage();
  await beforeLoad?.(page);
  await page.goto(session.crmUrl(`/crm/lead.html?lead_id=${leadId}`));
  // The answer, not "Looking up callbacks…": the badge redraws when it arrives.
  await expect.poll(() => badgeFor(page, leadId).textContent()).toMatch(/^\d+ callbacks?\b/);
  return page;
}

describe('security: the badge against its page (issue 8)', () => {
  it('a page script cannot read what the badge shows, even hooking attachShadow first', async () => {
    ext = await launchExtension();
    const page = await openLead(ext, FIXTURE_LEADS.withCallbacks, (p) =>
      p.evaluateOnNewDocument(() => {
        const roots: ShadowRoot[] = [];
        (window as unknown as { __roots: ShadowRoot[] }).__roots = roots;
        const attach = Element.prototype.attachShadow;
        Element.prototype.attachShadow = function (init: ShadowRootInit) {
          const root = attach.call(this, init);
          roots.push(root);
          return root;
        };
      }),
    );
    await badgeFor(page, FIXTURE_LEADS.withCallbacks).click();
    // The agent sees the comment...
    await expect.poll(() => badgeScreen(page).getByRole('dialog').textContent()).toContain(COMMENT);
    // ...the page does not.
    const seen = await page.evaluate(() => {
      const host = document.querySelector('convoso-callbacks')!;
      const roots = (window as unknown as { __roots: ShadowRoot[] }).__roots;
      return {
        host: host !== null,
        shadowRoot: host.shadowRoot,
        hooked: roots.map((r) => r.innerHTML).join(''),
        html: document.documentElement.outerHTML,
        text: document.body.innerText,
        composed: (host as Element & { getHTML?: (o: object) => string }).getHTML?.({ serializableShadowRoots: true }) ?? '',
      };
    });
    expect(seen.host).toBe(true);
    expect(seen.shadowRoot).toBeNull();
    expect(seen.hooked).toBe('');
    for (const text of [seen.html, seen.text, seen.composed]) {
      expect(text).not.toContain(COMMENT);
      expect(text).not.toContain('Campaign:');
    }
  });

  it('scripted clicks open nothing: the page reaches only the host, the content script world only the frame element, and neither may ask for a tab', async () => {
    ext = await launchExtension();
    const page = await openLead(ext, FIXTURE_LEADS.withCallbacks);
    const pagesBefore = (await ext.pages()).length;

    // From the page: the host is all it can reach.
    await page.evaluate(() => {
      const host = document.querySelector<HTMLElement>('convoso-callbacks')!;
      host.click();
      host.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
      const box = host.getBoundingClientRect();
      (document.elementFromPoint(box.right - 20, box.bottom - 10) as HTMLElement | null)?.click();
    });
    // Code in the content script's own world can open the closed root, but finds only
    // the frame: its document is the extension's, in another origin (and process).
    const reached = await evaluateInContentScript(
      page,
      `(() => {
        const root = chrome.dom.openOrClosedShadowRoot(document.querySelector('convoso-callbacks'));
        const frame = root.querySelector('iframe');
        let inside;
        try { inside = frame.contentWindow.document.body.innerText; } catch (e) { inside = 'refused'; }
        return { frames: root.querySelectorAll('iframe').length, buttons: root.querySelectorAll('button').length, document: frame.contentDocument, inside };
      })()`,
    );
    expect(reached).toEqual({ frames: 1, buttons: 0, document: null, inside: 'refused' });
    expect(await badgeScreen(page).getByRole('dialog').count()).toBe(0);

    // Nor can it ask for what the badge's frame asks: a tab, the options, a summary.
    const answers = await evaluateInContentScript(
      page,
      `(async () => {
        const out = [];
        for (let i = 0; i < 10; i++) out.push(await chrome.runtime.sendMessage({ type: 'open-search-tab', leadId: '${FIXTURE_LEADS.withCallbacks}' }));
        out.push(await chrome.runtime.sendMessage({ type: 'open-options' }));
        out.push(await chrome.runtime.sendMessage({ type: 'lead-summary', leadId: '${FIXTURE_LEADS.withCallbacks}' }));
        return out;
      })()`,
    );
    expect(new Set((answers as { error?: { kind: string } }[]).map((a) => a.error?.kind))).toEqual(new Set(['refused']));
    await sleep(1000);
    expect(await ext.pages()).toHaveLength(pagesBefore);
  });

  it('switching the lead with history.replaceState pauses after 10 distinct leads in a minute', async () => {
    ext = await launchExtension();
    const page = await openLead(ext, FIXTURE_LEADS.withCallbacks);
    const others = Array.from({ length: 15 }, (_, i) => String(900_001 + i));
    for (const id of others) {
      await page.evaluate((lead) => history.replaceState(null, '', `?lead_id=${lead}`), id);
      // Each switch is seen (the badge names the lead) before the next one.
      await badgeFor(page, id).waitFor();
    }
    const last = others.at(-1)!;
    await expect.poll(() => badgeFor(page, last).textContent()).toMatch(/^Paused/);
    const asked = new Set(leadRequests(ext).map((r) => String(r.params.lead_id)));
    expect(asked.size).toBeLessThanOrEqual(10);
    expect(asked.has(last)).toBe(false);

    // The budget outlives the service worker (issue 20, item 2): stopped, as Chrome does
    // after 30 s idle, and woken by the next lead, it still says no.
    const cdp = await page.createCDPSession();
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    const after = '900100';
    await page.evaluate((lead) => history.replaceState(null, '', `?lead_id=${lead}`), after);
    await expect.poll(() => badgeFor(page, after).textContent(), { timeout: 15_000 }).toMatch(/^Paused/);
    expect(leadRequests(ext).some((r) => String(r.params.lead_id) === after)).toBe(false);
  });

  it('inline flood: a page putting 40 new leads on screen every second does not starve a badge, and stops when closed', async () => {
    ext = await launchExtension({
      sites: [{ id: 'flood', pattern: 'http://localhost/crm/no-lead.html*', mode: 'inline', rules: [] }],
      // Closed afterwards rather than reset for the next test: hundreds of chip frames made and
      // dropped leave a browser slow to reset on a busy machine.
      ownBrowser: true,
    });
    ext.api.setFaults({ latencyMs: 50 });
    const FIRST = 5_000_000;
    const SECOND = 6_000_000;
    /**
     * A new tab whose page puts `perSecond` new rows at the top of a list every second, pushing the
     * others off screen (chips are made only for rows on screen, at most 40 a second), lead
     * ids counting up from `first`.
     */
    const flooding = async (first: number, perSecond = 40) => {
      const page = await ext!.newPage();
      await page.goto(ext!.crmUrl('/crm/no-lead.html'));
      await page.evaluate((from, count) => {
        let next = from;
        const box = document.createElement('div');
        document.body.prepend(box);
        setInterval(() => {
          const rows = Array.from({ length: count }, () => {
            const row = document.createElement('div');
            row.dataset.leadId = String(next++);
            row.textContent = `Lead ${row.dataset.leadId}`;
            return row;
          });
          box.prepend(...rows);
        }, 1000);
      }, first, perSecond);
      // Chips are made for rows on screen: a tab the browser shows.
      await page.bringToFront();
      return page;
    };
    const from = (first: number) => (leadId: string) => Number(leadId) >= first && Number(leadId) < first + 1_000_000;
    /**
     * Waits (a minute: each chip is a frame to load, slow on a busy machine) until the flood of
     * `page` from `first` has asked more than `count` times; if it does not, says what its page
     * shows and what the extension holds.
     */
    const askedMoreThan = (page: Page, first: number, count: number) =>
      waitUntil(() => Promise.resolve(leadRequests(ext!, from(first)).length > count), `the flood asked ${count} times or fewer`, 60_000).catch(async (error: unknown) => {
        const state = {
          page: await page
            .evaluate(() => ({ visibility: document.visibilityState, rows: document.querySelectorAll('[data-lead-id]').length, chips: document.querySelectorAll('convoso-callbacks-chip').length }))
            .catch((e: unknown) => String(e)),
          session: await ext!.getStorage('session').catch((e: unknown) => String(e)),
          requests: ext!.api.searchRequests().length,
        };
        throw new Error(`${String(error)}: ${JSON.stringify(state)}`);
      });

    const flood = await flooding(FIRST);
    // A queue of dozens builds up (each chip is a frame to load: on a busy machine, 20 take 10 s or more).
    await askedMoreThan(flood, FIRST, 20);

    // Another tab's badge is served before the flood's queue (dozens waiting, 50 ms each, and
    // 40 more a second while the machine keeps up): served in turn, it would never come.
    const other = await ext.newPage();
    await other.goto(ext.crmUrl(`/crm/lead.html?lead_id=${FIXTURE_LEADS.withCallbacks}`));
    await expect.poll(() => badgeFor(other, FIXTURE_LEADS.withCallbacks).textContent(), { timeout: 30_000 }).toMatch(/^3 callbacks/);

    // Closed with its queue still full: its waiting lookups go, and its late messages start none.
    // The background learns of the close a moment after the browser (later still on a busy
    // machine), so the searches are slowed first: every one in flight then holds a 1 s search
    // when the tab closes. Kept queued, the flood would go on at the browser's pace, one a
    // second: 8 or more in the 10 s below.
    // Chips are made for rows on screen: the flood's tab is the one in front again.
    await flood.bringToFront();
    ext.api.setFaults({ latencyMs: 1000 });
    const atSlow = leadRequests(ext, from(FIRST)).length;
    await expect.poll(() => leadRequests(ext!, from(FIRST)).length).toBeGreaterThanOrEqual(atSlow + 2);
    const atClose = leadRequests(ext, from(FIRST)).length;
    await flood.close();
    await sleep(10_000);
    // Only the searches already running when it closed (4 at once at most).
    expect(leadRequests(ext, from(FIRST)).length - atClose).toBeLessThanOrEqual(4);

    // A page that keeps inventing leads gets no more than the browser's request budget
    // (issue 21): a burst, then one a second, however many rows it invents. Ten new rows a
    // second is ten times the budget, and each chip stays on the page for 20 s before
    // CHIPS_MAX drops it: long enough for its frame to load and ask on a busy machine (at 40
    // a second a chip is dropped after 5 s, before a slow machine has loaded it).
    ext.api.resetFaults();
    const started = Date.now();
    const second = await flooding(SECOND, 10);
    // The flood is under way (each chip is a frame to load: slow on a busy machine)…
    await askedMoreThan(second, SECOND, 5);
    await sleep(10_000);
    const seconds = (Date.now() - started) / 1000;
    expect(leadRequests(ext, from(SECOND)).length).toBeLessThanOrEqual(BURST + Math.ceil(seconds) + 1);
    // Closed here, while the test still has time: a tab holding 200 chip frames is slow to close on a busy machine.
    await second.close();
  }, 240_000);
});

describe('the badge recovers by itself (issue 8, item 10)', () => {
  it('retries once when the service worker stops mid-lookup, without a Retry click', async () => {
    ext = await launchExtension();
    ext.api.setFaults({ latencyMs: 3000 });
    const page = await ext.newPage();
    const cdp = await page.createCDPSession();
    await page.goto(ext.crmUrl(`/crm/lead.html?lead_id=${FIXTURE_LEADS.withCallbacks}`));
    await expect.poll(() => leadRequests(ext!).length, { timeout: 10_000 }).toBe(1);
    // The lookup is running; the browser stops the worker (as Chrome does after 30 s idle or 5 min busy).
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    ext.api.resetFaults();
    await expect.poll(() => badgeFor(page, FIXTURE_LEADS.withCallbacks).textContent(), { timeout: 20_000 }).toMatch(/^3 callbacks/);
    expect(await badgeScreen(page).getByRole('button', { name: 'Retry', exact: true }).count()).toBe(0);
  });
});
