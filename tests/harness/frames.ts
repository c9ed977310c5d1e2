import type { Frame, Page } from 'puppeteer-core';
import { screen, type Locator } from './screen';

// The badge and the inline chips are extension pages framed in the CRM page
// (entrypoints/badge, entrypoints/chip), inside a closed shadow root. The browser
// driver reaches them as frames of the page, as a person's eyes and mouse do:
// `badgeScreen(page)` is `screen()` inside the badge's frame, with the page's real
// mouse and keyboard.

type Kind = 'badge' | 'chip';

/** Extension frames' addresses once read (Firefox's driver may go on naming a frame by its first address, about:blank). */
const known = new WeakMap<Frame, string>();

/** How long a frame may take to say its address: one on its way out may never answer (the driver's own limit is 30 s). */
const ADDRESS_MS = 2_000;

async function addressOf(frame: Frame): Promise<string> {
  const seen = known.get(frame);
  if (seen) return seen;
  let url = frame.url();
  if (!/^(chrome|moz)-extension:/.test(url)) {
    const asked = frame.evaluate(() => location.href).catch(() => url);
    url = await Promise.race([asked, new Promise<string>((resolve) => setTimeout(() => resolve(url), ADDRESS_MS))]);
  }
  if (/^(chrome|moz)-extension:/.test(url)) known.set(frame, url);
  return url;
}

const isKind = (url: string, kind: Kind) => {
  try {
    return /^(chrome|moz)-extension:$/.test(new URL(url).protocol) && new URL(url).pathname === `/${kind}.html`;
  } catch {
    return false;
  }
};

/** The page's extension frames of one kind, found by their page's path (`#lead` aside), with their addresses. */
export async function framesOf(page: Page, kind: Kind): Promise<{ frame: Frame; url: string }[]> {
  const found: { frame: Frame; url: string }[] = [];
  for (const frame of page.frames()) {
    if (frame === page.mainFrame() || frame.detached) continue;
    const url = await addressOf(frame);
    if (isKind(url, kind)) found.push({ frame, url });
  }
  return found;
}

/** The lead a frame's address names (`chip.html#424242/shown`: utils/lookup/frame-port.ts). */
const leadOf = (url: string) => url.split('#')[1]?.split('/')[0];

/** The page's badge frame, if it has one (the newest, should the driver still list one the page dropped). */
export async function badgeFrame(page: Page): Promise<Frame | undefined> {
  return (await framesOf(page, 'badge')).at(-1)?.frame;
}

/**
 * A page-like view of the frame `pick` finds, looked up again at every question (a frame
 * made again is followed); while there is none, questions go to the page itself, where
 * nothing of the badge is (so a locator counts 0). Mouse and keyboard are the page's.
 */
function frameView(page: Page, pick: () => Promise<Frame | undefined>): Page {
  const target = async () => (await pick()) ?? page.mainFrame();
  return {
    evaluate: async (...args: unknown[]) => ((await target()).evaluate as (...a: unknown[]) => unknown)(...args),
    evaluateHandle: async (...args: unknown[]) => ((await target()).evaluateHandle as (...a: unknown[]) => unknown)(...args),
    mouse: page.mouse,
    keyboard: page.keyboard,
    browser: () => page.browser(),
  } as unknown as Page;
}

/** What a person sees in the page's badge. */
export const badgeScreen = (page: Page): Locator => screen(frameView(page, () => badgeFrame(page)));

/** What a person sees in the chip of `leadId`. */
export const chipScreen = (page: Page, leadId: string): Locator =>
  screen(frameView(page, async () => (await framesOf(page, 'chip')).findLast((f) => leadOf(f.url) === leadId)?.frame));

/** The badge frame's timing marks of `name` for `leadId` (test builds: utils/lookup/bench-mark.ts), as their `kind`s in order. */
export async function badgeMarks(page: Page, name: 'drawn' | 'visible', leadId: string): Promise<string[]> {
  const frame = await badgeFrame(page);
  if (!frame) return [];
  return frame.evaluate(
    (mark, id) =>
      performance
        .getEntriesByName(mark, 'mark')
        .map((m) => (m as PerformanceMark).detail as { leadId: string; kind: string })
        .filter((d) => d.leadId === id)
        .map((d) => d.kind),
    `convoso-callbacks:${name}`,
    leadId,
  );
}
