import * as v from 'valibot';
import { CALLBACK_STAGES } from '../../core/api/model';
import { CLOCK_SPAN_MS } from '../../core/time/clock-offset';
import type { Same } from '../../core/storage/schema-matches';
import { LeadIdSchema, type LeadSummary } from '../lookup-messages';

// The lead cache as stored in storage.session between service worker lives,
// read back through these schemas: storage may hold another version's shape.

const text = v.pipe(v.string(), v.maxLength(2000));
const WallTimeSchema = v.object({ local: v.pipe(v.string(), v.maxLength(40)) });
const count = v.pipe(v.number(), v.integer(), v.minValue(0));

export const LeadSummarySchema = v.object({
  leadId: LeadIdSchema,
  total: count,
  totalAtLeast: v.optional(v.literal(true)),
  shown: count,
  urgency: v.picklist(['past_due', 'due_soon', 'upcoming', 'none', 'empty']),
  next: v.nullable(WallTimeSchema),
  overdue: count,
  callbacks: v.pipe(
    v.array(
      v.object({
        id: text,
        callbackTime: v.nullable(WallTimeSchema),
        stage: v.picklist(CALLBACK_STAGES),
        stageLabel: text,
        userName: text,
        campaignName: text,
        comments: text,
        overdue: v.boolean(),
      }),
    ),
    v.maxLength(100),
  ),
  timeZone: v.optional(v.pipe(v.string(), v.maxLength(64))),
  clock: v.optional(
    v.pipe(
      v.object({
        // UTC offsets run from -12 h to +14 h.
        offsetMs: v.pipe(v.number(), v.integer(), v.minValue(-15 * 3_600_000), v.maxValue(15 * 3_600_000)),
        from: v.pipe(v.number(), v.finite()),
        until: v.pipe(v.number(), v.finite()),
        // "PT", "GMT+5:30": what zoneAbbreviation writes.
        nextLabel: v.pipe(v.string(), v.maxLength(16), v.regex(/^[\p{L}\p{N}+\-:]*$/u)),
        labelAt: v.pipe(v.number(), v.finite()),
        labelOffset: v.pipe(v.number(), v.integer(), v.minValue(-15 * 60), v.maxValue(15 * 60)),
      }),
      v.check((c) => c.from < c.until && c.until - c.from <= CLOCK_SPAN_MS, 'a clock holds for at most two days'),
    ),
  ),
});

// If lookup-messages.ts changes LeadSummary, this line stops compiling until the schema follows.
const schemaMatchesType: Same<v.InferOutput<typeof LeadSummarySchema>, LeadSummary> = true;
void schemaMatchesType;

/** A summary and when Convoso answered it (epoch ms). */
export interface CachedLead {
  at: number;
  summary: LeadSummary;
}

const PersistedEntrySchema = v.object({
  at: v.pipe(v.number(), v.finite(), v.minValue(0)),
  summary: LeadSummarySchema,
});

const PersistedCacheSchema = v.object({
  version: v.literal(1),
  entries: v.record(LeadIdSchema, v.unknown()),
});

export interface PersistedCache {
  version: 1;
  /** Entries never asked for since they were read back are written back unchecked. */
  entries: Record<string, unknown>;
}

/**
 * The stored entries, still unchecked, in their stored (age) order. Only the
 * outer shape and the keys are checked here: a worker that was stopped answers
 * its first lookup without first validating every summary it ever cached.
 * A wrong outer shape drops everything.
 */
export function readPersistedEntries(value: unknown): Map<string, unknown> {
  const outer = v.safeParse(PersistedCacheSchema, value);
  return outer.success ? new Map(Object.entries(outer.output.entries)) : new Map();
}

/**
 * One stored entry, checked when it is first asked for. A bad entry is null
 * (dropped by the caller); so is an entry "from the future" (the clock went
 * back), as its age cannot be known, and one filed under another lead.
 */
export function parsePersistedEntry(leadId: string, raw: unknown, now: number): CachedLead | null {
  const entry = v.safeParse(PersistedEntrySchema, raw);
  if (!entry.success || entry.output.at > now) return null;
  if (entry.output.summary.leadId !== leadId) return null;
  return { at: entry.output.at, summary: entry.output.summary };
}
