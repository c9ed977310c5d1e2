import type { Browser } from 'wxt/browser';
import { browser } from 'wxt/browser';
import { POSITIONS_KEY, positionFor, savePosition, type PositionStore } from '../content/position';
import type { AnswerOf, RequestOf } from '../../core/messaging/define-message';
import type { SiteConfig } from '../../sites/sites-messages';
import type { saveBadgePosition as saveBadgePositionMessage, siteConfig as siteConfigMessage } from '../lookup-messages';

// Content scripts never touch extension storage: they ask here. The page is
// the one the browser says sent the message (sender.url), never one the
// message names, so a page can learn only its own mode, rules and position.

type SaveBadgePositionRequest = RequestOf<typeof saveBadgePositionMessage>;

const NOT_A_PAGE = { ok: false as const, error: { kind: 'refused' as const, message: 'Only a web page’s badge has a configuration.' } };

/** The sender's page address and origin when it is an http(s) page, else null. */
function pageOf(sender: Browser.runtime.MessageSender): { href: string; origin: string } | null {
  try {
    const url = new URL(sender.url ?? '');
    return url.protocol === 'https:' || url.protocol === 'http:' ? { href: url.href, origin: url.origin } : null;
  } catch {
    return null;
  }
}

const positions: PositionStore = {
  get: (key) => browser.storage.local.get(key) as Promise<Record<string, unknown>>,
  set: (items) => browser.storage.local.set(items),
};

/**
 * The stored badge positions, read once and kept until they change: every page
 * load asks for its configuration before its badge can be drawn, and a storage
 * read there sat in front of every badge.
 */
function createPositionsMemo(): () => Promise<unknown> {
  let current: Promise<unknown> | null = null;
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && POSITIONS_KEY in changes) current = null;
  });
  return () => {
    const read = (current ??= positions.get(POSITIONS_KEY).then((stored) => stored[POSITIONS_KEY]));
    // A failed read is not kept, and means "nothing remembered" this time.
    return read.catch(() => {
      if (current === read) current = null;
      return undefined;
    });
  };
}

/** `configFor`: the sites feature's configuration of a page, handed in by the background's wiring. */
export function createSiteConfigHandler(configFor: (href: string) => Promise<SiteConfig>) {
  const storedPositions = createPositionsMemo();
  return async function siteConfig(_request: unknown, sender: Browser.runtime.MessageSender): Promise<AnswerOf<typeof siteConfigMessage>> {
    const page = pageOf(sender);
    if (!page) return NOT_A_PAGE;
    const [config, stored] = await Promise.all([configFor(page.href), storedPositions()]);
    return { ok: true, config, position: positionFor(stored, page.origin) };
  };
}

export async function saveBadgePosition(
  request: SaveBadgePositionRequest,
  sender: Browser.runtime.MessageSender,
): Promise<AnswerOf<typeof saveBadgePositionMessage>> {
  const page = pageOf(sender);
  if (!page) return NOT_A_PAGE;
  await savePosition(positions, page.origin, { right: request.right, bottom: request.bottom });
  return { ok: true };
}
