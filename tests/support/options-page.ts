import type { Page } from 'puppeteer-core';
import { screen, waitForText, type ExtensionSession, type Locator } from '../harness';

// The options page as the real-browser tests use it: opened once it has read what is
// saved, fields by their labels, what a field says about itself (its description, its
// error), whether it has the focus, and where it sits on the screen.

/** options.html (with `hash`, a deep link), once it has read what is saved. */
export async function openOptions(ext: ExtensionSession, hash = ''): Promise<Page> {
  const page = await ext.openPage(`options.html${hash}`);
  await waitForText(page, '#token-state', /token saved/i);
  return page;
}

/** The control whose label reads exactly `label`. */
export const field = (page: Page, label: string): Locator => screen(page).getByLabel(label, { exact: true });

/** The agent card's Save (the API card's button is *Save API settings*). */
export const clickSave = (page: Page): Promise<void> => screen(page).getByRole('button', { name: 'Save', exact: true }).click();

/** What a screen reader reads after the control's name: the texts its aria-describedby names. */
export async function descriptionOf(control: Locator): Promise<string[]> {
  const el = await control.element(false);
  try {
    return await el.evaluate((e) =>
      (e.getAttribute('aria-describedby') ?? '')
        .split(/\s+/)
        .filter(Boolean)
        .map((id) => (document.getElementById(id)?.textContent ?? '').replace(/\s+/g, ' ').trim()),
    );
  } finally {
    await el.dispose();
  }
}

/** Whether the control has the keyboard focus. */
export async function hasFocus(control: Locator): Promise<boolean> {
  const el = await control.element(false);
  try {
    return await el.evaluate((e) => e === document.activeElement);
  } finally {
    await el.dispose();
  }
}

export interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
  width: number;
  height: number;
}

/** Where the control is drawn, in the page's viewport. */
export async function boxOf(control: Locator): Promise<Box> {
  const el = await control.element(false);
  try {
    return await el.evaluate((e) => {
      const r = e.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height };
    });
  } finally {
    await el.dispose();
  }
}
