import type { SearchPage } from '../../utils/core/api/model';
import { nextOffset, pageIndicator, previousOffset } from '../../utils/search/page-text';

export type PagerPlace = 'top' | 'bottom';

/**
 * Previous / Next, above the list and below it. aria-disabled, not disabled:
 * reaching the last page with the keyboard must not throw focus to the top of
 * the document.
 */
export function Pager(props: { page: SearchPage; place: PagerPlace; locale: string; onGo(offset: number, from: PagerPlace, which: 'previous' | 'next'): void }) {
  const { page } = props;
  const previous = previousOffset(page);
  const next = nextOffset(page);
  if (previous === null && next === null) return null;
  const go = (offset: number | null, which: 'previous' | 'next') => offset !== null && props.onGo(offset, props.place, which);
  return (
    <nav class={`pager pager--${props.place}`} aria-label={props.place === 'top' ? 'Pages' : 'Pages, end of list'}>
      <button type="button" data-pager="previous" aria-disabled={previous === null ? 'true' : undefined} onClick={() => go(previous, 'previous')}>
        Previous page
      </button>
      <span class="page-indicator">{pageIndicator(page, props.locale)}</span>
      <button type="button" data-pager="next" aria-disabled={next === null ? 'true' : undefined} onClick={() => go(next, 'next')}>
        Next page
      </button>
    </nav>
  );
}
