import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { DEMO_TOKEN, FIXTURE_LEADS } from '../../mock-api/server';
import { badgeFor, launchExtension, screen, type ExtensionSession } from '../harness';

// Issue 8, item 1: what a compromised CRM page renderer could do from the
// content script's own world (an isolated world with the extension's chrome.*
// APIs). It must not read the token, and it must not move where the token goes.

// Code passed to worker.evaluate runs in the service worker, where `chrome` exists.
declare const chrome: any;

let ext: ExtensionSession | undefined;
let elsewhere: { server: Server; url: string; hits: string[] } | undefined;
afterEach(async () => {
  await ext?.close();
  ext = undefined;
  await new Promise((resolve) => (elsewhere ? elsewhere.server.close(resolve) : resolve(undefined)));
  elsewhere = undefined;
});

/** Another server on this computer: a host the test build may reach, so only the extension's rules keep the token from it. */
async function startElsewhere() {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"success":true,"data":{"offset":0,"limit":1,"total":0,"results":[]}}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://localhost:${(server.address() as AddressInfo).port}`, hits };
}


/** Runs `expression` in the extension's isolated world on `page` (the content script's), through the DevTools Protocol. */
async function inContentScriptWorld(session: ExtensionSession, page: Page, expression: string): Promise<unknown> {
  const cdp = await page.createCDPSession();
  const contexts: { id: number; name: string; origin: string; auxData?: { type?: string; isDefault?: boolean } }[] = [];
  cdp.on('Runtime.executionContextCreated', (event) => contexts.push(event.context as never));
  await cdp.send('Runtime.enable');
  await expect.poll(() => contexts.some((c) => c.auxData?.type === 'isolated')).toBe(true);
  const world = contexts.find((c) => c.auxData?.type === 'isolated' && (c.name === 'Convoso Callbacks' || c.origin.includes(session.extensionId)));
  expect(world, JSON.stringify(contexts)).toBeDefined();
  const result = await cdp.send('Runtime.evaluate', { expression, contextId: world!.id, awaitPromise: true, returnByValue: true });
  expect(result.exceptionDetails).toBeUndefined();
  await cdp.detach();
  return result.result.value;
}

describe('the content script’s world cannot reach the token or the settings', () => {
  it.each(['local', 'session'] as const)('token kept in %s storage: no storage call returns it, and a write of apiBaseUrl moves nothing', async (where) => {
    elsewhere = await startElsewhere();
    ext = await launchExtension({ tokenStorage: where });
    const page = await ext.newPage();
    await page.goto(ext.crmUrl(`/crm/lead.html?lead_id=${FIXTURE_LEADS.withCallbacks}`));
    await expect.poll(() => badgeFor(page, FIXTURE_LEADS.withCallbacks).textContent()).toMatch(/3 callbacks/);

    const seen = (await inContentScriptWorld(
      ext,
      page,
      `(async () => {
        const out = { id: chrome.runtime.id };
        for (const area of ['local', 'session']) {
          try { out[area] = JSON.stringify(await chrome.storage[area].get(null)); } catch (e) { out[area] = 'refused: ' + e.message; }
        }
        try {
          await chrome.storage.local.set({ apiBaseUrl: '${elsewhere.url}/v1', requestMethod: 'GET' });
          out.write = 'written';
        } catch (e) { out.write = 'refused: ' + e.message; }
        return out;
      })()`,
    )) as Record<string, string>;
    // It is the extension's world (its chrome.runtime is ours)...
    expect(seen.id).toBe(ext.extensionId);
    // ...and nothing in it holds the token. (Chromium refuses these calls outright:
    // the background set storage to trusted contexts. Where a browser allows them,
    // they find sealed values only, see the unit tests of utils/core/storage/sealed.ts.)
    expect(JSON.stringify(seen)).not.toContain(DEMO_TOKEN);

    // The next lookup (a lead not cached yet) still goes to the saved API, and only there.
    await page.goto(ext.crmUrl(`/crm/lead.html?lead_id=${FIXTURE_LEADS.leadA}`));
    await expect.poll(() => badgeFor(page, FIXTURE_LEADS.leadA).textContent()).toMatch(/^2 callbacks/);
    expect(ext.api.requests.filter((r) => r.params.lead_id === FIXTURE_LEADS.leadA)).toHaveLength(1);
    expect(elsewhere.hits).toEqual([]);
    expect((await ext.getStorage('local')).apiBaseUrl).toBe(ext.api.apiBase);
  });

  it('a plain apiBaseUrl written past the access level (as a Firefox content script could) is ignored and reported in the options', async () => {
    elsewhere = await startElsewhere();
    ext = await launchExtension();
    // Written raw, not sealed: the way anything but the extension's trusted code would write it.
    await (await ext.worker()).evaluate((url) => chrome.storage.local.set({ apiBaseUrl: url }), `${elsewhere.url}/v1`);
    const page = await ext.newPage();
    await page.goto(ext.crmUrl(`/crm/lead.html?lead_id=${FIXTURE_LEADS.leadB}`));
    await expect.poll(() => badgeFor(page, FIXTURE_LEADS.leadB).textContent(), { timeout: 30_000 }).not.toMatch(/Looking up/);
    expect(elsewhere.hits).toEqual([]);

    const options = await ext.openPage('options.html');
    const notice = screen(options).getByRole('alert').filter({ hasText: 'The API base URL was stored in an unreadable form; using the default.' });
    await expect.poll(() => notice.count(), { timeout: 15_000 }).toBe(1);
    expect(await screen(options).getByLabel('API base URL').inputValue()).toBe('https://api.convoso.com/v1');
  });

  it('the sealed token and settings survive a restart of the extension (the key lives in IndexedDB)', async () => {
    ext = await launchExtension({ method: 'POST', ownBrowser: true });
    const page = await ext.newPage();
    await page.goto(ext.crmUrl('/crm/no-lead.html'));
    // The whole extension restarts: a new background, nothing kept in memory.
    await (await ext.worker()).evaluate(() => {
      (globalThis as Record<string, unknown>).__beforeRestart = true;
    });
    // From an extension page, which goes with the extension.
    await ext.inExtension((b) => void b.browser.runtime.reload()).catch(() => undefined);
    // Restarted: a background without that mark (the worker running now is asked).
    const restarted = async () =>
      (await ext!.worker()).evaluate(() => !(globalThis as Record<string, unknown>).__beforeRestart && 'chrome' in globalThis).catch(() => false);
    await expect.poll(restarted, { timeout: 30_000 }).toBe(true);
    await page.goto(ext.crmUrl(`/crm/lead.html?lead_id=${FIXTURE_LEADS.leadA}`));
    await expect.poll(() => badgeFor(page, FIXTURE_LEADS.leadA).textContent(), { timeout: 15_000 }).toMatch(/^2 callbacks/);
    const sent = ext.api.requests.filter((r) => r.params.lead_id === FIXTURE_LEADS.leadA);
    expect(sent.map((r) => [r.method, r.params.auth_token])).toEqual([['POST', DEMO_TOKEN]]);
  });
});
