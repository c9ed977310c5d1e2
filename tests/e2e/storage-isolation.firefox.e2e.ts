import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { DEMO_TOKEN, FIXTURE_LEADS } from '../../mock-api/server';
import { badgeText, clickButton, connectThroughOptions, inContentScriptWorld, launchExtension, typeInto, waitForText, waitUntil, type ExtensionSession } from '../harness';

// Issue 8 in a real Firefox (MV2): what a compromised CRM page renderer could do from
// the extension's content-script world. Firefox has no storage access levels
// (Chrome's `setAccessLevel`), so this file finds out what that world can reach there:
// - storage.session (the token kept "until the browser closes", the lead cache with
//   the callbacks of every lead looked up, the popup's last search): Firefox does not
//   expose the area to content scripts at all, and storage.onChanged there does not
//   report its changes;
// - storage.local: readable and writable, so every setting in it is sealed; a plain
//   value written there is refused by the extension.
// One Firefox for the file; the tests run in order and build on each other.

let ff: ExtensionSession;
let options: Page;
let elsewhere: { server: Server; url: string; hits: string[] };
const GECKO_ID = 'convoso-callbacks@convoso-callbacks.dev';
/** Text only the lead cache holds (a comment of FIXTURE_LEADS.withCallbacks, then of leadB). */
const CACHED_COMMENT = 'Customer asked to call back after 5pm';
const LATER_COMMENT = 'Call back re: quote #A-2291';

/** Another server on this computer, which the test build may reach: only the extension's rules keep requests from it. */
async function startElsewhere() {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"success":true,"data":{"offset":0,"limit":1,"total":0,"results":[]}}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://localhost:${(server.address() as AddressInfo).port}`, hits };
}

/** What the background sees in storage.session (an extension page reads it as the background would). */
const sessionAsExtension = () => options.evaluate(async () => JSON.stringify(await (globalThis as any).browser.storage.session.get(null)));

async function openLead(leadId: string, count: RegExp): Promise<{ page: Page; url: string }> {
  const url = ff.crmUrl(`/crm/lead.html?lead_id=${leadId}`);
  const page = await ff.openWeb(url);
  await waitUntil(async () => count.test(await badgeText(page, leadId)), `no badge for lead ${leadId}`);
  return { page, url };
}

/** Everything the content-script world gets from the storage API, tried area by area. */
const PROBE_STORAGE = `(async () => {
  const out = { id: browser.runtime.id, sessionType: typeof browser.storage.session, localType: typeof browser.storage.local };
  for (const area of ['local', 'session']) {
    try { out[area] = await browser.storage[area].get(null); } catch (e) { out[area] = 'refused: ' + e.message; }
  }
  try { await browser.storage.session.set({ probe: 1 }); out.sessionWrite = 'written'; } catch (e) { out.sessionWrite = 'refused: ' + e.message; }
  return out;
})()`;

interface Probe {
  id: string;
  sessionType: string;
  localType: string;
  local: Record<string, unknown> | string;
  session: unknown;
  sessionWrite: string;
}

const isEnvelope = (v: unknown) => {
  const e = v as { sealed?: unknown; iv?: unknown; data?: unknown } | null;
  return !!e && e.sealed === 1 && typeof e.iv === 'string' && typeof e.data === 'string' && Object.keys(e).length === 3;
};

describe('the content script’s world in a real Firefox', () => {
  beforeAll(async () => {
    elsewhere = await startElsewhere();
    ff = await launchExtension({ fresh: true });
    options = await connectThroughOptions(ff);
  });
  afterAll(async () => {
    await ff?.close();
    await new Promise((resolve) => (elsewhere ? elsewhere.server.close(resolve) : resolve(undefined)));
  });

  it('has no storage.session (so no lead cache), and finds the token and settings in storage.local only sealed', async () => {
    const { url } = await openLead(FIXTURE_LEADS.withCallbacks, /^3 callbacks/);
    // What is at stake: the background keeps the lead's callbacks in storage.session
    // (written shortly after the answer, so wait for it).
    await waitUntil(async () => (await sessionAsExtension()).includes(CACHED_COMMENT), 'the lead cache never held the lead');

    const world = await inContentScriptWorld<{ privileged: boolean; sameSandbox: string; probe: Probe }>(
      options,
      url,
      // openOrClosedShadowRoot exists only for extension content scripts: this is their world,
      // not the page's. And it is the manifest content script's own sandbox: WXT's bundle
      // declares a top-level `var content` (its start-up promise), which is visible here.
      `(async () => ({
        privileged: typeof document.documentElement.openOrClosedShadowRoot !== 'undefined',
        sameSandbox: Object.prototype.toString.call(globalThis.content),
        probe: await ${PROBE_STORAGE},
      }))()`,
    );
    expect(world.privileged).toBe(true);
    expect(world.sameSandbox, 'not the content script’s sandbox (or WXT no longer declares `var content`)').toBe('[object Promise]');
    const { probe } = world;
    expect(probe.id).toBe(GECKO_ID);
    // Firefox does not give content scripts the session area at all: neither read nor write.
    // (Firefox may list a `session` key on browser.storage there, but its value is undefined.)
    expect(probe.sessionType).toBe('undefined');
    expect(probe.localType).toBe('object');
    expect(probe.session).toMatch(/^refused: /);
    expect(probe.sessionWrite).toMatch(/^refused: /);
    expect(await sessionAsExtension()).not.toContain('"probe"');

    // storage.local is readable there: every setting is a sealed envelope, nothing holds the token.
    expect(typeof probe.local).toBe('object');
    const local = probe.local as Record<string, unknown>;
    for (const key of ['token', 'tokenStorage', 'apiBaseUrl', 'requestMethod']) expect(isEnvelope(local[key]), key).toBe(true);
    const plain = Object.entries(local).filter(([, v]) => !isEnvelope(v));
    // The only plain value is the counter that tells content scripts to ask again.
    expect(plain).toEqual([['connectionEpoch', expect.any(Number)]]);
    expect(JSON.stringify(probe)).not.toContain(DEMO_TOKEN);
    expect(JSON.stringify(probe)).not.toContain(CACHED_COMMENT);
  });

  it('is not told about storage.session changes: a listener there sees the lead cache grow in no way', async () => {
    const watched = ff.crmUrl(`/crm/lead.html?lead_id=${FIXTURE_LEADS.withCallbacks}`);
    await inContentScriptWorld(
      options,
      watched,
      `(() => {
        window.__convosoProbeSeen = [];
        browser.storage.onChanged.addListener((changes, area) => window.__convosoProbeSeen.push({ area, changes }));
        return true;
      })()`,
    );
    // Another lead looked up in another tab: the background writes it into the lead cache.
    const other = await openLead(FIXTURE_LEADS.leadB, /^5 callbacks/);
    await waitUntil(async () => (await sessionAsExtension()).includes(LATER_COMMENT), 'the lead cache never held lead B');
    // And a change of storage.local for comparison, which Firefox does report there.
    await options.evaluate(() => (globalThis as any).browser.storage.local.set({ e2eProbe: 'local-change' }));
    const seen = await waitUntil(async () => {
      const s = await inContentScriptWorld<{ area: string; changes: Record<string, unknown> }[]>(options, watched, 'window.__convosoProbeSeen');
      return s.some((c) => c.area === 'local' && 'e2eProbe' in c.changes) ? s : null;
    }, 'the local change never reached the content script world');
    expect(seen.filter((c) => c.area !== 'local')).toEqual([]);
    expect(JSON.stringify(seen)).not.toContain(LATER_COMMENT);
    await options.evaluate(() => (globalThis as any).browser.storage.local.remove('e2eProbe'));
    await other.page.close();
  });

  it('cannot reach a token kept only until the browser closes', async () => {
    await options.bringToFront();
    await (await waitUntil(() => options.$('#where-session'), 'no session choice')).click();
    await typeInto(options, 'API token', DEMO_TOKEN);
    await clickButton(options, 'Save');
    await waitForText(options, '#connection-status', 'Saved.');
    // The token now lives (sealed) in storage.session and no longer in storage.local.
    await waitUntil(async () => (await sessionAsExtension()).includes('"token":{"sealed":1,'), 'the token never moved (sealed) to storage.session');
    const localToken = () => options.evaluate(async () => JSON.stringify(await (globalThis as any).browser.storage.local.get('token')));
    await waitUntil(async () => (await localToken()) === '{}', 'the token stayed in storage.local');

    const { url, page } = await openLead(FIXTURE_LEADS.leadA, /^2 callbacks/);
    const probe = await inContentScriptWorld<Probe>(options, url, PROBE_STORAGE);
    expect(probe.sessionType).toBe('undefined');
    expect(probe.session).toMatch(/^refused: /);
    expect(Object.keys(probe.local as object)).not.toContain('token');
    expect(JSON.stringify(probe)).not.toContain(DEMO_TOKEN);
    await page.close();
  });

  it('may write storage.local, but a plain API address written there moves no request', async () => {
    const page = ff.crmUrl(`/crm/lead.html?lead_id=${FIXTURE_LEADS.withCallbacks}`);
    const written = await inContentScriptWorld<string>(
      options,
      page,
      `browser.storage.local.set({ apiBaseUrl: ${JSON.stringify(`${elsewhere.url}/v1`)}, requestMethod: 'GET' }).then(() => 'written', (e) => 'refused: ' + e.message)`,
    );
    // Firefox lets it through (Chrome refuses it: trusted contexts only)...
    expect(written).toBe('written');
    // ...and the next lookup of a lead not cached yet goes nowhere near the written address.
    const crm = await ff.openWeb(ff.crmUrl(`/crm/lead.html?lead_id=${FIXTURE_LEADS.noCallbacks}`));
    await waitUntil(async () => {
      const t = await badgeText(crm, FIXTURE_LEADS.noCallbacks);
      return t !== '' && !/Looking up/.test(t);
    }, 'the lookup never finished', 30_000);
    expect(elsewhere.hits).toEqual([]);
    // The options page says the stored address was not the extension's.
    const again = await ff.openPage('options.html');
    await waitUntil(
      async () => (await again.$$eval('[role="alert"]', (els) => els.map((e) => e.textContent ?? '').join('\n'))).includes(
        'The API base URL was stored in an unreadable form; using the default.',
      ),
      'no notice about the API base URL',
    );
    await again.close();
    await crm.close();
  });
});
