import * as v from 'valibot';
import type { SearchPage } from '../core/api/model';
import { SearchQueryInputSchema } from '../core/api/query-input';
import { defineMessage } from '../core/messaging/define-message';
import type { Reply } from '../core/messaging/replies';

/**
 * Why a search is asked for, beside a person looking at its answer (no purpose):
 * `export`, the pages of a CSV export; `sort`, the pages fetched to sort every
 * match. Both are bulk traffic for the gate (CONTRACTS §3).
 */
export const SEARCH_PURPOSES = ['export', 'sort'] as const;
export type SearchPurpose = (typeof SEARCH_PURPOSES)[number];

/** A search from the popup or the tab view. */
export const search = defineMessage<Reply<{ page: SearchPage }>>()('search', 'extension', {
  query: SearchQueryInputSchema,
  purpose: v.optional(v.picklist(SEARCH_PURPOSES)),
});

/**
 * Cancel: the sender page's search in flight (its own searches and sort pages),
 * or with `purpose: 'export'` its export's page, is aborted at once, also while
 * it waits in the gate.
 */
export const cancelSearch = defineMessage<Reply<{ cancelled: number }>>()('cancel-search', 'extension', {
  purpose: v.optional(v.literal('export')),
});
