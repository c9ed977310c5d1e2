import * as v from 'valibot';
import { defineSetting } from '../core/storage/setting';
import { STORAGE_KEYS } from '../core/storage/storage-keys';

// The agent's saved searches, as stored: a name and the tab view's query string each.

export const SAVED_SEARCHES_MAX = 50;
/** A saved search: its name and its filters as the tab view's query string (`stage=PENDING&user_id=7`). */
export const SavedSearchSchema = v.strictObject({
  name: v.pipe(v.string(), v.trim(), v.nonEmpty('Give the search a name.'), v.maxLength(80, 'A name has at most 80 characters.')),
  query: v.pipe(v.string(), v.maxLength(4000)),
});
export type SavedSearch = v.InferOutput<typeof SavedSearchSchema>;
export const SavedSearchesSchema = v.pipe(
  v.array(SavedSearchSchema),
  v.maxLength(SAVED_SEARCHES_MAX, `At most ${SAVED_SEARCHES_MAX} saved searches.`),
);
export const savedSearchesSetting = defineSetting(STORAGE_KEYS.savedSearches, 'Saved searches', SavedSearchesSchema, []);
