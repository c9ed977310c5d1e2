import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { watchDom } from './dom-watcher';
import { watchLocation } from './location-watcher';
import type { SiteConfig } from '../../sites/sites-messages';
import { detectLead } from '../../core/lead/detect';
import { leadIdFromUrl } from '../../core/lead/detectors';
import type { ConfigChangedNotice, siteConfig } from '../lookup-messages';
import { send } from '../../core/messaging/send';
import { createBadgeController } from './badge-controller';
import { createChipsController } from './chips-controller';
import { isOurNode } from './shadow-host';

/** Without an answer from the background: badge mode, built-in detectors only. */
const NO_ANSWER_CONFIG: SiteConfig = { mode: 'badge', rules: [] };

/**
 * The content script (run at document_start): asks at once for a lead the
 * address names, reads this page's configuration from the background, finds
 * the lead on the parsed page and hands it to the badge (or, in inline mode,
 * the list's leads to the chips). A page without a lead costs detection only:
 * no UI, no lead question.
 */
export function startLeadBadge(ctx: ContentScriptContext): void {
  // The same file may be injected twice (a Convoso page the user also added as a site).
  const flag = 'convosoCallbacksStarted';
  const w = window as unknown as Record<string, unknown>;
  if (w[flag]) return;
  w[flag] = true;

  let config: SiteConfig = NO_ANSWER_CONFIG;
  const badge = createBadgeController(ctx);
  const chips = createChipsController(ctx);

  function detect(): void {
    if (config.mode === 'off') {
      badge.show(null);
      chips.clear();
      return;
    }
    badge.show(detectLead({ url: location.href, root: document, rules: config.rules }).leadId);
    if (config.mode === 'inline') chips.sync(config.rules);
    else chips.clear();
  }

  /** This page's mode, rules and badge position, from the background (content scripts never read extension storage). */
  async function loadConfig(): Promise<boolean> {
    const reply = await send<typeof siteConfig>({ type: 'site-config' });
    if (ctx.isInvalid) return false;
    // No answer: built-in detectors, badge mode, default position.
    config = reply.ok ? reply.config : NO_ANSWER_CONFIG;
    if (reply.ok) badge.setPosition(reply.position);
    return true;
  }

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
        badge.reset();
        chips.clear();
        detect();
      });
    }
    if (notice.connection) {
      // The connection changed (token, API address): ask again for everything shown.
      chips.forget();
      if (config.mode === 'inline') chips.clear();
      badge.refetch();
      detect();
    }
  };

  async function start(): Promise<void> {
    // At document_start: a lead the address names is asked for at once, beside
    // the configuration; the page itself is searched once it is parsed.
    const configured = loadConfig();
    const early = leadIdFromUrl(location.href);
    if (early !== null) badge.prefetch(early);
    const [live] = await Promise.all([configured, parsed(ctx)]);
    if (!live) return;
    detect();
    watchLocation(ctx, { onChange: detect });
    ctx.onInvalidated(watchDom(document.documentElement, { onChange: detect, isOurs: isOurNode }));
    browser.runtime.onMessage.addListener(onNotice);
    // Browser events take no abort signal: this one listener goes with the context by hand.
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onNotice));
  }

  void start();
}

/** Resolves once the document is parsed (DOMContentLoaded), at once if it already is. */
function parsed(ctx: ContentScriptContext): Promise<void> {
  if (document.readyState !== 'loading') return Promise.resolve();
  return new Promise((resolve) => ctx.addEventListener(document, 'DOMContentLoaded', () => resolve(), { once: true }));
}
