import { browser } from 'wxt/browser';
import type { CustomRule } from '../../core/lead/custom-rules';
import { findAllLeadIds } from '../../core/lead/detect';
import { CHIP_HEIGHT, CHIP_WIDTH, frameHash } from '../frame-port';
import type { PageContext } from './context';
import { CHIP_TAG, createFrameHost } from './shadow-host';

export interface ChipsController {
  /** Puts a chip beside every lead of the page the rules find, once its row is on screen. */
  sync(rules: readonly CustomRule[]): void;
  /** Removes every chip (inline mode off, new rules, a new connection). */
  clear(): void;
}

/**
 * Chip frames alive at once, and made per second. Each is an extension page: a
 * page that keeps putting new rows on screen must not make the extension load
 * hundreds a second, nor keep thousands (its own process serves every tab's
 * badge). No screen shows this many: past CHIPS_MAX, the chips of rows far off
 * screen go (and come back if their row does); past the rate, a row gets its
 * chip a moment later.
 */
export const CHIPS_MAX = 200;
export const CHIPS_PER_SECOND = 40;
const RETRY_MS = 1000;

// Every chip has the same size, whatever it says (or if it says nothing).
const CSS =
  ':host{all:initial!important;display:inline-block!important;vertical-align:middle!important}' +
  `iframe{display:block;width:${CHIP_WIDTH}px;height:${CHIP_HEIGHT}px;margin:0 0 0 4px;padding:0;border:0;` +
  'background:transparent;color-scheme:light dark}';

/** Where a chip goes: inside the lead's element, in its last cell for a table row; after a form field. */
function placeChip(element: Element, host: HTMLElement): void {
  if (element instanceof HTMLTableRowElement) (element.cells[element.cells.length - 1] ?? element).append(host);
  else if (/^(INPUT|SELECT|TEXTAREA|IMG|BR|HR)$/.test(element.tagName)) element.after(host);
  else element.append(host);
}

/**
 * Inline mode: one chip per lead element of a list, each an extension page in a
 * frame (entrypoints/chip) that asks the background for its lead. A chip is
 * made when its element comes on screen (or near it), so a long list asks only
 * for the rows an agent can see.
 */
export function createChipsController(ctx: PageContext): ChipsController {
  /** Elements with a chip; elements waiting to come on screen; elements with a chip that are off screen now. */
  const chips = new Map<Element, { leadId: string; host: HTMLElement }>();
  const waiting = new Map<Element, string>();
  const away = new Set<Element>();
  let watcher: IntersectionObserver | null = null;
  let made: number[] = [];
  let retrying = false;

  function drop(element: Element): void {
    chips.get(element)?.host.remove();
    chips.delete(element);
    away.delete(element);
  }

  /** Whether another chip may be made now: within the rate, and within CHIPS_MAX once an off-screen row's chip is gone. */
  function room(): boolean {
    const now = Date.now();
    made = made.filter((at) => now - at < 1000);
    if (made.length >= CHIPS_PER_SECOND) return false;
    if (chips.size >= CHIPS_MAX) {
      const far = away.values().next();
      if (far.done) return false;
      waiting.set(far.value, chips.get(far.value)!.leadId);
      drop(far.value);
    }
    made.push(now);
    return true;
  }

  /** Rows that came on screen past the limits: looked at again in a moment (observing anew reports where they are now). */
  function retryLater(): void {
    if (retrying) return;
    retrying = true;
    ctx.setTimeout(() => {
      retrying = false;
      for (const element of waiting.keys()) {
        watcher?.unobserve(element);
        watcher?.observe(element);
      }
    }, RETRY_MS);
  }

  function onScreen(entries: IntersectionObserverEntry[]): void {
    for (const { target, isIntersecting } of entries) {
      if (chips.has(target)) {
        if (isIntersecting) away.delete(target);
        else away.add(target);
        continue;
      }
      const leadId = waiting.get(target);
      if (!isIntersecting || leadId === undefined) continue;
      if (!room()) {
        retryLater();
        continue;
      }
      waiting.delete(target);
      const { host } = createFrameHost(CHIP_TAG, CSS, browser.runtime.getURL('/chip.html') + frameHash(leadId));
      chips.set(target, { leadId, host });
      placeChip(target, host);
    }
  }

  function clear(): void {
    watcher?.disconnect();
    waiting.clear();
    for (const element of [...chips.keys()]) drop(element);
  }
  ctx.onInvalidated(clear);

  return {
    sync(rules) {
      watcher ??= new IntersectionObserver(onScreen, { rootMargin: '200px 0px' });
      const seen = new Set<Element>();
      for (const { element, leadId } of findAllLeadIds(document, rules)) {
        seen.add(element);
        const chip = chips.get(element);
        if (chip && chip.leadId === leadId && chip.host.isConnected) continue;
        if (chip) drop(element);
        if (waiting.get(element) === leadId) continue;
        waiting.set(element, leadId);
        // Observed anew: it reports where the row is now (and, once it has a chip, when it leaves the screen).
        watcher.unobserve(element);
        watcher.observe(element);
      }
      for (const element of [...chips.keys(), ...waiting.keys()]) {
        if (seen.has(element)) continue;
        drop(element);
        waiting.delete(element);
        watcher.unobserve(element);
      }
    },
    clear,
  };
}
