import type { BadgePosition } from '../lookup-messages';
import { STORAGE_KEYS, areaName } from '../../core/storage/storage-keys';

// Where the agent dragged the badge, per site. Stored as distances from the
// bottom-right corner (where the badge starts) so it stays put when the window
// is resized. The content script carries no valibot, so the stored value is
// checked by hand and anything odd falls back to the default.

export type { BadgePosition };

export const DEFAULT_POSITION: BadgePosition = { right: 16, bottom: 16 };
export const POSITIONS_KEY = /* @__PURE__ */ areaName(STORAGE_KEYS.badgePositions);
/** Old sites are forgotten first; the map must not grow without end. */
export const MAX_REMEMBERED_SITES = 200;

const MAX_OFFSET = 100_000;

function isOffset(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= MAX_OFFSET;
}

export function parsePosition(value: unknown): BadgePosition | null {
  if (!value || typeof value !== 'object') return null;
  const { right, bottom } = value as Record<string, unknown>;
  return isOffset(right) && isOffset(bottom) ? { right, bottom } : null;
}

/** The stored map, or an empty one when it is missing or not a plain object. */
export function parsePositions(value: unknown): Record<string, BadgePosition> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  const out: Record<string, BadgePosition> = {};
  for (const [origin, pos] of Object.entries(value)) {
    const parsed = parsePosition(pos);
    if (parsed) out[origin] = parsed;
  }
  return out;
}

/** Adds or moves `origin` to the end (most recent) and drops the oldest beyond the cap. */
export function withPosition(
  all: Record<string, BadgePosition>,
  origin: string,
  pos: BadgePosition,
  max = MAX_REMEMBERED_SITES,
): Record<string, BadgePosition> {
  const entries = Object.entries(all).filter(([o]) => o !== origin);
  entries.push([origin, pos]);
  return Object.fromEntries(entries.slice(-max));
}

/** Keeps at least `margin` px of the badge inside the viewport. */
export function clampPosition(
  pos: BadgePosition,
  viewport: { width: number; height: number },
  size: { width: number; height: number },
  margin = 4,
): BadgePosition {
  const maxRight = Math.max(margin, viewport.width - size.width - margin);
  const maxBottom = Math.max(margin, viewport.height - size.height - margin);
  return {
    right: Math.round(Math.min(Math.max(pos.right, margin), maxRight)),
    bottom: Math.round(Math.min(Math.max(pos.bottom, margin), maxBottom)),
  };
}

export interface PositionStore {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/** The position remembered for `origin` in the stored map (`stored[POSITIONS_KEY]`), or the default. */
export function positionFor(positions: unknown, origin: string): BadgePosition {
  return parsePositions(positions)[origin] ?? DEFAULT_POSITION;
}

export async function savePosition(store: PositionStore, origin: string, pos: BadgePosition): Promise<void> {
  try {
    const stored = await store.get(POSITIONS_KEY);
    await store.set({ [POSITIONS_KEY]: withPosition(parsePositions(stored[POSITIONS_KEY]), origin, pos) });
  } catch {
    // Forgetting a position is harmless; never let it break the page.
  }
}
