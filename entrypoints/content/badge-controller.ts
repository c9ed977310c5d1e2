import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { renderBadge as drawBadge } from '../../components/badge/badge';
import type { BadgeStatus } from '../../components/badge/status';
import { debounce } from '../../utils/content/debounce';
import { DEFAULT_POSITION, clampPosition, type BadgePosition } from '../../utils/content/position';
import type { LeadReply } from '../../utils/messaging/protocol';
import { send } from '../../utils/messaging/send';
import { mark, statusOf } from './lead-status';
import { HOST_TAG, createShadowHost } from './shadow-host';

const RETRY_AFTER_MS = 1000;

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
  let prefetched: { leadId: string; reply: Promise<LeadReply> } | null = null;

  /**
   * The remembered position, kept inside this window: a spot saved on a big
   * screen must not put the badge out of sight in a small window. The stored
   * value stays as it is, for when the window is big again.
   */
  function onScreen(pos: BadgePosition): BadgePosition {
    const size = badge?.mount.querySelector('.row')?.getBoundingClientRect();
    return clampPosition(pos, { width: innerWidth, height: innerHeight }, { width: size?.width || 200, height: size?.height || 36 });
  }

  function render(): void {
    if (leadId === null || hiddenOn === location.href) return remove();
    if (!badge) {
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
        onSetUp: () => void send({ type: 'open-options' }),
        onRetry: () => void request(id),
        onViewAll: () => void send({ type: 'open-search-tab', leadId: id }),
        onHide: () => {
          hiddenOn = location.href;
          expanded = false;
          remove();
        },
        onMove: (next) => {
          position = onScreen(next);
          render();
          // The background stores it for this page's origin (it reads the origin from the sender).
          void send({ type: 'save-badge-position', right: position.right, bottom: position.bottom });
        },
      });
    const guessed = onScreen(position);
    draw(guessed);
    // The first clamp guessed the badge's size (or the text has changed it): now
    // that it is drawn, place it again if the real size moves it.
    const measured = onScreen(position);
    if (measured.right !== guessed.right || measured.bottom !== guessed.bottom) draw(measured);
  }

  function remove(): void {
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
    const asked = early ?? send(afterRefresh ? { type: 'lead-summary', leadId: id, afterRefresh } : { type: 'lead-summary', leadId: id });
    if (!afterRefresh && !again) {
      // Drawn once the question is on its way: drawing (and its layouts) must not delay it.
      if (!early) mark('request', { leadId: id });
      status = { kind: 'loading' };
      render();
    }
    const reply = await asked;
    if (seq !== requestSeq || leadId !== id || ctx.isInvalid) return;
    // No answer (the service worker stopped mid-lookup, or failed inside): once,
    // by itself, a moment later, before showing Retry.
    if (!reply.ok && reply.error.kind === 'internal' && !again) {
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

  return {
    prefetch(id) {
      mark('request', { leadId: id });
      prefetched = { leadId: id, reply: send({ type: 'lead-summary', leadId: id }) };
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
