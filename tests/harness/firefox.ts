import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { findFirefox, markFirefox, NO_BROWSER_MESSAGE } from './browsers';
import { runFolder } from './run-folder';
import { waitUntil } from './wait';

// Firefox ESR with the MV2 test build installed as a temporary add-on, driven by
// puppeteer-core over WebDriver BiDi (no geckodriver).
//
// Starting Firefox and installing the add-on costs about 4 CPU-seconds. A session hands
// its Firefox to the next one of its worker, which puts the add-on back as freshly
// installed first: other tabs closed, its storage emptied, granted origins, registered
// scripts and alarms undone, downloads emptied, and the add-on reloaded (a new background
// with nothing in memory). A reload keeps the add-on's UUID, which a reinstall would not.
// What a reload keeps: the IndexedDB key that seals settings (a fresh install makes a new
// one; either way the settings are sealed).

export const FIREFOX_EXTENSION_DIR = path.resolve(import.meta.dirname, '../../.output/firefox-mv2-test');
export const GECKO_ID = 'convoso-callbacks@convoso-callbacks.dev';

export interface HeldFirefox {
  browser: Browser;
  /** The add-on's moz-extension:// host, pinned before launch. */
  uuid: string;
  /** Where every download is saved, without asking. */
  downloads: string;
  /** The test build's bridge page (tests/harness/bridge/), opened again after each reset (bridgeOfFirefox). */
  bridge?: Page;
}

interface Granted {
  origins: string[];
  permissions: string[];
}

interface Held extends HeldFirefox {
  /** The browser's profile and downloads. */
  folder: string;
  /** Started with a policy of its own: never handed to another session. */
  own: boolean;
  /** What the fresh install was granted (required origins and API permissions), read at launch. */
  fresh: Granted;
}

let spare: Held | undefined;
const inUse = new WeakMap<Browser, Held>();

/**
 * A Firefox with the add-on as freshly installed: this worker's last one, put back so, else a new one.
 * With `policy`, a new Firefox of its own whose add-on reads that policy as storage.managed.
 */
export async function takeFirefox(policy?: Record<string, unknown>): Promise<HeldFirefox> {
  if (policy) {
    const own = await launch(policy);
    inUse.set(own.browser, own);
    return own;
  }
  const used = spare;
  spare = undefined;
  let held: Held | undefined;
  if (used) {
    // Reset here rather than when given back: the worker's last browser is never reset for nothing.
    try {
      await reset(used);
      held = used;
    } catch (error) {
      if (process.env.E2E_POOL_DEBUG) console.warn('Firefox reset failed', error);
      await shutDown(used);
    }
  }
  held ??= await launch();
  inUse.set(held.browser, held);
  return held;
}

/** The session is done: keep the browser for the worker's next one (closed when not under the tests). */
export async function giveBackFirefox(browser: Browser): Promise<void> {
  const held = inUse.get(browser);
  inUse.delete(browser);
  if (!held) return;
  if (!process.env.VITEST || held.own) return shutDown(held);
  if (spare) await shutDown(spare);
  spare = held;
}

/**
 * A home folder holding a managed storage manifest: Firefox on Linux reads an add-on's
 * storage.managed from ~/.mozilla/managed-storage/<add-on ID>.json, so a Firefox started
 * with HOME there has this policy, and nothing on the machine changes.
 */
async function policyHome(folder: string, policy: Record<string, unknown>): Promise<string> {
  const home = path.join(folder, 'home');
  const manifests = path.join(home, '.mozilla', 'managed-storage');
  await mkdir(manifests, { recursive: true });
  const manifest = { name: GECKO_ID, description: 'Test policy', type: 'storage', data: policy };
  await writeFile(path.join(manifests, `${GECKO_ID}.json`), JSON.stringify(manifest));
  return home;
}

async function launch(policy?: Record<string, unknown>): Promise<Held> {
  const executablePath = findFirefox();
  if (!executablePath) throw new Error(NO_BROWSER_MESSAGE.firefox);
  const uuid = crypto.randomUUID();
  const folder = await mkdtemp(path.join(await runFolder(), 'convoso-firefox-'));
  const downloads = path.join(folder, 'downloads');
  await mkdir(downloads);
  let browser: Browser | undefined;
  try {
    const env = policy ? { ...process.env, HOME: await policyHome(folder, policy) } : undefined;
    browser = await puppeteer.launch({
      ...(env && { env }),
      browser: 'firefox',
      executablePath,
      headless: true,
      userDataDir: path.join(folder, 'profile'),
      defaultViewport: { width: 1280, height: 800 },
      // BiDi refuses to open moz-extension:// pages without it.
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        // The extension's UUID is random per install; pin it so its pages have a known address.
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
        // Grant optional host permissions without the doorhanger (the request itself still
        // needs a user gesture and an origin the manifest declares).
        'extensions.webextOptionalPermissionPrompts': false,
        // Save every download into `downloads`, without asking.
        'browser.download.folderList': 2,
        'browser.download.dir': downloads,
        'browser.download.useDownloadDir': true,
        'browser.download.always_ask_before_handling_new_types': false,
        'browser.helperApps.neverAsk.saveToDisk': 'text/csv',
        // Firefox draws notifications itself: through the desktop's notification service,
        // which a test machine lacks, each one closes as soon as it is made and
        // `notifications.getAll()` never lists it. Firefox's own closes after ~20 s.
        'alerts.useSystemBackend': false,
      },
    });
    markFirefox(browser);
    await browser.installExtension(FIREFOX_EXTENSION_DIR);
    const bridge = await openBridge(browser, uuid);
    const fresh = await bridge.evaluate(readGranted);
    return { browser, uuid, folder, downloads, fresh, bridge, own: policy !== undefined };
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

/** An extension page in `page`, once its app has drawn. */
export async function openFirefoxExtensionPage(page: Page, uuid: string, pagePath: string): Promise<Page> {
  // Firefox sends no load event for extension documents: navigate without waiting, then poll.
  page.goto(`moz-extension://${uuid}/${pagePath.replace(/^\//, '')}`, { timeout: 0 }).catch(() => {});
  await waitUntil(async () => (await page.$('main, form, #app > *')) !== null, `${pagePath} did not render`);
  return page;
}

/**
 * The bridge page in a new tab. Right after a reload of the add-on its pages fail to load
 * for a moment: navigate again until the page has started.
 */
async function openBridge(browser: Browser, uuid: string): Promise<Page> {
  const page = await browser.newPage();
  const url = `moz-extension://${uuid}/test-bridge.html`;
  await waitUntil(
    async () => {
      // Firefox sends no load event for extension documents: navigate without waiting, then poll.
      page.goto(url, { timeout: 0 }).catch(() => {});
      const until = Date.now() + 2_000;
      while (Date.now() < until) {
        if (await page.evaluate(() => 'bridge' in globalThis).catch(() => false)) return true;
        await new Promise((r) => setTimeout(r, 50));
      }
      return false;
    },
    'the test bridge page did not start: is this a test build (wxt build --mode test)?',
  );
  return page;
}

/** The held browser's bridge page, opened again if it was closed (a reset reloads the add-on, which closes its pages). */
export async function bridgeOfFirefox(held: HeldFirefox): Promise<Page> {
  if (!held.bridge || held.bridge.isClosed()) held.bridge = await openBridge(held.browser, held.uuid);
  return held.bridge;
}

const readGranted = async (): Promise<Granted> => {
  const granted = await (globalThis as any).browser.permissions.getAll();
  return { origins: granted.origins ?? [], permissions: granted.permissions ?? [] };
};

/** Inside an extension page: undo what the tests did, mark the background, and reload the add-on. */
const resetAddOn = async (fresh: Granted): Promise<void> => {
  const b = (globalThis as any).browser;
  await Promise.all([b.storage.local.clear(), b.storage.session.clear(), b.storage.sync.clear(), b.alarms.clearAll()]);
  await b.scripting.unregisterContentScripts();
  const granted = await b.permissions.getAll();
  const origins = (granted.origins ?? []).filter((o: string) => !fresh.origins.includes(o));
  const permissions = (granted.permissions ?? []).filter((p: string) => !fresh.permissions.includes(p));
  if (origins.length || permissions.length) await b.permissions.remove({ origins, permissions });
  (await b.runtime.getBackgroundPage()).__resetting = true;
  // Not awaited: this page goes with the add-on.
  b.runtime.reload();
};

/** Inside an extension page: whether the background is a new one (the reload is done). */
const reloaded = async (): Promise<boolean> => !(await (globalThis as any).browser.runtime.getBackgroundPage()).__resetting;

async function reset(held: Held): Promise<void> {
  const [first, ...others] = await held.browser.pages();
  await Promise.all(others.map((p) => (p === held.bridge ? undefined : p.close())));
  const bridge = await bridgeOfFirefox(held);
  // The reload closes the bridge page (it goes with the add-on): not awaited further.
  await bridge.evaluate(resetAddOn, held.fresh).catch(() => undefined);
  await waitUntil(async () => bridge.isClosed() || !(await bridge.evaluate(() => 'bridge' in globalThis).catch(() => false)), 'the add-on did not reload');
  if (!bridge.isClosed()) await bridge.close().catch(() => undefined);
  held.bridge = undefined;
  await waitUntil(async () => (await bridgeOfFirefox(held)).evaluate(reloaded), 'the add-on did not come back after its reload');
  if (first && first.url() !== 'about:blank') await first.goto('about:blank').catch(() => undefined);
  for (const name of await readdir(held.downloads)) await rm(path.join(held.downloads, name), { recursive: true, force: true });
}
