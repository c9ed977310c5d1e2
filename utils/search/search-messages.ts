import * as v from 'valibot';
import type { SearchPage } from '../core/api/model';
import { SearchQueryInputSchema } from '../core/api/query-input';
import { defineMessage } from '../core/messaging/define-message';
import type { Reply } from '../core/messaging/replies';

/** A search from the popup or the tab view. */
export const search = defineMessage<Reply<{ page: SearchPage }>>()('search', 'extension', {
  query: SearchQueryInputSchema,
  /** An export's pages: they neither cancel nor are cancelled by the page's own searches. */
  purpose: v.optional(v.literal('export')),
});
