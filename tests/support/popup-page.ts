import type { Page } from 'puppeteer-core';
import { screen, waitUntil, type ExtensionSession } from '../harness';

// The popup and the tab as an agent meets them in the real-browser tests: a page that
// opens on a list of its own (the default view, or the last search), so a test counts
// the requests it causes from the moment that first list shows.

/** Today on this machine's clock, as the extension reads it without an account zone. */
export const localToday = () => new Date().toLocaleDateString('en-CA');

/** The popup's size in Chrome (a page of 560 × 600, scrolling inside). */
export const POPUP_SIZE = { width: 560, height: 600 };

/** No search runs, and the page shows a list, an error or its hint. */
export async function settled(page: Page): Promise<void> {
  await waitUntil(
    () =>
      page.evaluate(async () => {
        const done = () => {
          const status = document.querySelector('[role="status"]')?.textContent ?? '';
          return !status.includes('Searching…') && !!document.querySelector('.results, .error-notice, .idle-hint, .notice');
        };
        if (!done()) return false;
        // The first search starts in the same turn as the settings arrive (the hint shows in
        // between): still settled once that turn is over.
        await new Promise((resolve) => setTimeout(resolve, 0));
        return done();
      }),
    'the page never showed its first list',
  );
}

/**
 * `settled`, and a list on screen is the answer to this page's own search: the last
 * search's list shows at once, before its refresh starts (once the page has read its
 * settings, later on a busy machine), and a request counted after it would be that refresh.
 */
async function firstListSettled(ext: ExtensionSession, page: Page, before: number): Promise<void> {
  await settled(page);
  if (!(await page.evaluate(() => document.querySelector('.results') !== null))) return;
  await waitUntil(() => Promise.resolve(ext.api.searchRequests().length > before), 'the page never asked for the list it shows');
  await settled(page);
}

/** An extension page (the tab view) once its first list shows, requests counted from there. */
export async function openSettledPage(ext: ExtensionSession, pagePath: string, size = { width: 1280, height: 800 }): Promise<Page> {
  const before = ext.api.searchRequests().length;
  const page = await ext.openPage(pagePath);
  await page.setViewport(size);
  await firstListSettled(ext, page, before);
  ext.api.clearRequests();
  return page;
}

/** The popup, its first list shown, and the API's record of requests emptied. */
export const openSettledPopup = (ext: ExtensionSession, size = POPUP_SIZE): Promise<Page> => openSettledPage(ext, 'popup.html', size);

export const search = (page: Page) => screen(page).getByRole('button', { name: 'Search', exact: true }).click();

/** Opens the folded filters (the popup folds every filter but the Lead ID). */
export async function openFilters(page: Page): Promise<void> {
  const toggle = screen(page).getByRole('button', { name: /^Filters/ });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
}

/** The pager above the list, or the one below it. */
export const pager = (page: Page, place: 'top' | 'bottom' = 'top') =>
  screen(page).getByRole('navigation', { name: place === 'top' ? 'Pages' : 'Pages, end of list', exact: true });

/** The times of the cards (popup) or rows (tab) on screen, as the API's wall times. */
export const shownTimes = (page: Page): Promise<string[]> =>
  page.evaluate(() => [...document.querySelectorAll('.results time')].map((t) => t.getAttribute('datetime') ?? ''));
