import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import puppeteer, { type Browser, type CDPSession, type Page, type Target } from 'puppeteer-core';
import { findChromium, NO_BROWSER_MESSAGE } from './browsers';
import { evaluateIn } from './screen';
import { runFolder } from './run-folder';
import { waitUntil } from './wait';

// Chromium with the unpacked test build, driven by puppeteer-core over the DevTools pipe.
//
// Starting Chromium with the extension costs about 1.7 CPU-seconds, as much as a few
// tests: a test hands its browser to the next test (of its file or the worker's next
// file), with the extension put back as a fresh install has it: tabs closed, storage
// emptied, granted permissions, registered scripts, alarms and toolbar state undone,
// downloads removed, and the service worker stopped, so the next test starts a new one
// with nothing in memory (what Chrome does after 30 s idle). Anything that cannot be put
// back (a reset that fails) closes the browser instead, and the next test starts one.

// Code evaluated in the service worker or an extension page, where `chrome` exists.
declare const chrome: any;

// This machine has no network; without these Chromium keeps trying to reach Google.
// No GPU process either: headless pages draw in software anyway.
export const QUIET_FLAGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--no-default-browser-check',
  '--disable-gpu',
  '--disable-breakpad',
  '--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication',
];

/** Chromium refuses to start as root with its sandbox (CI containers run as root). */
export const SANDBOX_FLAGS = process.getuid?.() === 0 ? ['--no-sandbox'] : [];

export interface ChromiumOptions {
  extensionDir: string;
  headless: boolean;
  /** The browser's own IANA zone (Chromium's TZ, pages and service worker alike); default the machine's. */
  browserTimeZone?: string;
  /** A browser of its own, closed afterwards (a test that reloads the whole extension). */
  ownBrowser?: boolean;
}

/** What a fresh install has, read once when the browser starts, put back after each test. */
interface FreshState {
  origins: string[];
  permissions: string[];
  badgeText: string;
  badgeColor: number[];
  title: string;
}

export interface HeldChromium {
  browser: Browser;
  extensionId: string;
  /** Where downloads are saved, each under its download's id (`nextDownload`). */
  downloads: string;
  /** The browser-wide DevTools session (downloads, cookies). */
  session: CDPSession;
  /** The extension's test bridge page (tests/harness/bridge/), kept open from test to test (bridgeOf). */
  bridge?: Page;
}

interface Held extends HeldChromium {
  key: string;
  /** Tests served; a browser retires after MAX_USES, so no test meets one that has served too many. */
  uses: number;
  folder: string;
  fresh: FreshState;
  /** The tab the worker is stopped and started from, and its DevTools session (controlOf). */
  home?: Page;
  control?: WorkerControl;
  /** The next test's service worker, started as soon as the reset stopped the last one. */
  starting?: Promise<true>;
}

// Kept per set of launch options: a file whose tests need another time zone keeps one of each.
const spares = new Map<string, Held>();
// Only test files hand browsers on (the last ones live until the worker ends, see
// run-folder.ts); the demo and the bench close theirs with the session.
const POOLED = Boolean(process.env.VITEST);
// Under the tests only: the GPU process's work (compositing in software) done on a thread
// of the browser process: one process fewer to start and feed. The bench and the demo
// keep Chromium's usual processes.
const TEST_FLAGS = POOLED ? ['--in-process-gpu'] : [];
const inUse = new WeakMap<Browser, Held>();

const MAX_USES = 30;
let own = 0;
const keyOf = (o: ChromiumOptions) => (o.ownBrowser ? `own:${++own}` : JSON.stringify([o.extensionDir, o.headless, o.browserTimeZone ?? '']));

/** A Chromium with the extension as freshly installed: the spare one if it fits, else a new one. */
export async function takeChromium(options: ChromiumOptions): Promise<HeldChromium> {
  const key = keyOf(options);
  const ready = spares.get(key);
  spares.delete(key);
  if (ready) {
    try {
      // Started when the last test gave it back; Chrome may have stopped it since (30 s idle).
      const started = await ready.starting;
      ready.starting = undefined;
      if (!(started && ready.control?.running())) await startWorker(ready);
      inUse.set(ready.browser, ready);
      return ready;
    } catch (error) {
      if (process.env.E2E_POOL_DEBUG) console.warn('restart failed', error);
      await shutDown(ready);
    }
  }
  const held = await launch(options, key);
  inUse.set(held.browser, held);
  return held;
}

/** The test is over: reset the extension and keep the browser for the next test, or close it. */
export async function giveBackChromium(browser: Browser): Promise<void> {
  const held = inUse.get(browser);
  inUse.delete(browser);
  if (!held) return;
  held.uses++;
  if (!POOLED || held.key.startsWith('own:') || held.uses >= MAX_USES) return shutDown(held);
  try {
    await reset(held);
  } catch (error) {
    if (process.env.E2E_POOL_DEBUG) console.warn('reset failed', error);
    await shutDown(held);
    return;
  }
  const previous = spares.get(held.key);
  if (previous) await shutDown(previous);
  // Started now, it is usually running by the time the next test has its local API up.
  held.starting = startWorker(held);
  held.starting.catch(() => undefined);
  spares.set(held.key, held);
}

async function launch(options: ChromiumOptions, key: string): Promise<Held> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(NO_BROWSER_MESSAGE.chromium);
  const folder = await mkdtemp(path.join(await runFolder(), 'convoso-chromium-'));
  const downloads = path.join(folder, 'downloads');
  await mkdir(downloads);
  let browser: Browser | undefined;
  try {
    browser = await puppeteer.launch({
      executablePath,
      headless: options.headless,
      pipe: true,
      // Loaded from the command line rather than puppeteer's `enableExtensions` (DevTools'
      // Extensions.loadUnpacked): an extension loaded that way does not come back after
      // runtime.reload(), which a test does.
      ignoreDefaultArgs: ['--disable-extensions'],
      userDataDir: path.join(folder, 'profile'),
      defaultViewport: { width: 1280, height: 800 },
      args: [`--disable-extensions-except=${options.extensionDir}`, `--load-extension=${options.extensionDir}`, ...QUIET_FLAGS, ...TEST_FLAGS, ...SANDBOX_FLAGS],
      ...(options.browserTimeZone && { env: { ...process.env, TZ: options.browserTimeZone } }),
    });
    const target = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'), { timeout: 30_000 });
    const extensionId = new URL(target.url()).host;
    const bridge = await openBridge(browser, extensionId);
    // Read in the bridge page, not the worker: attaching to a worker in its first moments was
    // seen to leave it paused for good.
    const fresh = await evaluateIn(bridge, async () => {
      const granted = await chrome.permissions.getAll();
      return {
        origins: granted.origins ?? [],
        permissions: granted.permissions ?? [],
        badgeText: await chrome.action.getBadgeText({}),
        badgeColor: await chrome.action.getBadgeBackgroundColor({}),
        title: await chrome.action.getTitle({}),
      };
    }) as FreshState;
    const session = await browser.target().createCDPSession();
    // Each download saved under its id, and reported: `nextDownload` in session.ts.
    await session.send('Browser.setDownloadBehavior', { behavior: 'allowAndName', downloadPath: downloads, eventsEnabled: true });
    return { browser, extensionId, downloads, session, bridge, key, folder, fresh, uses: 0 };
  } catch (error) {
    await browser?.close().catch(() => undefined);
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
}

async function shutDown(held: Held): Promise<void> {
  await held.browser.close().catch(() => undefined);
  await rm(held.folder, { recursive: true, force: true });
}

const ownScope = (extensionId: string) => `chrome-extension://${extensionId}/`;

/** Code run in the extension's service worker. */
export interface WorkerHandle {
  readonly target: Target;
  /** Evaluates `fn(...args)` there (sent as source; the arguments and the result are JSON values). */
  evaluate<A extends unknown[], T>(fn: (...args: A) => T, ...args: A): Promise<Awaited<T>>;
}

/**
 * Each evaluation attaches to the worker and detaches at once: a worker that the browser
 * restarts while a debugger is attached waits for it before it runs (puppeteer's own
 * `target.worker()` stays attached), and a stopped worker would never start again.
 */
function workerHandle(target: Target): WorkerHandle {
  return {
    target,
    async evaluate(fn, ...args) {
      // A worker that goes away meanwhile (stopped, or the extension reloaded) may never answer.
      let timer: NodeJS.Timeout | undefined;
      const gone = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('the service worker did not answer within 15 s')), 15_000);
      });
      gone.catch(() => undefined);
      const session = await Promise.race([target.createCDPSession(), gone]);
      try {
        const { result, exceptionDetails } = await Promise.race([
          session.send('Runtime.evaluate', { expression: `(${fn.toString()})(...${JSON.stringify(args)})`, awaitPromise: true, returnByValue: true }),
          gone,
        ]);
        if (exceptionDetails) throw new Error(`in the service worker: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
        return result.value;
      } finally {
        clearTimeout(timer);
        await session.detach().catch(() => undefined);
      }
    },
  };
}

/**
 * The extension's service worker as it runs now (a test may have stopped or reloaded it).
 * Puppeteer may still list a worker that is gone (after a reload of the extension): only
 * one the browser reports is taken.
 */
export async function extensionWorker(browser: Browser, extensionId: string): Promise<WorkerHandle> {
  const isOurs = (t: Target) => t.type() === 'service_worker' && t.url().startsWith(ownScope(extensionId));
  const session = await browser.target().createCDPSession();
  try {
    const target = await waitUntil(
      async () => {
        const { targetInfos } = await session.send('Target.getTargets');
        const live = new Set(targetInfos.map((t) => t.targetId));
        // Puppeteer's own id of a target (internal: Target has no public one).
        return browser.targets().filter((t) => isOurs(t) && live.has((t as unknown as { _targetId: string })._targetId)).at(-1);
      },
      'the extension has no service worker running',
      15_000,
    );
    return workerHandle(target);
  } finally {
    await session.detach().catch(() => undefined);
  }
}

interface WorkerControl {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** As the protocol last reported it. */
  running(): boolean;
}

/**
 * Stops and starts the extension's service worker through the DevTools Protocol, from
 * the browser's first tab, which stays open from test to test (a test that closes it
 * gets a new one). The protocol's running status of the worker tells when it is done.
 */
async function controlOf(held: Held): Promise<{ home: Page; control: WorkerControl }> {
  if (held.home && !held.home.isClosed() && held.control) return { home: held.home, control: held.control };
  const pages = await held.browser.pages();
  const home = pages.find((p) => !p.isClosed() && p !== held.bridge) ?? (await held.browser.newPage());
  const cdp = await home.createCDPSession();
  let status = '';
  let stopped = false;
  cdp.on('ServiceWorker.workerVersionUpdated', (event) => {
    for (const version of event.versions) {
      if (!version.scriptURL.startsWith(ownScope(held.extensionId))) continue;
      status = version.runningStatus;
      // Something (a late event) may start it again at once: having stopped is what counts.
      if (status === 'stopped') stopped = true;
    }
  });
  const until = (wanted: (s: string) => boolean, what: string) =>
    waitUntil(async () => wanted(status), `The service worker did not ${what} (status: ${status || 'unknown'}).`, 15_000);
  await cdp.send('ServiceWorker.enable');
  // Enabling reports every worker's status at once; wait for ours.
  await until((s) => s !== '', 'report its status');
  const control: WorkerControl = {
    async start() {
      if (status === 'running') return;
      await cdp.send('ServiceWorker.startWorker', { scopeURL: ownScope(held.extensionId) });
      await until((s) => s === 'running', 'start');
    },
    running: () => status === 'running',
    async stop() {
      stopped = false;
      await cdp.send('ServiceWorker.stopAllWorkers');
      await until(() => stopped, 'stop');
    },
  };
  held.home = home;
  held.control = control;
  return { home, control };
}

/** The extension's service worker, started if it is stopped. */
async function startWorker(held: Held): Promise<true> {
  await (await controlOf(held)).control.start();
  // Whatever a stopped worker still had under way when it was stopped: gone too.
  await evaluateIn(await bridgeOf(held), async () => {
    await chrome.storage.local.clear();
    await chrome.storage.session.clear();
  });
  return true;
}

/** The test bridge page (tests/harness/bridge/) of the test build, open in a tab of its own. */
async function openBridge(browser: Browser, extensionId: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${ownScope(extensionId)}test-bridge.html`);
  await waitUntil(() => page.evaluate(() => 'bridge' in globalThis), 'the test bridge page did not start: is this a test build (wxt build --mode test)?');
  return page;
}

/** The held browser's bridge page, opened again if a test closed it. */
export async function bridgeOf(held: HeldChromium): Promise<Page> {
  if (!held.bridge || held.bridge.isClosed()) held.bridge = await openBridge(held.browser, held.extensionId);
  return held.bridge;
}

async function reset(held: Held): Promise<void> {
  // Tabs first, so no content script asks anything while the extension is emptied; the
  // first tab stays, blank, as a new browser has it, and so does the bridge page.
  const { home, control } = await controlOf(held);
  const pages = await held.browser.pages();
  await Promise.all([
    ...pages.map((page) => (page === home || page === held.bridge ? undefined : page.close())),
    home.url() === 'about:blank' ? undefined : home.goto('about:blank'),
  ]);
  await held.session.send('Storage.clearCookies', {});
  await control.start();
  await evaluateIn(await bridgeOf(held), async (fresh: FreshState) => {
    await chrome.alarms.clearAll();
    if ((await chrome.scripting.getRegisteredContentScripts()).length > 0) await chrome.scripting.unregisterContentScripts();
    const granted = await chrome.permissions.getAll();
    const origins = (granted.origins ?? []).filter((o: string) => !fresh.origins.includes(o));
    const permissions = (granted.permissions ?? []).filter((p: string) => !fresh.permissions.includes(p));
    if (origins.length > 0 || permissions.length > 0) await chrome.permissions.remove({ origins, permissions });
    await chrome.action.setBadgeText({ text: fresh.badgeText });
    await chrome.action.setBadgeBackgroundColor({ color: fresh.badgeColor });
    await chrome.action.setTitle({ title: fresh.title });
    await chrome.storage.local.clear();
    await chrome.storage.session.clear();
  }, held.fresh);
  await control.stop();
  for (const name of await readdir(held.downloads)) await rm(path.join(held.downloads, name), { recursive: true, force: true });
}
