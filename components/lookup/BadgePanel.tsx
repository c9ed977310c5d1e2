import type { Ref } from 'preact';
import { LeadCallbacks } from './LeadCallbacks';
import type { BadgeStatus, BadgeView } from './status';
import { summaryZones } from './summary-text';

export interface BadgePanelProps {
  leadId: string;
  status: BadgeStatus;
  view: BadgeView;
  age: string | null;
  now: Date;
  panelRef: Ref<HTMLDivElement>;
  onClose(): void;
  onHide(): void;
  onRefresh(): void;
  onViewAll(): void;
}

/** What the panel says above its list (or instead of it). */
function Message({ status, view }: { status: BadgeStatus; view: BadgeView }) {
  if (status.kind === 'loading') return <p class="msg">Looking up callbacks…</p>;
  if (status.kind === 'error') return <p class="msg">{status.error.message}</p>;
  if (status.summary.callbacks.length === 0) return <p class="msg">No callbacks for this lead.</p>;
  return <p class="msg">{view.text}</p>;
}

/**
 * The open badge: the lead's callbacks, most urgent first, with Refresh, Hide
 * and View all always in view (the list scrolls between them). The panel has
 * the frame's fixed size, however long the list.
 */
export function BadgePanel({ leadId, status, view, age, now, panelRef, onClose, onHide, onRefresh, onViewAll }: BadgePanelProps) {
  const summary = status.kind === 'ready' ? status.summary : null;
  return (
    <div class="panel" role="dialog" aria-label={`Callbacks for lead ${leadId}`} tabIndex={-1} ref={panelRef}>
      <div class="head">
        <h2>
          <img class="logo" src="/icon/32.png" alt="" width={16} height={16} />
          {`Convoso · Lead ${leadId}`}
        </h2>
        <button type="button" class="x" aria-label="Close" onClick={onClose}>
          ✕
        </button>
      </div>
      {/* Focusable, so the list scrolls with the keyboard too. */}
      <div class="body" tabIndex={0} role="region" aria-label={`Lead ${leadId}'s callbacks`}>
        <Message status={status} view={view} />
        {age && <p class="msg age">{`${age[0]!.toUpperCase()}${age.slice(1)}.`}</p>}
        {summary && summary.callbacks.length > 0 && <LeadCallbacks callbacks={summary.callbacks} now={now} zones={summaryZones(summary)} />}
        {summary && summary.total > summary.callbacks.length && (
          <p class="msg">
            Showing {summary.callbacks.length} of {summary.total}.
          </p>
        )}
      </div>
      <div class="foot">
        <button type="button" onClick={onHide}>
          Hide on this page
        </button>
        <button type="button" onClick={onRefresh}>
          Refresh
        </button>
        <button type="button" class="primary" onClick={onViewAll}>
          View all
        </button>
      </div>
    </div>
  );
}
