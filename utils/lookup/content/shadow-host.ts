export const HOST_TAG = 'convoso-callbacks';
export const CHIP_TAG = 'convoso-callbacks-chip';

/**
 * A host element with a closed shadow root holding `css` and an extension
 * frame. What the badge says lives in the frame, at the extension's origin: the
 * page's scripts can neither read it nor find it (window.find), and the frame
 * has a fixed size. Closed, so the page cannot reach the frame element either
 * (nor its window: a frame inside a shadow root is not in `window.frames`).
 * `all: initial` in `css` keeps the page's styles off the host.
 */
export function createFrameHost(tag: string, css: string, src: string): { host: HTMLElement; frame: HTMLIFrameElement } {
  const host = document.createElement(tag);
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = css;
  const frame = document.createElement('iframe');
  frame.title = 'Convoso Callbacks';
  frame.src = src;
  shadow.append(style, frame);
  return { host, frame };
}

/** Whether a node is one of ours (a host or inside one), for the page watcher. */
export function isOurNode(node: Node): boolean {
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return !!el?.closest(`${HOST_TAG},${CHIP_TAG}`);
}
