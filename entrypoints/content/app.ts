import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { renderBadge as drawBadge } from '@/components/badge/badge';
import { renderChip as drawChip } from '@/components/badge/inline-chip';
import type { BadgeStatus } from '@/components/badge/status';
import { debounce } from '@/utils/content/debounce';
import { watchDom } from '@/utils/content/dom-watcher';
import { watchLocation } from '@/utils/content/location-watcher';
import { DEFAULT_POSITION, clampPosition, type BadgePosition } from '@/utils/content/position';
import { DEFAULT_CONFIG, type SiteConfig } from '@/utils/content/site-config';
import { detectLead, findAllLeadIds } from '@/utils/lead/detect';
import { MAX_LEAD_IDS } from '@/utils/lead/lead-id';
import type { ConfigChangedNotice, LeadReply } from '@/utils/messaging/protocol';
import { send } from '@/utils/messaging/send';
import { CHIP_TAG, HOST_TAG, createShadowHost, isOurNode } from './shadow-host';

const RETRY_AFTER_MS = 1000;
const MARK = 'convoso-callbacks';
/**
 * Timing marks for `npm run bench` (test builds). The page shares the performance
 * timeline, so a production build leaves no marks for it to read.
 */
const mark = (name: string, detail: Record<string, unknown>) => {
  if (import.meta.env.MODE !== 'production') performance.mark(`${MARK}:${name}`, { detail });
};


function statusOf(reply: LeadReply): BadgeStatus | null {
  if (reply.ok) return { kind: 'ready', summary: reply.summary };
  // A superseded lookup: the newer answer is on its way.
  if (reply.error.kind === 'aborted') return null;
  return { kind: 'error', error: reply.error, offline: typeof navigator !== 'undefined' && navigator.onLine === false };
}

/**
 * The content script: finds the lead on the page, asks the background for its
 * summary and shows the badge (or, in inline mode, a chip per lead of a list).
 * A page without a lead costs detection only: no UI, no message.
 */
export function startLeadBadge(ctx: ContentScriptContext): void {
  // The same file may be injected twice (a Convoso page the user also added as a site).
  const flag = '__convosoCallbacksStarted';
  const w = window as unknown as Record<string, unknown>;
  if (w[flag]) return;
  w[flag] = true;

  let config: SiteConfig = DEFAULT_CONFIG;
  let position: BadgePosition = DEFAULT_POSITION;

  // The single-lead badge.
  let leadId: string | null = null;
  let status: BadgeStatus = { kind: 'loading' };
  let expanded = false;
  let hiddenOn: string | null = null;
  let requestSeq = 0;
  let badge: { host: HTMLElement; mount: HTMLElement } | null = null;

  // Inline chips: one per lead element, answers shared per lead id.
  const chips = new Map<Element, { host: HTMLElement; mount: HTMLElement; leadId: string }>();
  const chipStatus = new Map<string, BadgeStatus>();

  const stops: (() => void)[] = [];
  ctx.onInvalidated(() => {
    stops.forEach((stop) => stop());
    removeBadge();
    removeChips();
  });

  // ---------------------------------------------------------------- badge

  /**
   * The remembered position, kept inside this window: a spot saved on a big
   * screen must not put the badge out of sight in a small window. The stored
   * value stays as it is, for when the window is big again.
   */
  function onScreen(pos: BadgePosition): BadgePosition {
    const size = badge?.mount.querySelector('.row')?.getBoundingClientRect();
    return clampPosition(pos, { width: innerWidth, height: innerHeight }, { width: size?.width || 200, height: size?.height || 36 });
  }

  function renderBadge(): void {
    if (leadId === null || hiddenOn === location.href) return removeBadge();
    if (!badge) {
      badge = createShadowHost(HOST_TAG);
      document.documentElement.append(badge.host);
    }
    const id = leadId;
    const mount = badge.mount;
    const draw = (shown: BadgePosition) => drawBadge(mount, {
      leadId: id,
      status,
      now: new Date(),
      expanded,
      position: shown,
      onToggle: () => setExpanded(!expanded),
      onCollapse: () => setExpanded(false),
      onSetUp: () => void send({ type: 'open-options' }),
      onRetry: () => void requestSummary(id),
      onViewAll: () => void send({ type: 'open-search-tab', leadId: id }),
      onHide: () => {
        hiddenOn = location.href;
        expanded = false;
        removeBadge();
      },
      onMove: (next) => {
        position = onScreen(next);
        renderBadge();
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

  function removeBadge(): void {
    if (!badge) return;
    badge.host.remove();
    badge = null;
  }

  function setExpanded(next: boolean): void {
    expanded = next;
    renderBadge();
  }

  /**
   * Asks for the lead's summary and shows it. A stale answer (`refreshing`) is
   * shown at once, then replaced by the refreshed one: the follow-up question
   * waits for the background's refresh already under way, so it costs no request.
   */
  async function requestSummary(id: string, afterRefresh = false, again = false): Promise<void> {
    const seq = ++requestSeq;
    if (!afterRefresh && !again) {
      status = { kind: 'loading' };
      renderBadge();
      mark('request', { leadId: id });
    }
    const reply = await send(afterRefresh ? { type: 'lead-summary', leadId: id, afterRefresh } : { type: 'lead-summary', leadId: id });
    if (seq !== requestSeq || leadId !== id || ctx.isInvalid) return;
    // No answer (the service worker stopped mid-lookup, or failed inside): once,
    // by itself, a moment later, before showing Retry.
    if (!reply.ok && reply.error.kind === 'internal' && !again) {
      await new Promise((resolve) => setTimeout(resolve, RETRY_AFTER_MS));
      if (seq === requestSeq && leadId === id && !ctx.isInvalid) void requestSummary(id, afterRefresh, true);
      return;
    }
    mark('reply', { leadId: id });
    const next = statusOf(reply);
    if (!next) return;
    status = next;
    renderBadge();
    // Rendering is synchronous: the text is in the DOM now.
    mark('visible', { leadId: id, kind: status.kind });
    if (reply.ok && reply.refreshing && !afterRefresh) void requestSummary(id, true);
  }

  function setLead(next: string | null): void {
    if (next === leadId) return;
    leadId = next;
    expanded = false;
    requestSeq++;
    if (next === null) return removeBadge();
    void requestSummary(next);
  }

  // ---------------------------------------------------------------- inline

  function removeChips(): void {
    for (const chip of chips.values()) {
      chip.host.remove();
    }
    chips.clear();
  }

  function renderChip(chip: { mount: HTMLElement; leadId: string }): void {
    drawChip(chip.mount, {
      leadId: chip.leadId,
      status: chipStatus.get(chip.leadId) ?? { kind: 'loading' },
      now: new Date(),
      onOpen: () => void send({ type: 'open-search-tab', leadId: chip.leadId }),
    });
  }

  /** Where a chip goes: inside the lead's element, in its last cell for a table row; after a form field. */
  function placeChip(element: Element, host: HTMLElement): void {
    if (element instanceof HTMLTableRowElement) (element.cells[element.cells.length - 1] ?? element).append(host);
    else if (/^(INPUT|SELECT|TEXTAREA|IMG|BR|HR)$/.test(element.tagName)) element.after(host);
    else element.append(host);
  }

  function syncChips(): void {
    const found = findAllLeadIds(document, config.rules);
    const seen = new Set<Element>();
    const missing: string[] = [];
    for (const { element, leadId: id } of found) {
      seen.add(element);
      let chip = chips.get(element);
      if (chip && (chip.leadId !== id || !chip.host.isConnected)) {
        chip.host.remove();
        chip = undefined;
      }
      if (!chip) {
        const made = createShadowHost(CHIP_TAG);
        chip = { ...made, leadId: id };
        chips.set(element, chip);
        placeChip(element, made.host);
        renderChip(chip);
      }
      if (!chipStatus.has(id)) {
        chipStatus.set(id, { kind: 'loading' });
        missing.push(id);
      }
    }
    for (const [element, chip] of chips) {
      if (!seen.has(element)) {
        chip.host.remove();
        chips.delete(element);
      }
    }
    for (let i = 0; i < missing.length; i += MAX_LEAD_IDS) void requestChips(missing.slice(i, i + MAX_LEAD_IDS));
  }

  /** Like requestSummary, per batch: stale chips are shown, then follow their refresh. */
  async function requestChips(ids: string[], afterRefresh = false): Promise<void> {
    const reply = await send(afterRefresh ? { type: 'lead-summaries', leadIds: ids, afterRefresh } : { type: 'lead-summaries', leadIds: ids });
    if (ctx.isInvalid) return;
    const refreshing: string[] = [];
    for (const id of ids) {
      const one: LeadReply = reply.ok ? (reply.summaries[id] ?? { ok: false, error: { kind: 'internal', message: 'No answer for this lead.' } }) : reply;
      const next = statusOf(one);
      if (next) chipStatus.set(id, next);
      else chipStatus.delete(id);
      if (one.ok && one.refreshing) refreshing.push(id);
    }
    for (const chip of chips.values()) if (ids.includes(chip.leadId)) renderChip(chip);
    if (refreshing.length && !afterRefresh) void requestChips(refreshing, true);
  }

  // ---------------------------------------------------------------- detection

  function detect(): void {
    if (config.mode === 'off') {
      setLead(null);
      removeChips();
      return;
    }
    if (hiddenOn !== null && hiddenOn !== location.href) {
      hiddenOn = null;
    }
    const found = detectLead({ url: location.href, root: document, rules: config.rules });
    setLead(found.leadId);
    if (leadId !== null && !badge && hiddenOn === null) renderBadge();
    if (config.mode === 'inline') syncChips();
    else removeChips();
  }

  /** The connection changed (token, API address): ask again for everything shown. */
  function refetch(): void {
    chipStatus.clear();
    if (config.mode === 'inline') removeChips();
    if (leadId !== null) void requestSummary(leadId);
    detect();
  }

  /** This page's mode, rules and badge position, from the background (content scripts never read extension storage). */
  async function loadConfig(): Promise<boolean> {
    const reply = await send({ type: 'site-config' });
    if (ctx.isInvalid) return false;
    // No answer: built-in detectors, badge mode, default position.
    config = reply.ok ? reply.config : DEFAULT_CONFIG;
    if (reply.ok) position = reply.position;
    return true;
  }

  async function start(): Promise<void> {
    // The first detection waits for the configuration.
    if (!(await loadConfig())) return;
    detect();
    stops.push(
      watchLocation({ onChange: detect }),
      watchDom(document.documentElement, { onChange: detect, isOurs: isOurNode }),
    );
    // Only the extension can message a content script; the notice carries no data.
    const onNotice = (message: unknown): undefined => {
      const notice = message as Partial<ConfigChangedNotice> | null;
      if (!notice || notice.type !== 'config-changed') return;
      if (notice.sites) {
        const before = JSON.stringify(config);
        void loadConfig().then((live) => {
          if (!live) return;
          // Another site's change: this page's badge is already right, keep it.
          if (JSON.stringify(config) === before) return;
          // New rules may find another lead (or none): start over.
          leadId = null;
          removeBadge();
          removeChips();
          detect();
        });
      }
      if (notice.connection) refetch();
    };
    browser.runtime.onMessage.addListener(onNotice);
    stops.push(() => browser.runtime.onMessage.removeListener(onNotice));

    const onOnline = () => {
      if (leadId !== null && status.kind === 'error') void requestSummary(leadId);
    };
    addEventListener('online', onOnline);
    stops.push(() => removeEventListener('online', onOnline));

    // A click anywhere else collapses the panel; inside our shadow root the
    // event's path contains our host.
    const onPointerDown = (e: Event) => {
      if (expanded && badge && !e.composedPath().includes(badge.host)) setExpanded(false);
    };
    document.addEventListener('pointerdown', onPointerDown, true);
    stops.push(() => document.removeEventListener('pointerdown', onPointerDown, true));

    const onResize = debounce(() => {
      if (badge) renderBadge();
    }, 100);
    addEventListener('resize', onResize);
    stops.push(() => {
      removeEventListener('resize', onResize);
      onResize.cancel();
    });

    // "in 5 min" must not stay "in 5 min" for an hour.
    const tick = setInterval(() => {
      if (badge) renderBadge();
      for (const chip of chips.values()) renderChip(chip);
    }, 60_000);
    stops.push(() => clearInterval(tick));
  }

  void start();
}
