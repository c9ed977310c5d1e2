import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { renderBadge as drawBadge } from '../../../components/lookup/badge';
import type { BadgeStatus } from '../../../components/lookup/status';
import { debounce } from './debounce';
import { settling, type Settling } from './settled';
import { DEFAULT_POSITION, clampPosition, type BadgePosition } from './position';
import type { LeadReply, leadSummary, openOptions, openSearchTab, saveBadgePosition } from '../lookup-messages';
import { send } from '../../core/messaging/send';
import { drawsAtOnce, mark, statusOf } from './lead-status';
import { HOST_TAG, createShadowHost } from './shadow-host';

const RETRY_AFTER_MS = 1000;
/**
 * How long a badge not yet on screen waits for its answer before it says
 * "Looking up…". A cached lead answers within a few ms; drawing first took the
 * main thread just as that answer came in, and the page's first frame then went
 * ahead of it. Nothing else is on screen meanwhile, so nothing wrong is shown.
 */
const LOOKING_UP_AFTER_MS = 100;
/** The badge's size before its first layout (one line of text). */
const GUESSED_SIZE = { width: 200, height: 36 };

export interface BadgeController {
  /**
   * Asks at once for a lead the page's address names, before the page is parsed
   * and before the site's mode is known (the background checks the mode against
   * the page's address). Nothing is drawn: `show` uses the answer once detection ran.
   */
  prefetch(leadId: string): void;
  /** The lead the page shows now (null: none); a new one is asked for at once. */
  show(leadId: string | null): void;
  /** The remembered position for this site, from the background. */
  setPosition(position: BadgePosition): void;
  /** Asks again for the lead shown (the connection changed). */
  refetch(): void;
  /** Forgets the lead and removes the badge (the site's configuration changed). */
  reset(): void;
}

/**
 * The single-lead badge: its own state (lead, answer, expanded, hidden, place),
 * its listeners and its timer, all tied to `ctx`, so invalidating the content
 * script removes everything.
 */
export function createBadgeController(ctx: ContentScriptContext): BadgeController {
  let leadId: string | null = null;
  let status: BadgeStatus = { kind: 'loading' };
  let expanded = false;
  let hiddenOn: string | null = null;
  let requestSeq = 0;
  let position: BadgePosition = DEFAULT_POSITION;
  let badge: { host: HTMLElement; mount: HTMLElement } | null = null;
  let prefetched: { leadId: string; reply: Settling<LeadReply> } | null = null;

  /** The badge's real size and the window's, once a layout has shown them (see `watchSize`). */
  let size: { width: number; height: number } | null = null;
  let viewport: { width: number; height: number } | null = null;
  let shown: BadgePosition | null = null;
  let sizer: ResizeObserver | null = null;

  /**
   * The remembered position, kept inside this window: a spot saved on a big
   * screen must not put the badge out of sight in a small window. The stored
   * value stays as it is, for when the window is big again. Nothing is measured
   * here: sizes come from the last layout, so drawing never forces one.
   */
  function onScreen(pos: BadgePosition): BadgePosition {
    return clampPosition(pos, viewport ?? { width: Infinity, height: Infinity }, size ?? GUESSED_SIZE);
  }

  /**
   * Measures the drawn badge after the browser's own layout (a ResizeObserver
   * reports then, before the frame is painted) and moves it if its real size, or
   * the window's, puts it elsewhere. Reading sizes while drawing would force the
   * page's whole layout at DOMContentLoaded, twice per draw.
   */
  function watchSize(root: HTMLElement | null): void {
    if (typeof ResizeObserver !== 'function') return;
    sizer ??= new ResizeObserver((entries) => {
      const box = entries.at(-1)?.target.getBoundingClientRect();
      if (!box || !badge || ctx.isInvalid) return;
      size = { width: box.width, height: box.height };
      viewport = { width: innerWidth, height: innerHeight };
      const next = onScreen(position);
      if (shown && next.right === shown.right && next.bottom === shown.bottom) return;
      shown = next;
      // Moved in place: a new draw here would be observed again within this frame.
      const el = badge.mount.querySelector<HTMLElement>(':scope > .badge');
      if (el) {
        el.style.right = `${next.right}px`;
        el.style.bottom = `${next.bottom}px`;
      }
      // The open panel's side (above or below) follows the position: draw it again next frame.
      if (expanded) ctx.requestAnimationFrame(() => render());
    });
    sizer.disconnect();
    const row = root?.querySelector(':scope > .badge > .row');
    if (row) sizer.observe(row);
  }

  function render(): void {
    if (leadId === null || hiddenOn === location.href) return remove();
    if (!badge) {
      wire();
      badge = createShadowHost(HOST_TAG);
      document.documentElement.append(badge.host);
    }
    const id = leadId;
    const mount = badge.mount;
    const draw = (shown: BadgePosition) =>
      drawBadge(mount, {
        leadId: id,
        status,
        now: new Date(),
        expanded,
        position: shown,
        onToggle: () => setExpanded(!expanded),
        onCollapse: () => setExpanded(false),
        onSetUp: () => void send<typeof openOptions>({ type: 'open-options' }),
        onRetry: () => void request(id),
        onViewAll: () => void send<typeof openSearchTab>({ type: 'open-search-tab', leadId: id }),
        onHide: () => {
          hiddenOn = location.href;
          expanded = false;
          remove();
        },
        onMove: (next) => {
          position = onScreen(next);
          render();
          // The background stores it for this page's origin (it reads the origin from the sender).
          void send<typeof saveBadgePosition>({ type: 'save-badge-position', right: position.right, bottom: position.bottom });
        },
      });
    shown = onScreen(position);
    draw(shown);
    mark('drawn', { leadId: id, kind: status.kind });
    watchSize(mount);
  }

  function remove(): void {
    sizer?.disconnect();
    if (!badge) return;
    badge.host.remove();
    badge = null;
  }

  function setExpanded(next: boolean): void {
    expanded = next;
    render();
  }

  /**
   * Asks for the lead's summary and shows it. A stale answer (`refreshing`) is
   * shown at once, then replaced by the refreshed one: the follow-up question
   * waits for the background's refresh already under way, so it costs no request.
   */
  async function request(id: string, afterRefresh = false, again = false): Promise<void> {
    const seq = ++requestSeq;
    const early = !afterRefresh && !again && prefetched?.leadId === id ? prefetched.reply : null;
    prefetched = null;
    const asked = early?.promise ?? send<typeof leadSummary>({ type: 'lead-summary', leadId: id, ...(afterRefresh && { afterRefresh }) });
    // The early answer is often in by DOMContentLoaded (a cached lead): then the
    // answer is drawn once, without "Looking up…" (and its layout) first.
    const ready = drawsAtOnce(early?.value) ? early?.value : undefined;
    let answered = false;
    if (!afterRefresh && !again && !ready) {
      // Drawn once the question is on its way: drawing must not delay it.
      if (!early) mark('request', { leadId: id });
      status = { kind: 'loading' };
      // A badge on screen shows another lead (or an old answer): replaced at once.
      if (badge) render();
      else
        ctx.setTimeout(() => {
          if (!answered && seq === requestSeq && leadId === id && !badge) render();
        }, LOOKING_UP_AFTER_MS);
    }
    const reply = ready ?? (await asked);
    answered = true;
    if (seq !== requestSeq || leadId !== id || ctx.isInvalid) return;
    // No answer (the service worker stopped mid-lookup, or failed inside): once,
    // by itself, a moment later, before showing Retry.
    if (!reply.ok && reply.error.kind === 'internal' && !again) {
      if (!badge) render();
      ctx.setTimeout(() => {
        if (seq === requestSeq && leadId === id) void request(id, afterRefresh, true);
      }, RETRY_AFTER_MS);
      return;
    }
    mark('reply', { leadId: id });
    const next = statusOf(reply);
    if (!next) return;
    status = next;
    render();
    // Rendering is synchronous: the text is in the DOM now.
    mark('visible', { leadId: id, kind: status.kind });
    if (reply.ok && reply.refreshing && !afterRefresh) void request(id, true);
  }

  /**
   * The badge's page-wide listeners and timer, set up with its first draw: a
   * page without a lead (most pages) pays for none of them.
   */
  let wired = false;
  function wire(): void {
    if (wired) return;
    wired = true;
    ctx.addEventListener(window, 'online', () => {
      if (leadId !== null && status.kind === 'error') void request(leadId);
    });
    // A click anywhere else collapses the panel; inside our shadow root the
    // event's path contains our host.
    ctx.addEventListener(
      document,
      'pointerdown',
      (e) => {
        if (expanded && badge && !e.composedPath().includes(badge.host)) setExpanded(false);
      },
      { capture: true },
    );
    const onResize = debounce(() => {
      viewport = null;
      if (badge) render();
    }, 100);
    ctx.addEventListener(window, 'resize', onResize);
    ctx.onInvalidated(() => {
      onResize.cancel();
      remove();
    });
    // "in 5 min" must not stay "in 5 min" for an hour.
    ctx.setInterval(() => {
      if (badge) render();
    }, 60_000);
  }

  return {
    prefetch(id) {
      mark('request', { leadId: id });
      prefetched = { leadId: id, reply: settling(send<typeof leadSummary>({ type: 'lead-summary', leadId: id })) };
    },
    show(next) {
      // The early answer is for the first detection only, and only if it found that lead.
      if (prefetched && prefetched.leadId !== next) prefetched = null;
      if (hiddenOn !== null && hiddenOn !== location.href) hiddenOn = null;
      if (next !== leadId) {
        leadId = next;
        expanded = false;
        requestSeq++;
        if (next === null) remove();
        else void request(next);
        return;
      }
      if (leadId !== null && !badge && hiddenOn === null) render();
    },
    setPosition(next) {
      position = next;
      if (badge) render();
    },
    refetch() {
      if (leadId !== null) void request(leadId);
    },
    reset() {
      prefetched = null;
      leadId = null;
      requestSeq++;
      remove();
    },
  };
}
