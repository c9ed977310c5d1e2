import { LEAD_ID } from '../core/lead/lead-id';

// The badge is an extension page framed in the CRM page (entrypoints/badge): the
// page's scripts can neither read its text nor find it with window.find, and its
// size does not depend on what it says. The content script places the frame and
// hands it one end of a MessageChannel when it loads; over it, the two say only
// what the page could see anyway: which lead (it is on the page), the frame's
// layout, and the agent's moves. Summaries never pass here: the frame asks the
// background itself.

/** The content script to the badge's frame. */
export type ToBadgeFrame =
  /** The page shows another lead. */
  | { type: 'lead'; leadId: string }
  /** The frame's size was set: draw the panel (on that side of the line) or only the line. */
  | { type: 'layout'; open: boolean; side: PanelSide }
  /** The connection changed (token, API address): ask again. */
  | { type: 'refetch' }
  /** The frame is on screen now (it was made hidden, before the page's mode was known): draw. */
  | { type: 'show' };

/** The badge's frame to the content script: what the agent did. */
export type FromBadgeFrame =
  | { type: 'open' }
  | { type: 'close' }
  | { type: 'hide' }
  /** A drag in progress: how far the pointer moved since the press, in CSS px (right and down are positive). */
  | { type: 'drag'; dx: number; dy: number }
  | { type: 'drop' }
  /** Alt+arrow keys: move the badge by this much (right and down are positive). */
  | { type: 'nudge'; dx: number; dy: number };

/** Where the open panel goes: above the line (a badge low in the window) or below it. */
export type PanelSide = 'up' | 'down';

/** The badge's fixed size (CSS px): the same for every lead, answer and error, so its box tells the page nothing. */
export const BADGE_WIDTH = 360;
export const BADGE_LINE_HEIGHT = 52;
/** The open panel: between the line and the panel, and its tallest. */
export const PANEL_GAP = 6;
export const PANEL_MAX_HEIGHT = 480;
/** An inline chip's fixed size. */
export const CHIP_WIDTH = 200;
export const CHIP_HEIGHT = 20;

/** The end of a frame's address: its lead, and whether it is on screen from the start (`#424242/shown`). */
export function frameHash(leadId: string, shown = true): string {
  return `#${leadId}${shown ? '/shown' : ''}`;
}

/** What a frame's address says (`frameHash`): its lead (null without a good one), and whether it is on screen. */
export function readFrameHash(hash: string): { leadId: string | null; shown: boolean } {
  const [id = '', shown] = hash.replace(/^#/, '').split('/');
  return { leadId: LEAD_ID.test(id) ? id : null, shown: shown === 'shown' };
}
