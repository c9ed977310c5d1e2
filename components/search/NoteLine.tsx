import { droppedText } from '../../utils/search/lead-lookup';
import type { Note } from '../../utils/search/search-state';
import { SORT_LABELS, type SortKey } from '../../utils/search/sort';

/** What just happened that the list alone does not say: filters a lead lookup left out, a cancelled request. */
export function NoteLine(props: { note: Note | null; sort: SortKey; onAddBack(): void }) {
  const { note } = props;
  if (!note) return null;
  if (note.kind === 'cancelled') {
    return (
      <p class="note" aria-live="polite">
        {note.what === 'sort' ? `Sort cancelled: the list stays “${SORT_LABELS[props.sort]}”.` : 'Search cancelled.'}
      </p>
    );
  }
  const lead = note.filters.lead_id;
  return (
    <p class="note" aria-live="polite">
      Searched the lead alone{lead ? ` (${lead})` : ''}: left out {droppedText(note.filters)} from your last search.{' '}
      <button type="button" class="link-button" onClick={props.onAddBack}>
        Add them back
      </button>
    </p>
  );
}
