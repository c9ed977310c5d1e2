import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { BURST } from '../../utils/core/gateway/token-bucket';
import { FIXTURE_LEADS } from '../../mock-api/server';
import { badgeFor, evaluateInContentScript, launchExtension, shadowRole, sleep, type ExtensionSession } from '../harness';

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
    await expect.poll(() => shadowRole(page, 'dialog').textContent()).toContain(COMMENT);
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

  it('scripted clicks open nothing, from the page or from the content script world; the background caps what gets through', async () => {
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
    // From code in the content script's own world, which can open the closed root.
    const clicked = await evaluateInContentScript(
      page,
      `(() => {
        const root = chrome.dom.openOrClosedShadowRoot(document.querySelector('convoso-callbacks'));
        root.querySelector('[data-key="main"]').click();
        return root.querySelector('[data-key="main"]').getAttribute('aria-expanded');
      })()`,
    );
    expect(clicked).toBe('false');
    expect(await shadowRole(page, 'dialog').count()).toBe(0);

    // The agent opens the panel; the script then clicks "View all" ten times.
    await badgeFor(page, FIXTURE_LEADS.withCallbacks).click();
    await shadowRole(page, 'dialog').waitFor();
    await evaluateInContentScript(
      page,
      `(() => {
        const root = chrome.dom.openOrClosedShadowRoot(document.querySelector('convoso-callbacks'));
        for (let i = 0; i < 10; i++) root.querySelector('[data-key="all"]').click();
      })()`,
    );
    await sleep(1000);
    expect((await ext.pages())).toHaveLength(pagesBefore);

    // Skipping the badge and messaging the background directly: a handful at most.
    await evaluateInContentScript(
      page,
      `(async () => {
        for (let i = 0; i < 10; i++) await chrome.runtime.sendMessage({ type: 'open-search-tab', leadId: '${FIXTURE_LEADS.withCallbacks}' });
        await chrome.runtime.sendMessage({ type: 'open-options' });
      })()`,
    );
    await expect.poll(async () => (await ext!.pages()).length).toBe(pagesBefore + 6);
    await sleep(1000);
    expect((await ext.pages())).toHaveLength(pagesBefore + 6);
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
  });

  it('inline flood: a page inventing 500 rows every 0.5 s does not starve a badge, stops when closed, and stays within its budget', async () => {
    ext = await launchExtension({
      sites: [{ id: 'flood', pattern: 'http://localhost/crm/no-lead.html*', mode: 'inline', rules: [] }],
    });
    ext.api.setFaults({ latencyMs: 50 });
    const FIRST = 5_000_000;
    const SECOND = 6_000_000;
    /** A new tab whose page swaps in 500 new rows every 0.5 s, lead ids counting up from `first`. */
    const flooding = async (first: number) => {
      const page = await ext!.newPage();
      await page.goto(ext!.crmUrl('/crm/no-lead.html'));
      await page.evaluate((from) => {
        let next = from;
        const box = document.createElement('div');
        document.body.append(box);
        setInterval(() => {
          const rows = Array.from({ length: 500 }, () => {
            const row = document.createElement('div');
            row.dataset.leadId = String(next++);
            row.textContent = `Lead ${row.dataset.leadId}`;
            return row;
          });
          box.replaceChildren(...rows);
        }, 500);
      }, first);
      return page;
    };
    const from = (first: number) => (leadId: string) => Number(leadId) >= first && Number(leadId) < first + 1_000_000;

    const flood = await flooding(FIRST);
    await expect.poll(() => leadRequests(ext!, from(FIRST)).length, { timeout: 10_000 }).toBeGreaterThan(20);

    // Another tab's badge is served before the flood's queue (hundreds waiting, 50 ms each).
    const other = await ext.newPage();
    await other.goto(ext.crmUrl(`/crm/lead.html?lead_id=${FIXTURE_LEADS.withCallbacks}`));
    await expect.poll(() => badgeFor(other, FIXTURE_LEADS.withCallbacks).textContent(), { timeout: 10_000 }).toMatch(/^3 callbacks/);

    // Closed with its queue still full: its waiting lookups go, and its late messages start none.
    // The background learns of the close a moment after the browser (later still on a busy
    // machine), so the searches are slowed first: every one in flight then holds a 1 s search
    // when the tab closes. Kept queued, the flood would go on at the browser's pace, one a
    // second: 8 or more in the 10 s below.
    ext.api.setFaults({ latencyMs: 1000 });
    const atSlow = leadRequests(ext, from(FIRST)).length;
    await expect.poll(() => leadRequests(ext!, from(FIRST)).length).toBeGreaterThanOrEqual(atSlow + 2);
    const atClose = leadRequests(ext, from(FIRST)).length;
    await flood.close();
    await sleep(10_000);
    // Only the searches already running when it closed (4 at once at most).
    expect(leadRequests(ext, from(FIRST)).length - atClose).toBeLessThanOrEqual(4);

    // A page that keeps inventing leads gets no more than the browser's request budget
    // (issue 21): a burst, then one a second, however many rows it invents.
    ext.api.resetFaults();
    const started = Date.now();
    await flooding(SECOND);
    await expect.poll(() => leadRequests(ext!, from(SECOND)).length, { timeout: 30_000 }).toBeGreaterThan(BURST / 2);
    await sleep(10_000);
    const seconds = (Date.now() - started) / 1000;
    expect(leadRequests(ext, from(SECOND)).length).toBeLessThanOrEqual(BURST + Math.ceil(seconds) + 1);
  }, 120_000);
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
    expect(await shadowRole(page, 'button', { name: 'Retry', exact: true }).count()).toBe(0);
  });
});
