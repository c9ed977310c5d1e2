import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { DEMO_TOKEN, startMockApi, type MockApi } from '../../mock-api/server';
import { clickNode, queryInShadowRoots, readNode, type NodeRef } from './closed-root';
import { giveBackFirefox, openExtensionPage, takeFirefox, type HeldFirefox } from './firefox-pool';
import { waitUntil } from './wait-until';

export { waitUntil };

// A real Firefox driven over WebDriver BiDi (puppeteer-core, no geckodriver), with the
// Firefox test build installed as a temporary add-on. Notes on why things are done the
// way they are: ../../../shared/STACK-NOTES.md, "Real Firefox tests".

export interface FirefoxSession {
  browser: Browser;
  /** The add-on's moz-extension:// host, pinned before launch. */
  uuid: string;
  api: MockApi;
  /** Where the browser saves every download, without asking (emptied before the next file). */
  downloads: string;
  /** Opens an extension page (`options.html`, `popup.html`, `search.html?lead_id=1`) in a new tab. */
  openPage(pagePath: string): Promise<Page>;
  /** Opens a web page in a new tab and waits for it to load. */
  openWeb(url: string): Promise<Page>;
  /** A demo CRM page on localhost, where the test build's static content script runs. */
  crmUrl(pagePath: string): string;
  /** The same page on 127.0.0.1, which only a user-added CRM site covers. */
  crmUrlOtherHost(pagePath: string): string;
  /** Gives the browser back (firefox-pool.ts) and stops the local API. */
  close(): Promise<void>;
}

/**
 * A Firefox with the add-on as freshly installed, for one test file, and a local API of
 * its own. The browser is the one the worker's previous file gave back (firefox-pool.ts),
 * or a new one.
 */
export async function launchFirefox(): Promise<FirefoxSession> {
  const api = await startMockApi({ port: 0 });
  let held: HeldFirefox;
  try {
    held = await takeFirefox();
  } catch (error) {
    await api.close();
    throw error;
  }
  const { browser: b, uuid, downloads } = held;
  const port = new URL(api.url).port;
  return {
    browser: b,
    uuid,
    api,
    downloads,
    openPage: async (pagePath) => openExtensionPage(await b.newPage(), uuid, pagePath),
    async openWeb(url) {
      const page = await b.newPage();
      await page.goto(url);
      return page;
    },
    crmUrl: (p) => `http://localhost:${port}${p}`,
    crmUrlOtherHost: (p) => `http://127.0.0.1:${port}${p}`,
    async close() {
      await giveBackFirefox(b);
      await api.close();
    },
  };
}

/**
 * Runs `act` and gives back the search tab it opened, the first whose query `matches`.
 * Only a tab that was not open before counts: puppeteer keeps listing closed tabs that
 * showed an extension page, with their last address, from this file and the worker's
 * earlier ones. (Firefox names a navigation entry "document", not its address: the
 * address is read from the page, where the search tab writes back the query it searched.)
 */
export async function searchTabOpenedBy(
  ff: FirefoxSession,
  act: () => Promise<unknown>,
  matches: (query: URLSearchParams) => boolean,
  failure: string,
): Promise<Page> {
  const before = new Set(await ff.browser.pages());
  await act();
  return waitUntil(async () => {
    for (const p of await ff.browser.pages()) {
      if (before.has(p)) continue;
      const href = await p.evaluate(() => location.href).catch(() => '');
      if (href.startsWith(`moz-extension://${ff.uuid}/search.html?`) && matches(new URL(href).searchParams)) return p;
    }
    return null;
  }, failure);
}

/** The visible text of the first element matching `selector`, or '' when there is none. */
export const textOf = (page: Page, selector: string): Promise<string> =>
  page.$eval(selector, (el) => (el as HTMLElement).innerText.trim()).catch(() => '');

/** Waits until `selector`'s text matches, and returns it. */
export async function waitForText(page: Page, selector: string, expected: RegExp | string, timeoutMs?: number): Promise<string> {
  const matches = (t: string) => (typeof expected === 'string' ? t === expected : expected.test(t));
  let seen = '';
  return waitUntil(
    async () => {
      seen = await textOf(page, selector);
      return matches(seen) ? seen : null;
    },
    `${selector} never read ${String(expected)}`,
    timeoutMs,
  ).catch((error: Error) => {
    throw new Error(`${error.message}; it read ${JSON.stringify(seen)}`);
  });
}

/** The form control whose <label> (or aria-label) reads exactly `label`, as a user finds it. */
export async function byLabel(page: Page, label: string): Promise<ElementHandle<HTMLInputElement>> {
  return waitUntil(async () => {
    const handle = await page.evaluateHandle((text) => {
      const norm = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();
      const viaLabel = [...document.querySelectorAll('label')].find((l) => norm(l.textContent) === text)?.control;
      return viaLabel ?? [...document.querySelectorAll('[aria-label]')].find((el) => el.getAttribute('aria-label') === text) ?? null;
    }, label);
    return (handle.asElement() as ElementHandle<HTMLInputElement> | null) ?? null;
  }, `no control labelled ${JSON.stringify(label)}`);
}

/** The button whose accessible name (aria-label, else its text) reads exactly `name`. */
export async function byButton(page: Page, name: string): Promise<ElementHandle<HTMLElement>> {
  return waitUntil(async () => {
    const handle = await page.evaluateHandle((text) => {
      const norm = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();
      const buttons = [...document.querySelectorAll<HTMLElement>('button, [role="button"], summary')];
      return buttons.find((b) => norm(b.getAttribute('aria-label') ?? b.textContent) === text) ?? null;
    }, name);
    return (handle.asElement() as ElementHandle<HTMLElement> | null) ?? null;
  }, `no button named ${JSON.stringify(name)}`);
}

/** Replaces a field's value by typing, as a user selecting its text and typing over it. */
export async function typeInto(page: Page, label: string, value: string): Promise<void> {
  const field = await byLabel(page, label);
  await field.click();
  await field.evaluate((el) => el.select());
  if (value === '') await page.keyboard.press('Backspace');
  else await field.type(value);
}

export async function clickButton(page: Page, name: string): Promise<void> {
  await (await byButton(page, name)).click();
}

/**
 * Connects the fresh install to the session's local API as a user would: the options
 * page, the API address and the demo token typed in, Save. Gives back the options page.
 */
export async function connectThroughOptions(ff: FirefoxSession): Promise<Page> {
  const options = await ff.openPage('options.html');
  await waitForText(options, '#token-state', 'No token saved');
  await typeInto(options, 'API base URL', ff.api.apiBase);
  await typeInto(options, 'API token', DEMO_TOKEN);
  await clickButton(options, 'Save');
  await waitForText(options, '#connection-status', 'Saved.');
  return options;
}

const BADGE_HOST = 'convoso-callbacks';
const badgeButtonSelector = (leadId: string) => `button[aria-label^=${JSON.stringify(`Convoso callbacks for lead ${leadId}: `)}]`;
const INNER_TEXT = '(el) => el.innerText';

/**
 * The badge's button for `leadId`, or null while there is none. The badge lives in a
 * closed shadow root that page scripts cannot open: found over WebDriver BiDi
 * (closed-root.ts), never through a hook in the extension.
 */
const badgeButton = async (page: Page, leadId: string): Promise<NodeRef | null> =>
  (await queryInShadowRoots(page, BADGE_HOST, badgeButtonSelector(leadId)))[0] ?? null;

/** What the lead badge says on a web page, or '' while there is none. */
export const badgeText = async (page: Page, leadId: string): Promise<string> => {
  try {
    const button = await badgeButton(page, leadId);
    return button ? (await readNode(page, button, INNER_TEXT)).trim() : '';
  } catch {
    return '';
  }
};

/**
 * Clicks the badge of `leadId` with the real mouse (its listeners ignore untrusted
 * events) and returns the open panel's text.
 */
export async function openBadgePanel(page: Page, leadId: string): Promise<string> {
  const button = await waitUntil(() => badgeButton(page, leadId), `no badge for lead ${leadId}`);
  await clickNode(page, button);
  const panelSelector = `[role="dialog"][aria-label=${JSON.stringify(`Callbacks for lead ${leadId}`)}]`;
  return waitUntil(async () => {
    const [panel] = await queryInShadowRoots(page, BADGE_HOST, panelSelector);
    return panel ? readNode(page, panel, INNER_TEXT) : '';
  }, `the badge panel for lead ${leadId} did not open`);
}
