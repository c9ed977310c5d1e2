// One rule for what counts as a lead id, shared by every detector and by the
// messaging protocol's LeadIdSchema (and the settings' UserIdSchema, same shape),
// so whatever a detector finds can be sent to the background without being
// refused there. No valibot here: the content script carries none.

/** A lead (or user) id: 1 to 18 digits, no leading zero (fits a signed 64-bit integer). */
export const LEAD_ID = /^[1-9]\d{0,17}$/;
/** A lead-summaries request carries at most this many ids. */
export const MAX_LEAD_IDS = 200;

/**
 * The lead id in `raw`, or null. Surrounding whitespace is ignored; zero, signs,
 * decimals, leading zeros, trailing junk (`12abc`) and more than 18 digits are not
 * ids (leading zeros are refused rather than stripped: "0012" is more often a
 * phone fragment or a code than a Convoso lead id).
 */
export function parseLeadId(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null;
  const text = raw.trim();
  return LEAD_ID.test(text) ? text : null;
}
