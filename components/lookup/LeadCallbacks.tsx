import { StageChip } from '../core/StageChip';
import type { Zones } from '../../utils/core/time/time-zone';
import type { BadgeCallback } from '../../utils/lookup/lookup-messages';
import { whenOf } from '../../utils/core/format/when';

function LeadCallback({ callback, now, zones }: { callback: BadgeCallback; now: Date; zones?: Zones }) {
  // "3 d overdue" for work still to do; a finished callback was simply "3 d ago".
  const when = whenOf(callback, now, undefined, zones);
  // API text sits in <bdi>, and the comment decides its own direction: a
  // right-to-left override in a name must not reverse the rest of the line.
  return (
    <li class={callback.overdue ? 'over' : undefined}>
      <div class="when">
        <StageChip stage={callback.stage} label={callback.stageLabel} />
        {callback.overdue && callback.stage !== 'past_due' && <span class="late">past due</span>}
        <span>{when.absolute || 'No time set'}</span>
        {when.relative && <span class="rel">{when.relative}</span>}
      </div>
      {(callback.userName || callback.campaignName) && (
        <div class="meta">
          {callback.userName && (
            <>
              Agent: <bdi>{callback.userName}</bdi>
            </>
          )}
          {callback.userName && callback.campaignName && ' · '}
          {callback.campaignName && (
            <>
              Campaign: <bdi>{callback.campaignName}</bdi>
            </>
          )}
        </div>
      )}
      {callback.comments && (
        <div class="cm" dir="auto">
          {callback.comments}
        </div>
      )}
    </li>
  );
}

/** The panel's list; `zones`: the summary's (summaryZones), so times read in the account's zone. */
export function LeadCallbacks({ callbacks, now, zones }: { callbacks: readonly BadgeCallback[]; now: Date; zones?: Zones }) {
  return (
    <ul aria-label="Callbacks">
      {callbacks.map((callback) => (
        <LeadCallback key={callback.id} callback={callback} now={now} zones={zones} />
      ))}
    </ul>
  );
}
