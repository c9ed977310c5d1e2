import type { FromBadgeFrame } from '../frame-port';
import type { pageLead, saveBadgePosition } from '../lookup-messages';
import { send } from '../../core/messaging/send';
import { createBadgeFrame, type BadgeFrame } from './badge-frame';
import { createPlacement } from './badge-layout';
import type { PageContext } from './context';
import { debounce } from './debounce';
import { DEFAULT_POSITION, type BadgePosition } from './position';

export interface BadgeController {
  /**
   * A lead the page's address names, before the page is parsed and before the
   * site's mode is known: the background starts looking it up, and the frame
   * starts loading, hidden. `show` reveals it once detection found that lead.
   */
  prefetch(leadId: string): void;
  /** The lead the page shows now (null: none). */
  show(leadId: string | null): void;
  /** The remembered position for this site, from the background. */
  setPosition(position: BadgePosition): void;
  /** The frame asks again for the lead shown (the connection changed). */
  refetch(): void;
  /** Forgets the lead and removes the badge (the site's configuration changed). */
  reset(): void;
}

/**
 * The single-lead badge, as the page's side sees it: which lead, where the
 * frame is and how big, open or not, hidden on this page or not. What the badge
 * says is the frame's (entrypoints/badge): it asks the background itself, and
 * nothing of its answer comes here. Listeners and timers are tied to `ctx`.
 */
export function createBadgeController(ctx: PageContext): BadgeController {
  let leadId: string | null = null;
  let frame: BadgeFrame | null = null;
  let frameLead: string | null = null;
  let hiddenOn: string | null = null;
  let shown = false;
  const placement = createPlacement(DEFAULT_POSITION);

  const measure = () => placement.measure({ width: innerWidth, height: innerHeight });
  const place = () => frame?.place(placement.box(), placement.open);
  const save = () => {
    const { right, bottom } = placement.position;
    void send<typeof saveBadgePosition>({ type: 'save-badge-position', right, bottom });
  };

  function setOpen(next: boolean): void {
    if (!frame || next === placement.open) return;
    measure();
    const side = placement.setOpen(next);
    place();
    frame.post({ type: 'layout', open: next, side });
  }

  function onFrameMessage(message: FromBadgeFrame): void {
    if (message.type === 'open' || message.type === 'close') return setOpen(message.type === 'open');
    if (message.type === 'hide') {
      hiddenOn = location.href;
      return remove();
    }
    const saveNow = placement.move(message);
    place();
    if (saveNow) save();
  }

  function reveal(): void {
    if (!frame || shown) return;
    shown = true;
    frame.show(true);
  }

  function create(id: string, visible: boolean): void {
    wire();
    frame = createBadgeFrame(id, visible, onFrameMessage);
    frameLead = id;
    shown = visible;
    if (!visible) frame.show(false);
    place();
    // The window's size is read after the first frame: reading it while the page
    // loads could force the page's whole first layout early.
    ctx.requestAnimationFrame(() => {
      measure();
      place();
    });
  }

  function remove(): void {
    frame?.remove();
    frame = null;
    frameLead = null;
    placement.setOpen(false);
  }

  function render(): void {
    if (leadId === null || hiddenOn === location.href) return remove();
    if (!frame) {
      create(leadId, true);
      void send<typeof pageLead>({ type: 'page-lead', leadId });
      return;
    }
    if (frameLead !== leadId) {
      frameLead = leadId;
      frame.post({ type: 'lead', leadId });
      setOpen(false);
    }
    reveal();
  }

  let wired = false;
  function wire(): void {
    if (wired) return;
    wired = true;
    watchPage(ctx, {
      close: () => setOpen(false),
      resized: () => {
        measure();
        place();
      },
      gone: remove,
    });
  }

  return {
    prefetch(id) {
      void send<typeof pageLead>({ type: 'page-lead', leadId: id });
      if (!frame) create(id, false);
    },
    show(next) {
      if (hiddenOn !== null && hiddenOn !== location.href) hiddenOn = null;
      leadId = next;
      render();
    },
    setPosition(next) {
      placement.position = next;
      place();
    },
    refetch() {
      frame?.post({ type: 'refetch' });
    },
    reset() {
      leadId = null;
      remove();
    },
  };
}

/**
 * The badge's page-wide listeners, set up with its first frame: a page without a
 * lead pays for none. A press anywhere in the page is outside the frame (presses
 * inside it stay in it).
 */
function watchPage(ctx: PageContext, on: { close(): void; resized(): void; gone(): void }): void {
  ctx.addEventListener(document, 'pointerdown', () => on.close(), { capture: true });
  const onResize = debounce(() => on.resized(), 100);
  ctx.addEventListener(window, 'resize', onResize);
  ctx.onInvalidated(() => {
    onResize.cancel();
    on.gone();
  });
}
