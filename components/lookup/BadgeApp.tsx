import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { BadgeLine } from './BadgeLine';
import { BadgePanel } from './BadgePanel';
import type { BadgeModel } from './badge-model';
import { badgeView } from './status';
import { ageText } from './summary-text';
import { benchMark } from '../../utils/lookup/bench-mark';

export interface BadgeAppProps {
  model: BadgeModel;
  now?: () => Date;
}

/** "in 5 min" must not stay "in 5 min" for an hour. */
const TICK_MS = 60_000;

/** Redraws at every change of `model`, and once a minute. */
function useModel(model: BadgeModel): void {
  const [, setTick] = useState(0);
  useLayoutEffect(() => {
    const redraw = () => setTick((n) => n + 1);
    const stop = model.subscribe(redraw);
    // Back online: an error is worth asking again at once.
    const online = () => void (model.answer.status?.kind === 'error' && model.answer.again());
    addEventListener('online', online);
    const timer = setInterval(redraw, TICK_MS);
    // What changed before this ran is drawn now.
    redraw();
    return () => {
      stop();
      removeEventListener('online', online);
      clearInterval(timer);
    };
  }, [model]);
}

/**
 * The badge, in its frame: the collapsed line, and the panel once the content
 * script has made room for it. The agent's presses are a person's own (no page
 * script reaches into this frame); what they change in the page (the frame's
 * size, its place, hiding it) is asked of the content script over `link`.
 */
export function BadgeApp({ model, now = () => new Date() }: BadgeAppProps) {
  useModel(model);
  const { answer, link, background } = model;
  const { leadId } = answer;
  // Nothing is drawn (nor announced) while the frame is not on screen.
  const status = model.shown ? answer.status : null;
  const { open, side } = model.layout;
  const again = (refresh?: boolean) => answer.again(refresh);
  const at = now();
  const panel = useRef<HTMLDivElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const wasOpen = useRef(false);
  const said = useRef('');

  // Marked once the words are in the document, before the frame is painted (as the bench has always read it).
  useLayoutEffect(() => {
    if (!leadId || !status) return;
    benchMark('drawn', { leadId, kind: status.kind });
    if (status.kind !== 'loading') benchMark('visible', { leadId, kind: status.kind });
  }, [leadId, status]);
  useEffect(() => {
    // Opened: the panel takes focus, as a dialog does.
    if (open && !wasOpen.current) panel.current?.focus();
    wasOpen.current = open;
  }, [open]);
  const close = () => {
    link.post({ type: 'close' });
    root.current?.querySelector<HTMLElement>('[data-key="main"]')?.focus();
  };
  useEffect(() => {
    if (!open) return;
    // Esc anywhere in the badge closes the open panel, and the badge keeps the focus.
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.stopPropagation();
      close();
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [open]);
  const view = status && badgeView(status, at);
  const age = status?.kind === 'ready' ? ageText(status.asOf, at) : null;
  // The status region speaks when there is something new to say: not "Looking up…", nor the same words again.
  if (leadId && view && status?.kind !== 'loading') said.current = `Lead ${leadId}: ${view.text}`;
  return (
    <>
      <div class="sr" role="status" aria-live="polite" aria-atomic="true">
        {said.current}
      </div>
      {leadId && status && view && (
        <div class={`badge side-${side}${open ? ' open' : ''}`} ref={root}>
          <BadgeLine
            leadId={leadId}
            view={view}
            age={age}
            open={open}
            onToggle={() => link.post({ type: open ? 'close' : 'open' })}
            onSetUp={() => background.openOptions()}
            onRetry={() => again()}
            post={(message) => link.post(message)}
          />
          {open && (
            <BadgePanel
              leadId={leadId}
              status={status}
              view={view}
              age={age}
              now={at}
              panelRef={panel}
              onClose={close}
              onHide={() => link.post({ type: 'hide' })}
              onRefresh={() => again(true)}
              onViewAll={() => background.openSearchTab(leadId)}
            />
          )}
        </div>
      )}
    </>
  );
}
