import { OFFSET_MAX } from '../core/api/vocabulary';
import type { SearchPage } from '../core/api/model';

// The numbers around a result page, as people read them (the platform's Intl).

const formatCount = (n: number, locale?: string) => n.toLocaleString(locale);

/** "12,250 callbacks", "1 callback". */
export const callbacksText = (total: number, locale?: string) => `${formatCount(total, locale)} ${total === 1 ? 'callback' : 'callbacks'}`;

type PageShape = Pick<SearchPage, 'offset' | 'limit' | 'total' | 'totalAtLeast'> & { results: readonly unknown[] };

/** "1,234 callbacks", or "At least 40 callbacks" when Convoso gave no usable total and the page was full. */
export function totalText(page: PageShape, locale?: string): string {
  const text = callbacksText(page.total, locale);
  return page.totalAtLeast ? `At least ${text}` : text;
}


/** "21–40": the positions shown, 1-based; empty when nothing is shown. */
export function rangeText(page: PageShape, locale?: string): string {
  const count = page.results.length;
  if (count === 0) return '';
  const first = page.offset + 1;
  const last = page.offset + count;
  return first === last ? formatCount(first, locale) : `${formatCount(first, locale)}–${formatCount(last, locale)}`;
}

const pageSize = (page: PageShape) => Math.max(1, page.limit || page.results.length || 1);

/** "Page 2 of 613"; "Page 2" when the number of pages is unknown. */
export function pageIndicator(page: PageShape, locale?: string): string {
  const size = pageSize(page);
  const current = Math.floor(page.offset / size) + 1;
  if (page.totalAtLeast) return `Page ${formatCount(current, locale)}`;
  const pages = Math.max(current, Math.ceil(page.total / size));
  return `Page ${formatCount(current, locale)} of ${formatCount(pages, locale)}`;
}

export function previousOffset(page: PageShape): number | null {
  return page.offset > 0 ? Math.max(0, page.offset - pageSize(page)) : null;
}

/** Null on the last page, and past the offset Convoso accepts. Without a total, a full page may have a next one. */
export function nextOffset(page: PageShape): number | null {
  const next = page.offset + pageSize(page);
  return (next < page.total || page.totalAtLeast === true) && next <= OFFSET_MAX ? next : null;
}
