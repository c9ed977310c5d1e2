import { BADGE_LINE_HEIGHT, BADGE_WIDTH, PANEL_GAP, PANEL_MAX_HEIGHT, type PanelSide } from '../frame-port';
import { clampPosition, type BadgePosition } from './position';

// Where the badge's frame goes and how big it is, from the remembered position
// and the window: pure, so it is tested without a browser.

export interface Viewport {
  width: number;
  height: number;
}

/** The frame's box, as the fixed-position iframe's style. */
export interface FrameBox {
  right: number;
  bottom: number;
  width: number;
  height: number;
}

/** A window not measured yet: nothing is clamped. */
export const UNMEASURED: Viewport = { width: Infinity, height: Infinity };

const MARGIN = 4;

/** The collapsed badge's size in this window. */
export function lineSize(viewport: Viewport): { width: number; height: number } {
  return { width: Math.min(BADGE_WIDTH, Math.max(0, viewport.width - 2 * MARGIN)), height: BADGE_LINE_HEIGHT };
}

/** The line's place: the remembered one, kept inside the window (the stored one stays as it was). */
export function linePlace(position: BadgePosition, viewport: Viewport): BadgePosition {
  return clampPosition(position, viewport, lineSize(viewport), MARGIN);
}

/** The open panel goes below a badge in the window's upper half, above it otherwise. */
export function panelSide(position: BadgePosition, viewport: Viewport): PanelSide {
  return position.bottom > viewport.height / 2 ? 'down' : 'up';
}

/** The open panel's height: at most PANEL_MAX_HEIGHT, and 60 % of the window. */
export function panelHeight(viewport: Viewport): number {
  return Math.max(0, Math.min(PANEL_MAX_HEIGHT, Math.floor(viewport.height * 0.6)));
}

/**
 * The frame's box: the line alone, or the line with the panel above or below
 * it. Its size depends on the window only, never on what the badge says.
 */
export function frameBox(position: BadgePosition, viewport: Viewport, open: { side: PanelSide } | null): FrameBox {
  const place = linePlace(position, viewport);
  const { width, height } = lineSize(viewport);
  if (!open || !Number.isFinite(viewport.height)) return { ...place, width, height };
  const extra = PANEL_GAP + panelHeight(viewport);
  return { right: place.right, bottom: open.side === 'up' ? place.bottom : place.bottom - extra, width, height: height + extra };
}

/** A move the badge's frame reports: a drag in progress (from the press), its end, or an Alt+arrow step. */
export type Move = { type: 'drag' | 'nudge'; dx: number; dy: number } | { type: 'drop' };

/** The badge's place as the agent leaves it: the remembered position, the window, the open panel's side, a drag in progress. */
export interface Placement {
  position: BadgePosition;
  readonly open: boolean;
  measure(viewport: Viewport): void;
  box(): FrameBox;
  /** Opens the panel on the side with room, or closes it; gives the side (up when closed). */
  setOpen(open: boolean): PanelSide;
  /** Applies a move; whether the place is to be saved now (a drop, an Alt+arrow step). */
  move(move: Move): boolean;
}

export function createPlacement(position: BadgePosition): Placement {
  let viewport = UNMEASURED;
  let open: { side: PanelSide } | null = null;
  let dragFrom: BadgePosition | null = null;
  return {
    position,
    get open() {
      return open !== null;
    },
    measure(next) {
      viewport = next;
    },
    box() {
      return frameBox(this.position, viewport, open);
    },
    setOpen(next) {
      open = next ? { side: panelSide(linePlace(this.position, viewport), viewport) } : null;
      return open?.side ?? 'up';
    },
    move(move) {
      if (move.type === 'drop') {
        const moved = dragFrom !== null;
        dragFrom = null;
        return moved;
      }
      // A drag moves from where the press began; Alt+arrow from where the badge is. Right and down shrink the offsets.
      const from = move.type === 'drag' ? (dragFrom ??= linePlace(this.position, viewport)) : linePlace(this.position, viewport);
      this.position = linePlace({ right: from.right - move.dx, bottom: from.bottom - move.dy }, viewport);
      return move.type === 'nudge';
    },
  };
}
