import { browser } from 'wxt/browser';
import { frameHash, type FromBadgeFrame, type ToBadgeFrame } from '../frame-port';
import type { FrameBox } from './badge-layout';
import { HOST_TAG, createFrameHost } from './shadow-host';

// The iframe's look belongs to the page's side of the frame: its place, its
// rounded corners and the collapsed line's shadow (drawn around the frame, which
// could not draw past its own edge). `color-scheme` matches the frame's page, so
// the browser keeps the frame transparent around what it draws.
const CSS =
  ':host{all:initial!important;display:contents!important}' +
  'iframe{position:fixed;z-index:2147483647;display:block;margin:0;padding:0;border:0;border-radius:8px;' +
  'background:transparent;color-scheme:light dark;box-shadow:0 4px 14px rgba(0,0,0,.22)}' +
  'iframe.open{box-shadow:none}iframe.waiting{visibility:hidden}';

export interface BadgeFrame {
  readonly host: HTMLElement;
  post(message: ToBadgeFrame): void;
  place(box: FrameBox, open: boolean): void;
  /** Hidden frames load and ask, but show nothing (the page's mode is not known yet). */
  show(visible: boolean): void;
  remove(): void;
}

const isMove = (m: Record<string, unknown>) => Number.isFinite(m.dx) && Number.isFinite(m.dy);

/** The frame's messages, as far as they are well formed. */
function readFromBadge(data: unknown): FromBadgeFrame | null {
  if (!data || typeof data !== 'object') return null;
  const m = data as Record<string, unknown>;
  if (m.type === 'open' || m.type === 'close' || m.type === 'hide' || m.type === 'drop') return { type: m.type };
  if ((m.type === 'drag' || m.type === 'nudge') && isMove(m)) return { type: m.type, dx: m.dx as number, dy: m.dy as number };
  return null;
}

/**
 * The badge's frame for `leadId` (badge.html), added to the page at once, and
 * the channel to it: the frame gets one end of a MessageChannel when it has
 * loaded; until then what is said to it waits.
 */
export function createBadgeFrame(leadId: string, shown: boolean, onMessage: (message: FromBadgeFrame) => void): BadgeFrame {
  const { host, frame } = createFrameHost(HOST_TAG, CSS, browser.runtime.getURL('/badge.html') + frameHash(leadId, shown));
  const channel = new MessageChannel();
  let ready = false;
  const waiting: ToBadgeFrame[] = [];
  channel.port1.onmessage = (event: MessageEvent) => {
    const message = readFromBadge(event.data);
    if (message) onMessage(message);
  };
  frame.addEventListener(
    'load',
    () => {
      // Only this script holds the frame's window; the frame takes the first port it is given.
      frame.contentWindow?.postMessage({ type: 'port' }, '*', [channel.port2]);
      ready = true;
      for (const message of waiting.splice(0)) channel.port1.postMessage(message);
    },
    { once: true },
  );
  document.documentElement.append(host);
  return {
    host,
    post(message) {
      if (ready) channel.port1.postMessage(message);
      else waiting.push(message);
    },
    place(box, open) {
      const s = frame.style;
      s.right = `${box.right}px`;
      s.bottom = `${box.bottom}px`;
      s.width = `${box.width}px`;
      s.height = `${box.height}px`;
      frame.classList.toggle('open', open);
    },
    show(visible) {
      frame.classList.toggle('waiting', !visible);
      if (visible) this.post({ type: 'show' });
    },
    remove() {
      channel.port1.close();
      host.remove();
    },
  };
}
