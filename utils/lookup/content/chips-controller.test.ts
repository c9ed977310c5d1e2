// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { quietFrameLoading } from '../../../tests/support/quiet-frames';
import { CHIP_HEIGHT, CHIP_WIDTH } from '../frame-port';
import { CHIPS_MAX, CHIPS_PER_SECOND, createChipsController, type ChipsController } from './chips-controller';
import { ContentScriptContext } from './context';
import { CHIP_TAG } from './shadow-host';

// Issue 21: chips ask only for the rows on screen. The test plays the browser's
// IntersectionObserver: it says which rows came on screen.

class FakeObserver {
  static current: FakeObserver | null = null;
  readonly watched = new Set<Element>();
  constructor(readonly callback: IntersectionObserverCallback) {
    FakeObserver.current = this;
  }
  observe(el: Element) {
    this.watched.add(el);
  }
  unobserve(el: Element) {
    this.watched.delete(el);
  }
  disconnect() {
    this.watched.clear();
  }
  /** Rows `ids` come on screen (or, with `on` false, leave it). */
  show(...ids: string[]) {
    this.report(ids, true);
  }
  hide(...ids: string[]) {
    this.report(ids, false);
  }
  private report(ids: string[], isIntersecting: boolean) {
    const entries = [...this.watched]
      .filter((el) => ids.includes(el.getAttribute('data-lead-id')!))
      .map((target) => ({ target, isIntersecting }) as IntersectionObserverEntry);
    this.callback(entries, this as unknown as IntersectionObserver);
  }
}

let ctx: ContentScriptContext;
let chips: ChipsController;
const chipSources = () =>
  [...document.querySelectorAll(CHIP_TAG)].map((host) => host.shadowRoot!.querySelector('iframe')!.src.replace(/^.*\/chip\.html/, 'chip.html').replace(/\/shown$/, ''));

beforeEach(() => {
  fakeBrowser.reset();
  quietFrameLoading();
  vi.stubGlobal('IntersectionObserver', FakeObserver);
  const attach = HTMLElement.prototype.attachShadow;
  vi.spyOn(HTMLElement.prototype, 'attachShadow').mockImplementation(function (this: HTMLElement, init) {
    return attach.call(this, { ...init, mode: 'open' });
  });
  document.body.innerHTML = '<table><tbody>' + ['11', '12', '13'].map((id) => `<tr data-lead-id="${id}"><td>Lead ${id}</td><td></td></tr>`).join('') + '</tbody></table>';
  ctx = new ContentScriptContext();
  chips = createChipsController(ctx);
});
afterEach(() => {
  ctx.invalidate();
  document.body.innerHTML = '';
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('inline chips', () => {
  it('are made only for the rows that come on screen, each a frame of its lead, in the row’s last cell', () => {
    chips.sync([]);
    expect(chipSources()).toEqual([]);
    FakeObserver.current!.show('11', '12');
    expect(chipSources()).toEqual(['chip.html#11', 'chip.html#12']);
    expect(document.querySelector('tr[data-lead-id="11"] td:last-child')!.querySelector(CHIP_TAG)).not.toBeNull();
    FakeObserver.current!.show('13');
    expect(chipSources()).toEqual(['chip.html#11', 'chip.html#12', 'chip.html#13']);
  });

  it('have one size whatever they say', () => {
    chips.sync([]);
    FakeObserver.current!.show('11');
    const css = document.querySelector(CHIP_TAG)!.shadowRoot!.querySelector('style')!.textContent!;
    expect(css).toContain(`width:${CHIP_WIDTH}px;height:${CHIP_HEIGHT}px`);
  });

  it('follow the list: a row gone takes its chip, a row that shows another lead gets a new one, a row seen again is not made again', () => {
    chips.sync([]);
    FakeObserver.current!.show('11', '12', '13');
    const first = document.querySelector(CHIP_TAG);
    document.querySelector('tr[data-lead-id="13"]')!.remove();
    document.querySelector('tr[data-lead-id="12"]')!.setAttribute('data-lead-id', '22');
    chips.sync([]);
    expect(chipSources()).toEqual(['chip.html#11']);
    expect(document.querySelector(CHIP_TAG)).toBe(first);
    FakeObserver.current!.show('22');
    expect(chipSources()).toEqual(['chip.html#11', 'chip.html#22']);
  });

  it('a page that puts hundreds of rows on screen gets at most CHIPS_PER_SECOND new chips a second, and CHIPS_MAX in all', () => {
    vi.useFakeTimers();
    try {
      const ids = Array.from({ length: 300 }, (_, i) => String(1000 + i));
      document.body.innerHTML = ids.map((id) => `<div data-lead-id="${id}">Lead ${id}</div>`).join('');
      chips.sync([]);
      FakeObserver.current!.show(...ids);
      expect(chipSources()).toHaveLength(CHIPS_PER_SECOND);
      for (let second = 1; second <= 10; second++) {
        vi.advanceTimersByTime(1000);
        // Observed anew, the rows still waiting say again that they are on screen.
        FakeObserver.current!.show(...ids);
        expect(chipSources()).toHaveLength(Math.min(CHIPS_MAX, CHIPS_PER_SECOND * (second + 1)));
      }
    } finally {
      vi.useRealTimers();
    }
  });

  it('past CHIPS_MAX, a long list scrolled through drops the chips of rows off screen, and makes them again when they come back', () => {
    vi.useFakeTimers();
    try {
      const ids = Array.from({ length: CHIPS_MAX + 40 }, (_, i) => String(1000 + i));
      document.body.innerHTML = ids.map((id) => `<div data-lead-id="${id}">Lead ${id}</div>`).join('');
      chips.sync([]);
      // The agent scrolls down the list, a screenful (40 rows) a second.
      for (let at = 0; at < ids.length; at += 40) {
        FakeObserver.current!.hide(...ids.slice(0, at));
        FakeObserver.current!.show(...ids.slice(at, at + 40));
        vi.advanceTimersByTime(1000);
      }
      expect(chipSources()).toHaveLength(CHIPS_MAX);
      // The last screenful has its chips; the first rows' went.
      expect(chipSources()).toContain(`chip.html#${ids.at(-1)}`);
      expect(chipSources()).not.toContain(`chip.html#${ids[0]}`);
      // Back at the top: made again.
      FakeObserver.current!.hide(...ids.slice(40));
      FakeObserver.current!.show(...ids.slice(0, 40));
      expect(chipSources()).toContain(`chip.html#${ids[0]}`);
      expect(chipSources()).toHaveLength(CHIPS_MAX);
    } finally {
      vi.useRealTimers();
    }
  });

  it('clear removes them all, and rows still waiting are forgotten', () => {
    chips.sync([]);
    FakeObserver.current!.show('11');
    chips.clear();
    expect(chipSources()).toEqual([]);
    FakeObserver.current!.show('12');
    expect(chipSources()).toEqual([]);
  });
});
