import type { ElementHandle, Page } from 'puppeteer-core';
import { DEMO_TOKEN } from '../../mock-api/server';
import { shadowRole } from './closed-root';
import { screen } from './screen';
import type { ExtensionSession } from './session';
import { waitUntil } from './wait';

// The real-browser tests' harness, one for Chromium and Firefox (README, "The tests"):
//   const ext = await launchExtension();            // a browser, the extension set up for a local API
//   const popup = await ext.openPage('popup.html');
//   await screen(popup).getByLabel('Lead ID').fill('515151');
//   await screen(popup).getByRole('button', { name: 'Search', exact: true }).click();
//   await screen(popup).getByText('3 callbacks', { exact: true }).waitFor();
//   await ext.close();                              // the browser is reset for the next test

export { launchExtension, currentBrowser, type ExtensionSession, type LaunchOptions, type Download } from './session';
export { screen, press, evaluateIn, Locator } from './screen';
export { shadowRole, countInShadows, evaluateInContentScript, inContentScriptWorld, cdpOf, type ShadowRole } from './closed-root';
export { waitUntil, sleep } from './wait';
export type { BrowserName } from './browsers';

/** The lead badge's (or a chip's) button for `leadId`, in its closed shadow root. */
export const badgeFor = (page: Page, leadId: string) => shadowRole(page, 'button', { name: new RegExp(`^Convoso callbacks for lead ${leadId}: `) });

/** The popup in a tab, once its form is ready (its first field is there). */
export async function openPopup(ext: ExtensionSession): Promise<Page> {
  const page = await ext.openPage('popup.html');
  await screen(page).getByLabel('Lead ID').waitFor();
  return page;
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
export function byLabel(page: Page, label: string): Promise<ElementHandle<HTMLInputElement>> {
  return screen(page).getByLabel(label, { exact: true }).element(false) as Promise<ElementHandle<HTMLElement>> as Promise<ElementHandle<HTMLInputElement>>;
}

/** The button (or summary) whose accessible name (aria-label, else its text) reads exactly `name`. */
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
export function typeInto(page: Page, label: string, value: string): Promise<void> {
  return screen(page).getByLabel(label, { exact: true }).fill(value);
}

export async function clickButton(page: Page, name: string): Promise<void> {
  await (await byButton(page, name)).click();
}

/**
 * Connects a fresh install (`launchExtension({ fresh: true })`) to the session's local API
 * as a user would: the options page, the API address and the demo token typed in, Save.
 * Gives back the options page.
 */
export async function connectThroughOptions(ext: ExtensionSession): Promise<Page> {
  const options = await ext.openPage('options.html');
  await waitForText(options, '#token-state', 'No token saved');
  await typeInto(options, 'API base URL', ext.api.apiBase);
  await typeInto(options, 'API token', DEMO_TOKEN);
  await clickButton(options, 'Save');
  await waitForText(options, '#connection-status', 'Saved.');
  return options;
}

/** What the lead badge says on a web page, or '' while there is none. */
export const badgeText = async (page: Page, leadId: string): Promise<string> => {
  try {
    const badge = badgeFor(page, leadId);
    return (await badge.count()) === 1 ? (await badge.innerText()).trim() : '';
  } catch {
    return '';
  }
};

/**
 * Clicks the badge of `leadId` with the real mouse (its listeners ignore untrusted
 * events) and returns the open panel's text.
 */
export async function openBadgePanel(page: Page, leadId: string): Promise<string> {
  const badge = badgeFor(page, leadId);
  await badge.waitFor();
  await badge.click();
  const panel = shadowRole(page, 'dialog', { name: `Callbacks for lead ${leadId}`, exact: true });
  await panel.waitFor();
  return panel.innerText();
}

/**
 * Runs `act` and gives back the search tab it opened, the first whose query `matches`.
 * Only a tab that was not open before counts. (Firefox names a navigation entry
 * "document", not its address: the address is read from the page, where the search tab
 * writes back the query it searched.)
 */
export async function searchTabOpenedBy(
  ext: ExtensionSession,
  act: () => Promise<unknown>,
  matches: (query: URLSearchParams) => boolean,
  failure: string,
): Promise<Page> {
  const before = new Set(await ext.pages());
  await act();
  return waitUntil(async () => {
    for (const p of await ext.pages()) {
      if (before.has(p)) continue;
      const href = await p.evaluate(() => location.href).catch(() => '');
      if (href.startsWith(`${ext.origin}/search.html?`) && matches(new URL(href).searchParams)) return p;
    }
    return null;
  }, failure);
}
