import { useRef } from 'preact/hooks';
import type { FromBadgeFrame } from '../../utils/lookup/frame-port';
import type { BadgeView } from './status';
import { useFit } from './use-fit';

export interface BadgeLineProps {
  leadId: string;
  view: BadgeView;
  /** "checked 8 minutes ago" for an old answer, else null. */
  age: string | null;
  open: boolean;
  onToggle(): void;
  onSetUp(): void;
  onRetry(): void;
  /** The agent's moves, for the content script that places the frame. */
  post(message: FromBadgeFrame): void;
}

const KEY_STEP = 10;
const KEY_STEP_BIG = 50;
/** Pointer travel before a press becomes a drag rather than a click. */
const DRAG_THRESHOLD = 4;
const ARROWS: Readonly<Record<string, readonly [number, number]>> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/** The two lines in every wording that may be shown, most detailed first (useFit picks the first that fits). */
export function wordings(view: BadgeView, age: string | null): [string, string | null][] {
  const shorter = view.first.replace(/^At least ([\d,]+) callbacks/, '$1+ callbacks');
  const all: [string, string | null][] = [];
  if (age) all.push([view.first, view.second ? `${view.second} · ${age}` : age]);
  all.push([view.first, view.second]);
  if (shorter !== view.first) all.push([shorter, view.second]);
  return all;
}

/**
 * The collapsed badge: the extension's icon, the urgency dot, two lines (the
 * counts, then the next callback or the answer's age), the action an error
 * needs, and a grip. Dragged with the pointer anywhere on it, or moved with
 * Alt+arrow keys (Shift for bigger steps) while focused.
 */
export function BadgeLine({ leadId, view, age, open, onToggle, onSetUp, onRetry, post }: BadgeLineProps) {
  const box = useRef<HTMLSpanElement>(null);
  const all = wordings(view, age);
  const [first, second] = all[useFit(box, all.flat().join('|'), all.length)]!;
  const drag = useRef<{ x: number; y: number; moved: boolean } | null>(null);
  const swallowClick = useRef(false);
  const label = `Convoso callbacks for lead ${leadId}: ${view.text}${age ? `, ${age}` : ''}`;

  const onPointerDown = (e: PointerEvent) => {
    if (e.button === 0) drag.current = { x: e.screenX, y: e.screenY, moved: false };
  };
  const onPointerMove = (e: PointerEvent) => {
    const d = drag.current;
    if (!d) return;
    const dx = e.screenX - d.x;
    const dy = e.screenY - d.y;
    if (!d.moved && Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
    if (!d.moved) (e.currentTarget as HTMLElement).setPointerCapture?.(e.pointerId);
    d.moved = true;
    post({ type: 'drag', dx, dy });
  };
  const onPointerUp = () => {
    const d = drag.current;
    drag.current = null;
    if (!d?.moved) return;
    // The click that ends a drag is not a press of what the pointer is over.
    swallowClick.current = true;
    post({ type: 'drop' });
  };
  const onClickCapture = (e: MouseEvent) => {
    if (!swallowClick.current) return;
    swallowClick.current = false;
    e.stopPropagation();
    e.preventDefault();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const arrow = ARROWS[e.key];
    if (!arrow || !e.altKey) return;
    e.preventDefault();
    const step = e.shiftKey ? KEY_STEP_BIG : KEY_STEP;
    post({ type: 'nudge', dx: arrow[0] * step, dy: arrow[1] * step });
  };

  return (
    <div
      class={`line u-${view.tone}`}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={() => (drag.current = null)}
      onClickCapture={onClickCapture}
    >
      <button
        type="button"
        class="main"
        data-key="main"
        aria-label={label}
        aria-expanded={open ? 'true' : 'false'}
        aria-haspopup="dialog"
        aria-keyshortcuts="Alt+ArrowLeft Alt+ArrowRight Alt+ArrowUp Alt+ArrowDown"
        title={`Convoso Callbacks: ${view.text}${age ? `, ${age}` : ''}\nDrag, or Alt+arrow keys, to move`}
        onClick={onToggle}
        onKeyDown={onKeyDown}
      >
        <img class="logo" src="/icon/32.png" alt="" width={18} height={18} />
        <span class="dot" aria-hidden="true" />
        <span class={`words${second ? '' : ' single'}`} ref={box}>
          <span class="first">{first}</span>
          {/* The space starts no line on screen, but keeps the two lines two words apart when read or copied. */}
          {second && <span class="second"> {second}</span>}
        </span>
      </button>
      {view.action === 'set-up' && (
        <button type="button" class="act" onClick={onSetUp}>
          Set up
        </button>
      )}
      {view.action === 'retry' && (
        <button type="button" class="act" onClick={onRetry}>
          Retry
        </button>
      )}
      <span class="grip" aria-hidden="true" title="Drag to move">
        ⋮⋮
      </span>
    </div>
  );
}
