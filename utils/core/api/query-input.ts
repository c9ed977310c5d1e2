import * as v from 'valibot';
import { FILTER_FIELDS, type FilterField } from './vocabulary';

/**
 * What a form (or a message) hands to the client before validation: every filter
 * as the text the user typed, offset and limit as numbers or digits.
 * Strict validation is query.ts's job; this only bounds the shape and size so a
 * malformed message is refused before anything looks at it.
 */
const text = v.optional(v.pipe(v.string(), v.maxLength(500)));

export const SearchQueryInputSchema = v.strictObject({
  ...(Object.fromEntries(FILTER_FIELDS.map((f) => [f, text])) as Record<FilterField, typeof text>),
  offset: v.optional(v.union([v.number(), v.pipe(v.string(), v.maxLength(20))])),
  limit: v.optional(v.union([v.number(), v.pipe(v.string(), v.maxLength(20))])),
});

export type SearchQueryInput = v.InferOutput<typeof SearchQueryInputSchema>;
