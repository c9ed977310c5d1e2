// One rule for what counts as a lead id, shared by every detector. It is the same
// rule as the messaging protocol's LeadIdSchema, so whatever a detector finds can
// be sent to the background without being refused there.

const LEAD_ID = /^[1-9]\d{0,17}$/;

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
