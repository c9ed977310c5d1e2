import { CLOSED_STAGES, type Callback } from '../api/model';
import { formatWallTime, relativeTime } from '../time/format-time';
import type { Zones } from '../time/time-zone';
import { msUntil, wallTimeMs } from '../time/wall-clock';


export interface When {
  /** "Jun 3, 2025, 3:00 PM", or '' without a time. */
  absolute: string;
  /** "in 2 h", "3 d overdue", "3 d ago" (finished), "now", or ''. */
  relative: string;
  overdue: boolean;
}

/**
 * A callback's scheduled time as the results show it: written as Convoso wrote
 * it (labelled with the account's zone when the browser's differs), compared
 * with `now` in the account's zone.
 */
export function whenOf(callback: Pick<Callback, 'callbackTime' | 'stage'>, now: Date, locale?: string, zones?: Zones): When {
  const t = callback.callbackTime;
  if (!t) return { absolute: '', relative: '', overdue: false };
  const ms = wallTimeMs(t);
  const past = ms !== null && msUntil(ms, now, zones) < 0;
  // A closed callback's past time is history, not a debt.
  const finished = CLOSED_STAGES.has(callback.stage);
  const relative = relativeTime(t, now, zones);
  return {
    absolute: formatWallTime(t, locale, zones),
    relative: finished ? relative.replace(/ overdue$/, ' ago') : relative,
    overdue: past && !finished && relative !== 'now',
  };
}
