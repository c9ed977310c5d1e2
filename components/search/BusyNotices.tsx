import type { FetchProgress } from '../../utils/search/fetch-all';
import { pauseText } from '../../utils/search/traffic-pause';
import type { SortKey } from '../../utils/search/sort';
import { SORT_LABELS } from '../../utils/search/sort';

/**
 * Convoso asked the extension to slow down: the background's gate tries again by
 * itself at that time (this page keeps no retry loop of its own). Cancel drops
 * the search waiting there.
 */
export function PauseNotice(props: { until: number; locale: string; waiting: boolean; onCancel(): void }) {
  return (
    <div class="pause-notice" aria-live="polite">
      <p>{props.waiting ? `${pauseText(props.until, props.locale)}.` : `${pauseText(props.until, props.locale)}: searches wait until then.`}</p>
      {props.waiting && (
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      )}
    </div>
  );
}

/** Fetching every match to sort them together: how far, and Cancel. */
export function SortProgress(props: { sort: SortKey; progress: FetchProgress; locale: string; onCancel(): void }) {
  const { fetched, expected } = props.progress;
  const n = (x: number) => x.toLocaleString(props.locale);
  const label = expected === null ? `${n(fetched)} callbacks fetched` : `${n(fetched)} of ${n(expected)} callbacks fetched`;
  return (
    <div class="sort-progress">
      <label>
        Sorting every match by “{SORT_LABELS[props.sort]}”: {label}
        <progress max={expected ?? undefined} value={expected === null ? undefined : fetched} />
      </label>
      <button type="button" onClick={props.onCancel}>
        Cancel sort
      </button>
    </div>
  );
}
