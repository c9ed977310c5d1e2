import type { BadgePosition } from '../../utils/lookup/content/position';
import { callbackList } from './callback-list';
import { summaryZones } from './summary-text';
import { h, replaceKeepingFocus } from './dom';
import { badgeView, type BadgeStatus } from './status';

export interface BadgeProps {
  leadId: string;
  status: BadgeStatus;
  now: Date;
  expanded: boolean;
  position: BadgePosition;
  onToggle(): void;
  onCollapse(): void;
  onSetUp(): void;
  onRetry(): void;
  onViewAll(): void;
  onHide(): void;
  /** Once per finished move (end of a drag, each Alt+arrow press). */
  onMove(position: BadgePosition): void;
}

const KEY_STEP = 10;
const KEY_STEP_BIG = 50;
/** Pointer travel before a press becomes a drag rather than a click. */
const DRAG_THRESHOLD = 4;

const ARROWS: Readonly<Record<string, readonly [number, number]>> = {
  ArrowLeft: [1, 0],
  ArrowRight: [-1, 0],
  ArrowUp: [0, 1],
  ArrowDown: [0, -1],
};

const wasExpanded = new WeakMap<HTMLElement, boolean>();

/**
 * The badge's answers for screen readers: a status region that stays in the
 * mount across renders (a live region that is itself re-created is not
 * announced). It changes only when there is something new to say: not for
 * "Looking up…" on every lead, nor for a re-render with the same text.
 */
function announce(mount: HTMLElement, text: string | null): void {
  let live = mount.querySelector<HTMLElement>(':scope > .sr');
  if (!live) {
    live = h('div', { class: 'sr', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
    mount.prepend(live);
  }
  if (text !== null && live.textContent !== text) live.textContent = text;
}

const place = (el: HTMLElement, p: BadgePosition) => {
  el.style.right = `${p.right}px`;
  el.style.bottom = `${p.bottom}px`;
};

/**
 * The floating badge: one line (count and most urgent state, or what to do),
 * expanding into a panel with the lead's callbacks. Positioned from the
 * bottom-right corner; dragged with the pointer, or moved with Alt+arrow keys
 * (Shift for bigger steps) while focused. Renders into `mount`, replacing what
 * was there.
 */
export function renderBadge(mount: HTMLElement, props: BadgeProps): void {
  const { leadId, status, now, expanded, position } = props;
  const view = badgeView(status, now);
  const summary = status.kind === 'ready' ? status.summary : null;

  const main = h(
    'button',
    {
      type: 'button',
      class: 'main',
      'data-key': 'main',
      'aria-label': `Convoso callbacks for lead ${leadId}: ${view.text}`,
      'aria-expanded': expanded ? 'true' : 'false',
      'aria-haspopup': 'dialog',
      'aria-keyshortcuts': 'Alt+ArrowLeft Alt+ArrowRight Alt+ArrowUp Alt+ArrowDown',
      title: `${view.text}\nDrag, or Alt+arrow keys, to move`,
      onClick: () => props.onToggle(),
    },
    h('span', { class: 'dot', 'aria-hidden': 'true' }),
    h('span', { class: 't' }, view.text),
  );

  const action =
    view.action === 'set-up'
      ? h('button', { type: 'button', class: 'act', 'data-key': 'setup', onClick: () => props.onSetUp() }, 'Set up')
      : view.action === 'retry'
        ? h('button', { type: 'button', class: 'act', 'data-key': 'retry', onClick: () => props.onRetry() }, 'Retry')
        : null;

  let drag: { x: number; y: number; moved: boolean; to: BadgePosition } | null = null;
  let suppressClick = false;
  const row = h(
    'div',
    {
      class: 'row',
      onPointerDown: (e: PointerEvent) => {
        if (e.button === 0) drag = { x: e.clientX, y: e.clientY, moved: false, to: position };
      },
      onPointerMove: (e: PointerEvent) => {
        if (!drag) return;
        const dx = e.clientX - drag.x;
        const dy = e.clientY - drag.y;
        if (!drag.moved && Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
        if (!drag.moved) row.setPointerCapture?.(e.pointerId);
        drag.moved = true;
        drag.to = { right: position.right - dx, bottom: position.bottom - dy };
        place(root, drag.to);
      },
      onPointerUp: () => {
        const done = drag;
        drag = null;
        if (!done?.moved) return;
        // The click that ends a drag is not a press of what the pointer is over;
        // re-render after it has been swallowed.
        suppressClick = true;
        setTimeout(() => props.onMove(done.to), 0);
      },
      onPointerCancel: () => {
        drag = null;
      },
      onClickCapture: (e: MouseEvent) => {
        if (!suppressClick) return;
        suppressClick = false;
        e.stopPropagation();
        e.preventDefault();
      },
    },
    h('div', { class: 'live' }, main),
    action,
    h('span', { class: 'grip', 'aria-hidden': 'true', title: 'Drag to move' }, '⋮⋮'),
  );

  // The window's height is read only for an open panel: reading it may force
  // the page's layout, which at DOMContentLoaded is the whole page's first one.
  const panel =
    expanded &&
    h(
      'div',
      {
        class: `panel ${position.bottom > (typeof innerHeight === 'number' ? innerHeight : 800) / 2 ? 'down' : 'up'}`,
        role: 'dialog',
        'aria-label': `Callbacks for lead ${leadId}`,
        tabindex: '-1',
      },
      h(
        'div',
        { class: 'head' },
        h('h2', null, `Lead ${leadId}`),
        h('button', { type: 'button', class: 'x', 'data-key': 'close', 'aria-label': 'Close', onClick: () => collapse() }, '✕'),
      ),
      status.kind === 'loading' && h('p', { class: 'msg' }, 'Looking up callbacks…'),
      status.kind === 'error' && h('p', { class: 'msg' }, status.error.message),
      summary && summary.callbacks.length === 0 && h('p', { class: 'msg' }, 'No callbacks for this lead.'),
      summary &&
        summary.callbacks.length > 0 && [
          h('p', { class: 'msg' }, view.text),
          callbackList(summary.callbacks, now, summaryZones(summary)),
          summary.total > summary.callbacks.length &&
            h('p', { class: 'msg' }, `Showing ${summary.callbacks.length} of ${summary.total}.`),
        ],
      h(
        'div',
        { class: 'foot' },
        h('button', { type: 'button', 'data-key': 'hide', onClick: () => props.onHide() }, 'Hide on this page'),
        h('button', { type: 'button', class: 'primary', 'data-key': 'all', onClick: () => props.onViewAll() }, 'View all'),
      ),
    );

  const collapse = () => {
    props.onCollapse();
    (mount.querySelector('[data-key="main"]') as HTMLElement | null)?.focus();
  };

  const root = h(
    'div',
    {
      class: `cc badge u-${view.tone}`,
      onKeyDown: (e: KeyboardEvent) => {
        if (e.key === 'Escape' && expanded) {
          e.stopPropagation();
          collapse();
          return;
        }
        const arrow = ARROWS[e.key];
        if (arrow && e.altKey && e.target === main) {
          e.preventDefault();
          const step = e.shiftKey ? KEY_STEP_BIG : KEY_STEP;
          props.onMove({ right: position.right + arrow[0] * step, bottom: position.bottom + arrow[1] * step });
        }
      },
    },
    row,
    panel,
  );
  place(root, position);

  replaceKeepingFocus(mount, root, mount.querySelector(':scope > .badge'));
  announce(mount, status.kind === 'loading' ? null : `Lead ${leadId}: ${view.text}`);
  const opened = expanded && !wasExpanded.get(mount);
  wasExpanded.set(mount, expanded);
  if (opened && panel) panel.focus();
}
