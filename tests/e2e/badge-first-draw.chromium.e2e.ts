import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { FIXTURE_LEADS } from '../../mock-api/server';
import { badgeFor, badgeMarks, badgeScreen, launchExtension, type ExtensionSession } from '../harness';

// Issue 11: the badge's first draw on a CRM page. An answer already in when the
// page is parsed (a cached lead) is drawn once, with no "Looking up…" first; the
// badge is kept on screen whatever place was remembered.

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

/** What the badge drew, in order ("loading", "ready", "error"): the test build's performance marks, in the badge's frame. */
const drawn = (page: Page, leadId: string) => badgeMarks(page, 'drawn', leadId);

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

  it('keeps the whole badge in the window for a spot remembered far off', async () => {
    ext = await launchExtension();
    const origin = new URL(ext.crmUrl('/')).origin;
    await ext.setStorage('local', { badgePositions: { [origin]: { right: 3000, bottom: 2000 } } });
    const page = await ext.newPage();
    await page.goto(ext.crmUrl(`/crm/lead.html?lead_id=${FIXTURE_LEADS.withCallbacks}`));
    const badge = badgeFor(page, FIXTURE_LEADS.withCallbacks);
    await expect.poll(() => badge.textContent(), { timeout: 30_000 }).toMatch(/^3 callbacks/);
    // Pushed to the top-left corner, 4 px in (clampPosition's margin), at its fixed size.
    const line = badgeScreen(page).locator('.line');
    const rounded = async () => {
      const b = await line.boundingBox();
      return b && { x: Math.round(b.x), y: Math.round(b.y) };
    };
    await expect.poll(rounded, { timeout: 10_000 }).toEqual({ x: 4, y: 4 });
    const box = (await line.boundingBox())!;
    const view = await page.evaluate(() => ({ width: innerWidth, height: innerHeight }));
    expect(box.x + box.width).toBeLessThanOrEqual(view.width);
    expect(box.y + box.height).toBeLessThanOrEqual(view.height);
    // The stored spot is kept for when the window is big again.
    expect((await ext.getStorage('local')).badgePositions).toEqual({ [origin]: { right: 3000, bottom: 2000 } });
  });
});
