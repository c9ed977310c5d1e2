import { LEAD_ID } from '../../utils/core/lead/lead-id';
import type { FromBadgeFrame, ToBadgeFrame } from '../../utils/lookup/frame-port';

/** The badge frame's end of its channel to the content script that placed it (utils/lookup/frame-port.ts). */
export interface PageLink {
  post(message: FromBadgeFrame): void;
  /** Returns how to stop listening. */
  listen(onMessage: (message: ToBadgeFrame) => void): () => void;
}

/**
 * What the content script said, if it is something it may say. Its world is a
 * web page's process: whatever comes is checked, and none of it can do more
 * than the page could do anyway (name a lead on the page, size the frame).
 */
export function readToBadge(data: unknown): ToBadgeFrame | null {
  if (!data || typeof data !== 'object') return null;
  const m = data as Record<string, unknown>;
  if (m.type === 'lead') return typeof m.leadId === 'string' && LEAD_ID.test(m.leadId) ? { type: 'lead', leadId: m.leadId } : null;
  if (m.type === 'layout') {
    return typeof m.open === 'boolean' && (m.side === 'up' || m.side === 'down') ? { type: 'layout', open: m.open, side: m.side } : null;
  }
  if (m.type === 'refetch' || m.type === 'show') return { type: m.type };
  return null;
}

/**
 * Waits for the MessagePort the content script hands over when the frame has
 * loaded: the first one posted by the page around the frame (a page's own
 * scripts cannot reach a frame inside a closed shadow root). What the frame says
 * before then is kept and sent once the port is there.
 */
export function connectToPage(win: Window = window): PageLink {
  let port: MessagePort | null = null;
  const waiting: FromBadgeFrame[] = [];
  const listeners = new Set<(message: ToBadgeFrame) => void>();
  const onWindowMessage = (event: MessageEvent) => {
    const given = event.ports[0];
    if (port || event.source !== win.parent || !given) return;
    port = given;
    port.onmessage = (m: MessageEvent) => {
      const message = readToBadge(m.data);
      if (message) for (const listener of listeners) listener(message);
    };
    for (const message of waiting.splice(0)) port.postMessage(message);
    win.removeEventListener('message', onWindowMessage);
  };
  win.addEventListener('message', onWindowMessage);
  return {
    post(message) {
      if (port) port.postMessage(message);
      else waiting.push(message);
    },
    listen(onMessage) {
      listeners.add(onMessage);
      return () => listeners.delete(onMessage);
    },
  };
}
