import { BADGE_CSS } from '../../../components/lookup/styles';

export const HOST_TAG = 'convoso-callbacks';
export const CHIP_TAG = 'convoso-callbacks-chip';

/**
 * A host element with a closed shadow root holding our CSS inline and a mount
 * point. Closed: the page's scripts must not read what the badge shows (a
 * lead's comments, agents, campaigns) nor reach its buttons; only this content
 * script keeps the mount. Made by hand (not WXT's createShadowRootUi) because that one would
 * also fetch a CSS file that user CRM sites may not be allowed to load, and a
 * plain element is smaller.
 */
export function createShadowHost(tag: string): { host: HTMLElement; mount: HTMLElement } {
  const host = document.createElement(tag);
  // The page's CSS can still reach the host element itself: BADGE_CSS's important
  // :host rule resets it (inline !important would also block users' text spacing).
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = BADGE_CSS;
  const mount = document.createElement('div');
  shadow.append(style, mount);
  return { host, mount };
}

/** Whether a node is one of ours (a host or inside one), for the page watcher. */
export function isOurNode(node: Node): boolean {
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return !!el?.closest(`${HOST_TAG},${CHIP_TAG}`);
}
