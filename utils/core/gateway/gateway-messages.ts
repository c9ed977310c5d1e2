import { defineMessage } from '../messaging/define-message';
import type { Reply } from '../messaging/replies';

// What the extension's pages learn of the traffic gate: whether Convoso asked
// the extension to slow down, and until when. The popup and the tab view show
// "Convoso asked to slow down, trying again at 10:42" from it, with Cancel.

/** Asked by a page that opens while a pause may be running. */
export const trafficStatus = defineMessage<Reply<{ pausedUntil: number | null }>>()('traffic-status', 'extension', {});

/**
 * Sent by the background (runtime.sendMessage, to the extension's pages) when a
 * pause starts, moves or ends. `pausedUntil`: epoch milliseconds, or null when
 * requests go again.
 */
export interface TrafficNotice {
  type: 'traffic';
  pausedUntil: number | null;
}
