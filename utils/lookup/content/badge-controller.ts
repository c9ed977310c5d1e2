import type { FromBadgeFrame, PanelSide } from '../frame-port';
import type { pageLead, saveBadgePosition } from '../lookup-messages';
import { send } from '../../core/messaging/send';
import { benchMark } from '../bench-mark';
import { createBadgeFrame, type BadgeFrame } from './badge-frame';
import { UNMEASURED, frameBox, linePlace, panelSide, type Viewport } from './badge-layout';
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
  let position: BadgePosition = DEFAULT_POSITION;
  let open: { side: PanelSide } | null = null;
  let dragFrom: BadgePosition | null = null;
  let viewport: Viewport = UNMEASURED;
  let shown = false;

  const measure = () => {
    viewport = { width: innerWidth, height: innerHeight };
  };
  const place = () => frame?.place(frameBox(position, viewport, open), open !== null);
  const save = () => void send<typeof saveBadgePosition>({ type: 'save-badge-position', right: position.right, bottom: position.bottom });

  function setOpen(next: boolean): void {
    if (!frame || next === (open !== null)) return;
    measure();
    open = next ? { side: panelSide(linePlace(position, viewport), viewport) } : null;
    place();
    frame.post({ type: 'layout', open: next, side: open?.side ?? 'up' });
  }

  function onFrameMessage(message: FromBadgeFrame): void {
    if (message.type === 'open' || message.type === 'close') return setOpen(message.type === 'open');
    if (message.type === 'hide') {
      hiddenOn = location.href;
      return remove();
    }
    if (message.type === 'drop') {
      if (dragFrom) save();
      dragFrom = null;
      return;
    }
    // A drag moves from where the press began; Alt+arrow from where the badge is. Right and down shrink the offsets.
    const from = message.type === 'drag' ? (dragFrom ??= linePlace(position, viewport)) : linePlace(position, viewport);
    position = linePlace({ right: from.right - message.dx, bottom: from.bottom - message.dy }, viewport);
    place();
    if (message.type === 'nudge') save();
  }

  function reveal(): void {
    if (!frame || shown) return;
    shown = true;
    frame.show(true);
    benchMark('shown', { leadId: frameLead });
  }

  function create(id: string, visible: boolean): void {
    wire();
    frame = createBadgeFrame(id, onFrameMessage);
    frameLead = id;
    shown = false;
    frame.show(false);
    if (visible) reveal();
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
    open = null;
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
      position = next;
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
