import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { findChromium } from './chromium-path';

// Starting Chromium with the extension costs about 1.7 CPU-seconds; a test file
// used to start one per test, and the suite was CPU-bound on a 2-core machine.
// Now a test hands its browser to the next test (of its file or the next one), with the
// extension put back as a fresh install has it: tabs closed, storage emptied,
// granted permissions, registered scripts, alarms and toolbar state undone, and
// the service worker stopped, so the next test starts a new one with nothing
// in memory (what Chrome does after 30 s idle). Anything that cannot be put back
// (a reset that fails) closes the browser instead, and the next test starts one.

// Code passed to worker.evaluate runs inside Chromium's service worker, where `chrome` exists.
declare const chrome: any;

// This machine has no network; without these Chromium keeps trying to reach Google.
// No GPU process either: headless pages draw in software anyway.
const QUIET_FLAGS = [
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

export interface BrowserOptions {
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

export interface PooledBrowser {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
}

interface Held extends PooledBrowser {
  key: string;
  /** Tests served; a browser retires after MAX_USES, so no test meets one that has served too many. */
  uses: number;
  profile: string;
  fresh: FreshState;
  /** The tab the worker is stopped and started from, and its DevTools session (controlOf). */
  home?: Page;
  control?: WorkerControl;
  /** The next test's service worker, started as soon as the reset stopped the last one. */
  starting?: Promise<Worker>;
}

// Kept per set of launch options: a file whose tests need another time zone keeps one of each.
const spares = new Map<string, Held>();
// Only test files hand browsers on (the last ones live until the worker ends, see
// below); the demo and the bench close theirs with the session.
const POOLED = Boolean(process.env.VITEST);
// Under the tests only: the GPU process's work (compositing in software) done on a thread
// of the browser process: one process fewer to start and feed (the real-Chromium files took
// 119 CPU-seconds in all instead of 120–129). The bench and the demo keep Chromium's usual processes.
const TEST_FLAGS = POOLED ? ['--in-process-gpu'] : [];
const inUse = new WeakMap<BrowserContext, Held>();

const MAX_USES = 30;
let own = 0;
const keyOf = (o: BrowserOptions) => (o.ownBrowser ? `own:${++own}` : JSON.stringify([o.extensionDir, o.headless, o.browserTimeZone ?? '']));

/** A browser with the extension as freshly installed: the spare one if it fits, else a new one. */
export async function takeBrowser(options: BrowserOptions): Promise<PooledBrowser> {
  const key = keyOf(options);
  const ready = spares.get(key);
  spares.delete(key);
  if (ready) {
    try {
      // Started when the last test gave it back; Chrome may have stopped it since (30 s idle).
      const started = await ready.starting;
      ready.starting = undefined;
      ready.worker = started && ready.control?.running() ? started : await startWorker(ready);
      inUse.set(ready.context, ready);
      return ready;
    } catch (error) {
      if (process.env.E2E_POOL_DEBUG) console.warn('restart failed', error);
      await shutDown(ready);
    }
  }
  const held = await launch(options, key);
  inUse.set(held.context, held);
  return held;
}

/** The test is over: reset the extension and keep the browser for the next test, or close it. */
export async function giveBack(context: BrowserContext): Promise<void> {
  const held = inUse.get(context);
  inUse.delete(context);
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

// The e2e files share a worker's modules (isolate: false in vitest.config.ts), so a
// browser serves the next file too, and the last ones live until the worker ends.
// Playwright kills its browsers when the process exits, but Vitest may end a worker
// before its exit handlers run: under Vitest the profiles go in the run's folder,
// which the e2e global setup removes once every file is done.
async function profilesFolder(): Promise<string> {
  if (!POOLED) return tmpdir();
  const { inject } = await import('vitest');
  return inject('e2eProfiles') || tmpdir();
}

async function launch(options: BrowserOptions, key: string): Promise<Held> {
  const profile = await mkdtemp(path.join(await profilesFolder(), 'convoso-e2e-'));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: await findChromium(),
      headless: options.headless,
      viewport: { width: 1280, height: 800 },
      args: [`--disable-extensions-except=${options.extensionDir}`, `--load-extension=${options.extensionDir}`, ...QUIET_FLAGS, ...TEST_FLAGS],
      ...(options.browserTimeZone && { env: { ...process.env, TZ: options.browserTimeZone }, timezoneId: options.browserTimeZone }),
    });
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const extensionId = new URL(worker.url()).host;
    const fresh = (await worker.evaluate(async () => {
      const granted = await chrome.permissions.getAll();
      return {
        origins: granted.origins ?? [],
        permissions: granted.permissions ?? [],
        badgeText: await chrome.action.getBadgeText({}),
        badgeColor: await chrome.action.getBadgeBackgroundColor({}),
        title: await chrome.action.getTitle({}),
      };
    })) as FreshState;
    return { context, extensionId, worker, key, profile, fresh, uses: 0 };
  } catch (error) {
    await context?.close();
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
}

async function shutDown(held: Held): Promise<void> {
  await held.context.close().catch(() => undefined);
  await rm(held.profile, { recursive: true, force: true });
}

const ownScope = (held: Held) => `chrome-extension://${held.extensionId}/`;

/**
 * The extension's service worker as Playwright lists it now. After a reload of the
 * extension by a test, Playwright has a new handle: the last one listed.
 */
export function extensionWorker(context: BrowserContext, extensionId: string): Worker | undefined {
  return context.serviceWorkers().filter((w) => w.url().startsWith(`chrome-extension://${extensionId}/`)).at(-1);
}

interface WorkerControl {
  start(): Promise<Worker>;
  stop(): Promise<void>;
  /** As the protocol last reported it. */
  running(): boolean;
}

/**
 * Stops and starts the extension's service worker through the DevTools Protocol, from
 * the browser's first tab, which stays open from test to test (a test that closes it
 * gets a new one). Playwright keeps one Worker handle across a stop and a start (it
 * runs in the new worker, with nothing left in memory), and reports neither: the
 * protocol's running status of the worker tells.
 */
async function controlOf(held: Held): Promise<{ home: Page; control: WorkerControl }> {
  if (held.home && !held.home.isClosed() && held.control) return { home: held.home, control: held.control };
  const home = held.context.pages().find((p) => !p.isClosed()) ?? (await held.context.newPage());
  const cdp = await held.context.newCDPSession(home);
  let status = '';
  let stopped = false;
  cdp.on('ServiceWorker.workerVersionUpdated', (event) => {
    for (const version of event.versions) {
      if (!version.scriptURL.startsWith(ownScope(held))) continue;
      status = version.runningStatus;
      // Something (a late event) may start it again at once: having stopped is what counts.
      if (status === 'stopped') stopped = true;
    }
  });
  const until = async (wanted: (s: string) => boolean, what: string) => {
    const end = Date.now() + 15_000;
    while (!wanted(status)) {
      if (Date.now() > end) throw new Error(`The service worker did not ${what} (status: ${status || 'unknown'}).`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  await cdp.send('ServiceWorker.enable');
  // Enabling reports every worker's status at once; wait for ours.
  await until((s) => s !== '', 'report its status');
  const control: WorkerControl = {
    async start() {
      if (status !== 'running') {
        await cdp.send('ServiceWorker.startWorker', { scopeURL: ownScope(held) });
        await until((s) => s === 'running', 'start');
      }
      held.worker = extensionWorker(held.context, held.extensionId) ?? held.worker;
      return held.worker;
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
async function startWorker(held: Held): Promise<Worker> {
  const worker = await (await controlOf(held)).control.start();
  // Whatever a stopped worker still had under way when it was stopped: gone too.
  await worker.evaluate(async () => {
    await chrome.storage.local.clear();
    await chrome.storage.session.clear();
  });
  return worker;
}

async function reset(held: Held): Promise<void> {
  // Tabs first, so no content script asks anything while the extension is emptied;
  // the first tab stays, blank, as a new browser has it.
  const { home, control } = await controlOf(held);
  await Promise.all([
    ...held.context.pages().map((page) => (page === home ? undefined : page.close())),
    home.url() === 'about:blank' ? undefined : home.goto('about:blank'),
  ]);
  await held.context.clearCookies();
  const worker = await control.start();
  await worker.evaluate(async (fresh: FreshState) => {
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
}
