import type { ElementHandle, JSHandle, KeyInput, Page } from 'puppeteer-core';
import { inFirefox } from './browsers';
import { queryAll, toMatcher, type Step } from './dom-query';
import { sleep, waitUntil } from './wait';

// What a person sees and does on a page, as lazy locators (`screen(page).getByLabel('Lead ID').fill('123')`):
// fields found by their labels, buttons by their names, text read on the screen, clicks
// and keys from the real mouse and keyboard. The same in Chromium and Firefox: the
// elements are found in the page by tests/harness/dom-query.ts, and every wait polls
// from Node (Firefox's extension pages' CSP blocks puppeteer's in-page waits).

const TIMEOUT = 30_000;
/** How long a click into a frame may take to arrive after its release was sent (its renderer may be busy). */
const CLICK_ARRIVES_MS = 3_000;

/**
 * Evaluates `fn(...args)` in `page`. Sent as one source text, with the helper that tsx
 * (the bench, the demo) puts around named functions, so any function may be sent.
 */
export function evaluateIn<A extends unknown[], T>(page: Page, fn: (...args: A) => T, ...args: A): Promise<Awaited<T>> {
  return page.evaluate(`(() => { const __name = (f) => f; return (${fn.toString()})(...${JSON.stringify(args)}); })()`) as Promise<Awaited<T>>;
}

function handleIn(page: Page, steps: Step[]): Promise<JSHandle<Element[]>> {
  return page.evaluateHandle(
    `(() => { const __name = (f) => f; return (${queryAll.toString()})(document, ${JSON.stringify(steps)}); })()`,
  ) as Promise<JSHandle<Element[]>>;
}

/** What is asked of each match in the page, by name (the function itself cannot travel with its closure). */
type Probe = 'count' | 'visible' | 'enabled' | 'texts' | 'innerTexts';

function probeIn<T>(page: Page, steps: Step[], probe: Probe): Promise<T> {
  return page.evaluate(
    `(() => {
      const __name = (f) => f;
      const found = (${queryAll.toString()})(document, ${JSON.stringify(steps)});
      const visible = (el) => {
        const check = el.checkVisibility ? el.checkVisibility({ visibilityProperty: true }) : true;
        const box = el.getBoundingClientRect();
        return check && (box.width > 0 || box.height > 0);
      };
      switch (${JSON.stringify(probe)}) {
        case 'count': return found.length;
        case 'visible': return found.map(visible);
        case 'enabled': return found.map((el) => !el.matches(':disabled') && !el.closest('[aria-disabled="true"]'));
        case 'texts': return found.map((el) => el.textContent ?? '');
        case 'innerTexts': return found.map((el) => el.innerText ?? el.textContent ?? '');
      }
    })()`,
  ) as Promise<T>;
}

export interface RoleOptions {
  name?: string | RegExp;
  exact?: boolean;
}
export interface TextOptions {
  exact?: boolean;
}

/** In the element's page: its centre is inside its window, and its box did not move in 50 ms. */
const settledInView = (e: Element) =>
  new Promise<boolean>((resolve) => {
    const before = e.getBoundingClientRect();
    setTimeout(() => {
      const r = e.getBoundingClientRect();
      const still = r.x === before.x && r.y === before.y && r.width === before.width && r.height === before.height;
      const cx = r.x + r.width / 2;
      const cy = r.y + r.height / 2;
      // A page scrolls to what is clicked; a frame (the badge's) only shows what fits it.
      const inView = window === window.top || (cx >= 0 && cy >= 0 && cx < innerWidth && cy < innerHeight);
      resolve(still && inView);
    }, 50);
  });

export class Locator {
  constructor(
    readonly page: Page,
    readonly steps: Step[] = [],
  ) {}

  private with(...more: Step[]) {
    return new Locator(this.page, [...this.steps, ...more]);
  }

  getByRole(role: string, options: RoleOptions = {}) {
    return this.with({ by: 'role', role, ...(options.name !== undefined && { name: toMatcher(options.name) }), ...(options.exact && { exact: true }) });
  }
  getByLabel(label: string | RegExp, options: TextOptions = {}) {
    return this.with({ by: 'label', label: toMatcher(label), ...(options.exact && { exact: true }) });
  }
  getByText(text: string | RegExp, options: TextOptions = {}) {
    return this.with({ by: 'text', text: toMatcher(text), ...(options.exact && { exact: true }) });
  }
  locator(selector: string, options: { hasText?: string | RegExp } = {}) {
    const css = this.with({ by: 'css', selector });
    return options.hasText === undefined ? css : css.filter({ hasText: options.hasText });
  }
  filter(options: { hasText?: string | RegExp; has?: Locator }) {
    const more: Step[] = [];
    if (options.hasText !== undefined) more.push({ by: 'hasText', text: toMatcher(options.hasText) });
    if (options.has) more.push({ by: 'has', steps: options.has.steps });
    return this.with(...more);
  }
  first() {
    return this.nth(0);
  }
  nth(index: number) {
    return this.with({ by: 'nth', index });
  }

  count(): Promise<number> {
    return probeIn<number>(this.page, this.steps, 'count');
  }
  async allTextContents(): Promise<string[]> {
    return probeIn<string[]>(this.page, this.steps, 'texts');
  }
  /** Every match, as a locator of its own. */
  async all(): Promise<Locator[]> {
    return Array.from({ length: await this.count() }, (_, i) => this.nth(i));
  }

  /** The single match (more than one is a mistake in the test, as in Playwright's strict mode), or null. */
  private async single(): Promise<number | null> {
    const n = await this.count();
    if (n > 1) throw new Error(`${n} elements match ${this.describe()}`);
    return n === 1 ? 0 : null;
  }

  async isVisible(): Promise<boolean> {
    if ((await this.single()) === null) return false;
    return (await probeIn<boolean[]>(this.page, this.steps, 'visible'))[0] ?? false;
  }

  /** Waits for the single match to be visible (or attached, detached, hidden). */
  async waitFor(options: { state?: 'visible' | 'attached' | 'detached' | 'hidden'; timeout?: number } = {}): Promise<void> {
    const state = options.state ?? 'visible';
    await waitUntil(
      async () => {
        if (state === 'detached') return (await this.count()) === 0;
        if (state === 'hidden') return (await this.count()) === 0 || !(await this.isVisible());
        if ((await this.single()) === null) return false;
        return state === 'attached' || this.isVisible();
      },
      `${this.describe()} never became ${state}`,
      options.timeout ?? TIMEOUT,
    );
  }

  /** The single match once it is visible and enabled, as puppeteer's handle (for its real mouse and keyboard). */
  async element(actionable = true): Promise<ElementHandle<HTMLElement>> {
    await this.waitFor({ state: actionable ? 'visible' : 'attached' });
    if (actionable) await waitUntil(async () => (await probeIn<boolean[]>(this.page, this.steps, 'enabled'))[0], `${this.describe()} stayed disabled`, TIMEOUT);
    const list = await handleIn(this.page, this.steps);
    try {
      const handle = (await list.getProperty('0')).asElement();
      if (!handle) throw new Error(`${this.describe()} went away`);
      return handle as ElementHandle<HTMLElement>;
    } finally {
      await list.dispose();
    }
  }

  private async on<T>(use: (el: ElementHandle<HTMLElement>) => Promise<T>, actionable = true): Promise<T> {
    const el = await this.element(actionable);
    try {
      return await use(el);
    } finally {
      await el.dispose().catch(() => undefined);
    }
  }

  /** A real left click at its centre (trusted, as a person's). */
  async click(): Promise<void> {
    // In a frame (the badge's, a chip's), a press can miss: the browser routes it by where
    // it last drew the frame (late on a busy machine) and sends it to the page instead, or
    // the frame draws its button anew between press and release. Either way no click
    // reached the element: a person would press again, and so does this, finding the
    // element afresh.
    for (let attempt = 1; ; attempt++) {
      const clicked = await this.on(async (el) => {
        const inFrame = await el.evaluate((e) => e.ownerDocument.defaultView !== e.ownerDocument.defaultView?.top);
        if (inFrame) await el.evaluate((e) => e.addEventListener('click', () => ((e as unknown as { clicked: boolean }).clicked = true), { once: true }));
        await this.pressCentre(el);
        if (!inFrame) return true;
        return waitUntil(
          // A click that removed its own frame ("Hide on this page") reached it.
          () => el.evaluate((e) => (e as unknown as { clicked?: boolean }).clicked === true).catch(() => true),
          'unclicked',
          CLICK_ARRIVES_MS,
        ).then(
          () => true,
          () => false,
        );
      });
      if (clicked) return;
      if (attempt === 3) throw new Error(`${this.describe()}: three presses at its centre never clicked it`);
    }
  }

  private async pressCentre(el: ElementHandle<HTMLElement>): Promise<void> {
    await el.evaluate((e) => e.scrollIntoView({ block: 'center', inline: 'center' }));
    // As a person waits for what they aim at to stop moving: its centre inside its own
    // window (a frame still growing clips it) and in the same place 50 ms apart.
    // Its box in the page (a frame's place included) the same 100 ms apart as well: the
    // browser routes a click into a frame by where it last drew it.
    let box = await el.boundingBox();
    await waitUntil(
      async () => {
        if (!(await el.evaluate(settledInView))) return false;
        await sleep(50);
        const now = await el.boundingBox();
        const same = JSON.stringify(now) === JSON.stringify(box);
        box = now;
        return same;
      },
      `${this.describe()} did not settle inside its window`,
      TIMEOUT,
    );
    if (!box || box.width === 0 || box.height === 0) throw new Error(`${this.describe()} has no box to click`);
    await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await this.page.mouse.down();
    // A press that removes its own frame (the badge's "Hide on this page") leaves Chromium's
    // driver waiting for that frame to acknowledge the release, which it never does.
    const up = this.page.mouse.up().then(
      () => true,
      () => true,
    );
    await Promise.race([up, sleep(3_000)]);
  }

  focus(): Promise<void> {
    return this.on((el) => el.focus());
  }
  /** Replaces its value as a person selecting the text and typing over it (a date or colour is set, as Playwright does). */
  fill(value: string): Promise<void> {
    return this.on(async (el) => {
      const settable = await el.evaluate((input, v) => {
        input.focus();
        const i = input as HTMLInputElement;
        if (['date', 'time', 'month', 'week', 'datetime-local', 'color', 'range'].includes(i.type)) {
          Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(i, v);
          i.dispatchEvent(new Event('input', { bubbles: true }));
          i.dispatchEvent(new Event('change', { bubbles: true }));
          return true;
        }
        if (typeof i.select === 'function') i.select();
        return false;
      }, value);
      if (settable) return;
      if (value === '') await this.page.keyboard.press('Backspace');
      // Chromium inserts the whole text as one input, as a paste or an input method would;
      // Firefox's driver inserts one character at a time.
      else if (!inFirefox(this.page)) await this.page.keyboard.sendCharacter(value);
      else await this.page.keyboard.type(value);
    });
  }
  /** Focuses it and presses `key` (`Enter`, `Alt+ArrowUp`, …). */
  async press(key: string): Promise<void> {
    await this.focus();
    await press(this.page, key);
  }
  selectOption(value: string): Promise<void> {
    return this.on(async (el) => {
      await (el as unknown as ElementHandle<HTMLSelectElement>).select(value);
    });
  }
  async check(): Promise<void> {
    if (!(await this.isChecked())) await this.click();
    await waitUntil(() => this.isChecked(), `${this.describe()} did not become checked`, TIMEOUT);
  }
  async uncheck(): Promise<void> {
    if (await this.isChecked()) await this.click();
    await waitUntil(async () => !(await this.isChecked()), `${this.describe()} did not become unchecked`, TIMEOUT);
  }
  setInputFiles(file: string): Promise<void> {
    return this.on((el) => (el as unknown as ElementHandle<HTMLInputElement>).uploadFile(file));
  }

  private read<T>(fn: (el: HTMLElement, arg: string) => T, arg = ''): Promise<T> {
    return this.on((el) => el.evaluate(fn as never, arg) as Promise<T>, false);
  }
  isChecked(): Promise<boolean> {
    return this.read((el) => (el as HTMLInputElement).checked ?? el.getAttribute('aria-checked') === 'true');
  }
  isDisabled(): Promise<boolean> {
    return this.read((el) => el.matches(':disabled') || !!el.closest('[aria-disabled="true"]'));
  }
  inputValue(): Promise<string> {
    return this.read((el) => (el as HTMLInputElement).value);
  }
  getAttribute(name: string): Promise<string | null> {
    return this.read((el, n) => el.getAttribute(n), name);
  }
  textContent(): Promise<string | null> {
    return this.read((el) => el.textContent);
  }
  innerText(): Promise<string> {
    return this.read((el) => el.innerText);
  }
  /** Whether it has the keyboard focus: its document has it (a frame's too), and it is that document's active element. */
  isFocused(): Promise<boolean> {
    return this.read((el) => el.ownerDocument.hasFocus() && el.ownerDocument.activeElement === el);
  }
  /** Its box in the page's viewport (inside a frame, the frame's offset included), or null when it is not rendered. */
  boundingBox(): Promise<{ x: number; y: number; width: number; height: number } | null> {
    return this.on((el) => el.boundingBox(), false);
  }

  describe(): string {
    return this.steps.map((s) => JSON.stringify(s)).join(' > ') || 'the page';
  }
}

/** The page as a person sees it: the start of every locator. */
export const screen = (page: Page) => new Locator(page);

/** Presses a key or a chord such as `Shift+Tab` or `Alt+ArrowUp` on the real keyboard. */
export async function press(page: Page, chord: string): Promise<void> {
  const keys = chord.split('+') as KeyInput[];
  const key = keys.pop()!;
  for (const modifier of keys) await page.keyboard.down(modifier);
  await page.keyboard.press(key);
  for (const modifier of keys.reverse()) await page.keyboard.up(modifier);
}

export { sleep };
