import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { FIXTURE_LEADS } from '../../mock-api/server';
import { badgeFor, cdpOf, launchExtension, type ExtensionSession } from '../harness';

// Issue 11: the badge's first draw on a CRM page. An answer already in when the
// page is parsed (a cached lead) is drawn once, with no "Looking up…" first; the
// badge is kept on screen with its real size, measured after the browser's own
// layout rather than by forcing one while drawing.

let ext: ExtensionSession | undefined;
const servers: Server[] = [];
afterEach(async () => {
  await ext?.close();
  ext = undefined;
  await Promise.all(
    servers.splice(0).map((s) => {
      s.closeAllConnections();
      return new Promise((resolve) => s.close(resolve));
    }),
  );
});

/** The border box of the badge's bar (its whole one line: border, text, grip), read through the DevTools Protocol. */
async function rowBox(page: Page): Promise<{ x: number; y: number; width: number; height: number } | null> {
  const session = await cdpOf(page);
  const { root } = await session.send('DOM.getDocument', { depth: -1, pierce: true });
  type N = { nodeId: number; localName?: string; children?: N[]; shadowRoots?: N[] };
  let shadow: number | undefined;
  const walk = (n: N) => {
    if (n.localName === 'convoso-callbacks') shadow ??= n.shadowRoots?.[0]?.nodeId;
    for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) walk(c);
  };
  walk(root as N);
  if (shadow === undefined) return null;
  const { nodeId } = await session.send('DOM.querySelector', { nodeId: shadow, selector: '.badge > .row' });
  if (!nodeId) return null;
  const { model } = await session.send('DOM.getBoxModel', { nodeId });
  const [x, y] = model.border as number[];
  return { x: Math.round(x!), y: Math.round(y!), width: model.width, height: model.height };
}

/** What the badge drew, in order ("loading", "ready", "error"): the test build's performance marks, which the page shares. */
const drawn = (page: Page, leadId: string) =>
  page.evaluate(
    (id) =>
      performance
        .getEntriesByName('convoso-callbacks:drawn', 'mark')
        .map((m) => (m as PerformanceMark).detail as { leadId: string; kind: string })
        .filter((d) => d.leadId === id)
        .map((d) => d.kind),
    leadId,
  );

/**
 * A lead page whose one script in <head> takes `ms` to arrive: the page is parsed
 * (DOMContentLoaded) only after it, so the early question, asked at
 * document_start, has had its answer long before detection runs. Served on
 * localhost, where the test build's content script runs; gives the page's address.
 */
async function slowParsingPage(ms: number): Promise<(leadId: string) => string> {
  const server = createServer((req, res) => {
    if (req.url?.startsWith('/crm/slow-parse.js')) {
      setTimeout(() => res.writeHead(200, { 'content-type': 'text/javascript' }).end('/* slow */'), ms);
      return;
    }
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end('<!DOCTYPE html><html><head><title>Lead</title><script src="/crm/slow-parse.js"></script></head><body><h1>Lead</h1></body></html>');
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, resolve));
  return (leadId) => `http://localhost:${(server.address() as AddressInfo).port}/crm/slow-parse.html?lead_id=${leadId}`;
}

describe('the badge\'s first draw (issue 11)', () => {
  it('draws an answer already in at once, without "Looking up…" first', async () => {
    ext = await launchExtension();
    const slowPage = await slowParsingPage(1500);
    const lead = FIXTURE_LEADS.withCallbacks;
    const url = slowPage(lead);
    // First visit: the background looks it up and caches it.
    const first = await ext.newPage();
    await first.goto(url);
    await expect.poll(() => badgeFor(first, lead).textContent(), { timeout: 30_000 }).toMatch(/^3 callbacks/);
    await first.close();

    const page = await ext.newPage();
    await page.goto(url);
    await expect.poll(() => badgeFor(page, lead).textContent(), { timeout: 30_000 }).toMatch(/^3 callbacks/);
    expect(await drawn(page, lead)).toEqual(['ready']);
  });

  it('still says "Looking up…" while an answer is on its way', async () => {
    ext = await launchExtension();
    ext.api.setFaults({ latencyMs: 1500 });
    const lead = FIXTURE_LEADS.withCallbacks;
    const page = await ext.newPage();
    await page.goto(ext.crmUrl(`/crm/lead.html?lead_id=${lead}`));
    await expect.poll(() => badgeFor(page, lead).textContent(), { timeout: 30_000 }).toMatch(/^Looking up callbacks/);
    await expect.poll(() => badgeFor(page, lead).textContent(), { timeout: 30_000 }).toMatch(/^3 callbacks/);
    expect(await drawn(page, lead)).toEqual(['loading', 'ready']);
  });

  it('sends the page no window message at start (WXT\'s would name the extension to every page\'s scripts)', async () => {
    ext = await launchExtension();
    const page = await ext.newPage();
    await page.evaluateOnNewDocument(() => {
      const heard: unknown[] = [];
      (window as unknown as { __heard: unknown[] }).__heard = heard;
      window.addEventListener('message', (e) => heard.push(e.data));
    });
    await page.goto(ext.crmUrl(`/crm/lead.html?lead_id=${FIXTURE_LEADS.withCallbacks}`));
    await expect.poll(() => badgeFor(page, FIXTURE_LEADS.withCallbacks).textContent(), { timeout: 30_000 }).toMatch(/^3 callbacks/);
    expect(JSON.stringify(await page.evaluate(() => (window as unknown as { __heard: unknown[] }).__heard))).not.toMatch(/wxt|content-script|convoso/i);
  });

  it('keeps the whole badge in the window, measured at its real size, for a spot remembered far off', async () => {
    ext = await launchExtension();
    const origin = new URL(ext.crmUrl('/')).origin;
    await ext.setStorage('local', { badgePositions: { [origin]: { right: 3000, bottom: 2000 } } });
    const page = await ext.newPage();
    await page.goto(ext.crmUrl(`/crm/lead.html?lead_id=${FIXTURE_LEADS.withCallbacks}`));
    const badge = badgeFor(page, FIXTURE_LEADS.withCallbacks);
    await expect.poll(() => badge.textContent(), { timeout: 30_000 }).toMatch(/^3 callbacks/);
    // Pushed to the top-left corner, 4 px in (clampPosition's margin): only the
    // badge's real size puts it exactly there; the size guessed before the first
    // layout (200 x 36) would leave it off by the difference.
    await expect.poll(() => rowBox(page), { timeout: 10_000 }).toMatchObject({ x: 4, y: 4 });
    const box = (await rowBox(page))!;
    const view = await page.evaluate(() => ({ width: innerWidth, height: innerHeight }));
    expect(box.x + box.width).toBeLessThanOrEqual(view.width);
    expect(box.y + box.height).toBeLessThanOrEqual(view.height);
    // The stored spot is kept for when the window is big again.
    expect((await ext.getStorage('local')).badgePositions).toEqual({ [origin]: { right: 3000, bottom: 2000 } });
  });
});
