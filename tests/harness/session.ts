import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page, Target } from 'puppeteer-core';
import { DEMO_TOKEN, startMockApi, type MockApi } from '../../mock-api/server';
import { recentDataset } from '../support/recent-dataset';
import type { Bridge } from './bridge/bridge';
import type { BrowserName } from './browsers';
import { bridgeOf, extensionWorker, giveBackChromium, takeChromium, type HeldChromium, type WorkerHandle } from './chromium';
import { bridgeOfFirefox, giveBackFirefox, openFirefoxExtensionPage, takeFirefox, type HeldFirefox } from './firefox';
import { sleep, waitUntil } from './wait';

// One harness for both browsers: `launchExtension()` gives a browser with the test build
// as freshly installed (a pooled one, reset: chromium.ts, firefox.ts), configured for a
// local API of its own, and the few ways a test reaches into it. Where the browsers must
// differ (how the extension is loaded and reset, extension page loads, downloads, the
// service worker) the difference stays in here.

export const CHROMIUM_EXTENSION_DIR = path.resolve(import.meta.dirname, '../../.output/chrome-mv3-test');

export interface LaunchOptions {
  /** Saved API token; `null` leaves the extension without one. */
  token?: string | null;
  tokenStorage?: 'local' | 'session';
  method?: 'GET' | 'POST';
  pageSize?: number;
  timeoutMs?: number;
  /** CRM sites as the options page saves them ({ id, pattern, mode, rules }). */
  sites?: unknown[];
  /** The agent's own Convoso user ID (the options' "Convoso user ID"); unset by default. */
  userId?: string;
  /** As freshly installed: nothing written, not even the API address (to set it up through the options page). */
  fresh?: boolean;
  /** 0 (the default) picks a free port. */
  apiPort?: number;
  /**
   * Firefox only: the administrator's policy (storage.managed), given to a Firefox of the
   * session's own through a managed storage manifest in a temporary HOME. Chromium reads
   * policy only from /etc/chromium/policies, for the whole machine: refused there.
   */
  policy?: Record<string, unknown>;
  /** Chromium only: another unpacked build (the bench times older ones). */
  extensionDir?: string;
  /** Chromium only: the demo shows a real window when a display exists. */
  headless?: boolean;
  /** Chromium only: the browser's own IANA zone (pages and service worker alike); default the machine's. */
  browserTimeZone?: string;
  /**
   * Chromium only: a browser of its own, not one handed on by earlier tests. A reload of
   * the whole extension (runtime.reload) went unanswered in a browser that had served a
   * few dozen tests, while it works in a new one.
   */
  ownBrowser?: boolean;
}

export interface Download {
  /** The name the browser was given for it (Chromium: suggested; Firefox: saved as). */
  name: string;
  /** The complete file. */
  path: string;
}

export interface ExtensionSession {
  readonly name: BrowserName;
  readonly browser: Browser;
  /** Chromium's extension id, or Firefox's add-on UUID: the host of the extension's pages. */
  readonly extensionId: string;
  /** `chrome-extension://ID` or `moz-extension://UUID`. */
  readonly origin: string;
  readonly api: MockApi;
  /** Where downloads land (emptied before the next session). */
  readonly downloads: string;
  /** An extension page (`popup.html`, `options.html`, `search.html?lead_id=1`) in a new tab, once loaded. */
  openPage(pagePath: string): Promise<Page>;
  /** A new blank tab. */
  newPage(): Promise<Page>;
  /** A web page in a new tab, once loaded. */
  openWeb(url: string): Promise<Page>;
  /** Every open tab (the browser's first tab and the bridge page included). */
  pages(): Promise<Page[]>;
  /** A demo CRM page on localhost, where the test build's static content script runs. */
  crmUrl(pagePath: string): string;
  /** The same page on 127.0.0.1, which only a user-added CRM site covers. */
  crmUrlOtherHost(pagePath: string): string;
  /** Writes extension storage as the options page would (settings sealed), through the bridge page. */
  setStorage(area: 'local' | 'session', items: Record<string, unknown>): Promise<void>;
  /** Reads a storage area, sealed settings opened. */
  getStorage(area: 'local' | 'session'): Promise<Record<string, unknown>>;
  /**
   * Runs `fn` in the test build's bridge page (tests/harness/bridge/), an extension page:
   * `bridge.browser` is the extension's `browser.*` API there. `fn` is sent as source, so it
   * may use only its arguments, which must be JSON values.
   */
  inExtension<A extends unknown[], T>(fn: (bridge: Bridge, ...args: A) => T, ...args: A): Promise<Awaited<T>>;
  /** Chromium only: the extension's service worker as it runs now (started if it was stopped). */
  worker(): Promise<WorkerHandle>;
  /** The next tab to open, once it has an address (Playwright's `waitForEvent('page')`). */
  nextPage(): Promise<Page>;
  /** The next download, once complete. Call it before what starts the download. */
  nextDownload(): Promise<Download>;
  close(): Promise<void>;
}

/** The browser this Vitest project drives (vitest.config.ts), Chromium outside the tests. */
export async function currentBrowser(): Promise<BrowserName> {
  if (!process.env.VITEST) return 'chromium';
  const { inject } = await import('vitest');
  return inject('e2eBrowser') ?? 'chromium';
}

interface Held {
  name: BrowserName;
  browser: Browser;
  extensionId: string;
  downloads: string;
  chromium?: HeldChromium;
  firefox?: HeldFirefox;
  giveBack(): Promise<void>;
}

async function take(name: BrowserName, opts: LaunchOptions): Promise<Held> {
  if (name === 'firefox') {
    const ff = await takeFirefox(opts.policy);
    return { name, browser: ff.browser, extensionId: ff.uuid, downloads: ff.downloads, firefox: ff, giveBack: () => giveBackFirefox(ff.browser) };
  }
  if (opts.policy) {
    throw new Error('launchExtension({ policy }) is Firefox only: Chromium reads policy only from /etc/chromium/policies, for the whole machine (docs/DEVELOPING.md, "Firefox").');
  }
  const chromium = await takeChromium({
    extensionDir: opts.extensionDir ?? CHROMIUM_EXTENSION_DIR,
    headless: opts.headless ?? true,
    ...(opts.browserTimeZone && { browserTimeZone: opts.browserTimeZone }),
    ...(opts.ownBrowser && { ownBrowser: true }),
  });
  return { name, browser: chromium.browser, extensionId: chromium.extensionId, downloads: chromium.downloads, chromium, giveBack: () => giveBackChromium(chromium.browser) };
}

/** A browser with the extension as freshly installed, set up for a local API of its own (unless `fresh`). */
export async function launchExtension(opts: LaunchOptions = {}): Promise<ExtensionSession> {
  const name = await currentBrowser();
  const api = await startMockApi({ port: opts.apiPort ?? 0, dataset: recentDataset() });
  let held: Held | undefined;
  try {
    held = await take(name, opts);
    const session = sessionOf(held, api);
    if (!opts.fresh) await configure(session, opts);
    return session;
  } catch (error) {
    await held?.giveBack();
    await api.close();
    throw error;
  }
}

/** The settings a configured extension has: the local API's address, its token, and what the test asks for. */
async function configure(session: ExtensionSession, opts: LaunchOptions): Promise<void> {
  const token = opts.token === undefined ? DEMO_TOKEN : opts.token;
  const where = opts.tokenStorage ?? 'local';
  const local: Record<string, unknown> = {
    apiBaseUrl: session.api.apiBase,
    tokenStorage: where,
    requestMethod: opts.method ?? 'GET',
  };
  if (opts.pageSize !== undefined) local.pageSize = opts.pageSize;
  if (opts.timeoutMs !== undefined) local.requestTimeoutMs = opts.timeoutMs;
  if (opts.sites !== undefined) local.sites = opts.sites;
  if (opts.userId !== undefined) local.userId = opts.userId;
  if (token !== null && where === 'local') local.token = token;
  await session.setStorage('local', local);
  if (token !== null && where === 'session') await session.setStorage('session', { token });
}

function sessionOf(held: Held, api: MockApi): ExtensionSession {
  const { name, browser, extensionId } = held;
  const origin = `${name === 'firefox' ? 'moz-extension' : 'chrome-extension'}://${extensionId}`;
  const port = new URL(api.url).port;
  const extensionUrl = (pagePath: string) => `${origin}/${pagePath.replace(/^\//, '')}`;

  const openPage = async (pagePath: string) => {
    const page = await browser.newPage();
    if (name === 'firefox') return openFirefoxExtensionPage(page, extensionId, pagePath);
    await page.goto(extensionUrl(pagePath));
    return page;
  };

  // The bridge page, kept by the pool (opened again after a reset in Firefox).
  const bridge = (): Promise<Page> => (held.chromium ? bridgeOf(held.chromium) : bridgeOfFirefox(held.firefox!));
  const inExtension: ExtensionSession['inExtension'] = async (fn, ...args) =>
    (await bridge()).evaluate(`(() => { const __name = (f) => f; return (${fn.toString()})(globalThis.bridge, ...${JSON.stringify(args)}); })()`) as never;

  const nextPage = async (): Promise<Page> => {
    const known = new Set(browser.targets());
    const target = await browser.waitForTarget((t: Target) => t.type() === 'page' && !known.has(t), { timeout: 30_000 });
    const page = (await target.page())!;
    // A new tab starts with no address, then about:blank: wait for the address it was opened at.
    await waitUntil(async () => !['', 'about:blank'].includes(page.url()), 'the new tab never left about:blank', 15_000).catch(() => undefined);
    return page;
  };

  return {
    name,
    browser,
    extensionId,
    origin,
    api,
    downloads: held.downloads,
    openPage,
    newPage: () => browser.newPage(),
    async openWeb(url) {
      const page = await browser.newPage();
      await page.goto(url);
      return page;
    },
    pages: () => browser.pages(),
    crmUrl: (p) => `http://localhost:${port}${p}`,
    crmUrlOtherHost: (p) => `http://127.0.0.1:${port}${p}`,
    setStorage: (area, items) => inExtension((b, a, i) => b.writeArea(a, i), area, items),
    getStorage: (area) => inExtension((b, a) => b.readArea(a), area),
    inExtension,
    async worker() {
      if (name !== 'chromium') throw new Error('worker(): Firefox runs the background as a page; use inExtension.');
      return extensionWorker(browser, extensionId);
    },
    nextPage,
    nextDownload: () => (held.chromium ? nextChromiumDownload(held.chromium) : nextFirefoxDownload(held.downloads)),
    async close() {
      await held.giveBack();
      await api.close();
    },
  };
}

/** Chromium reports each download (suggested name, then its progress); it is saved under its id. */
function nextChromiumDownload(held: HeldChromium): Promise<Download> {
  return new Promise((resolve, reject) => {
    let guid = '';
    let suggested = '';
    const timer = setTimeout(() => done(new Error('no download completed within 60 s')), 60_000);
    const onBegin = (e: { guid: string; suggestedFilename: string }) => {
      if (guid) return;
      guid = e.guid;
      suggested = e.suggestedFilename;
    };
    const onProgress = (e: { guid: string; state: string }) => {
      if (e.guid !== guid) return;
      if (e.state === 'completed') done(null);
      else if (e.state === 'canceled') done(new Error(`the download of ${suggested} was cancelled`));
    };
    const done = (error: Error | null) => {
      clearTimeout(timer);
      held.session.off('Browser.downloadWillBegin', onBegin);
      held.session.off('Browser.downloadProgress', onProgress);
      if (error) reject(error);
      else resolve({ name: suggested, path: path.join(held.downloads, guid) });
    };
    held.session.on('Browser.downloadWillBegin', onBegin);
    held.session.on('Browser.downloadProgress', onProgress);
  });
}

/** Firefox saves into the folder as `name.part`, then renames it: the new file whose size has settled. */
async function nextFirefoxDownload(folder: string): Promise<Download> {
  const before = new Set(await readdir(folder));
  let last = '';
  return waitUntil(
    async () => {
      const names = await readdir(folder);
      const name = names.find((n) => !before.has(n) && !n.endsWith('.part') && !names.includes(`${n}.part`));
      if (!name) return null;
      const file = path.join(folder, name);
      const size = `${name}:${(await stat(file)).size}`;
      const settled = size === last;
      last = size;
      if (!settled) await sleep(200);
      return settled ? { name, path: file } : null;
    },
    'no download completed',
    60_000,
  );
}
