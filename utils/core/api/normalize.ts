import * as v from 'valibot';
import { isCalendarDate } from './calendar';
import { badResponse, errorFromBody, type ApiError } from './errors';
import { CLOSED_STAGES, type Callback, type CallbackRecipient, type CallbackStage, type SearchPage, type WallTime } from './model';
import { vocabularyKey } from './vocabulary';
import { browserTimeZone, canonicalTimeZone, zonedWallMs } from '../time/time-zone';

// Turns whatever the search endpoint answered into the model the UI trusts.
// docs/API.md: numbers arrive as numbers or strings, fields go missing or come
// extra, times come in two formats. One odd result must never cost the agent
// the rest of the page, so every field falls back on its own.

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// ---------------------------------------------------------------------------
// Pure helpers, exported for other readers of Convoso data.

const WALL_24H = /^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const WALL_12H = /^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap])\.?m\.?$/i;
/** `2015-01-29T14:09:57-0800`, `...-08:00`, `...Z`, with optional fractions of a second. */
const ISO_ZONED = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)$/i;
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * An ISO time with an offset, as the account's clock read it at that instant:
 * the rest of the extension deals in the account's wall-clock times only.
 */
function zonedToWall(m: RegExpExecArray, timeZone: string): WallTime | null {
  const [date, hour, minute, second, zone] = [m[1]!, Number(m[2]), Number(m[3]), Number(m[4] ?? 0), m[5]!];
  if (hour > 23 || minute > 59 || second > 59 || !isCalendarDate(date)) return null;
  let offsetMinutes = 0;
  if (zone.toUpperCase() !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const [oh, om] = [Number(digits.slice(0, 2)), Number(digits.slice(2) || 0)];
    if (oh > 18 || om > 59) return null;
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const instant = Date.UTC(y, mo - 1, d, hour, minute, second) - offsetMinutes * 60_000;
  const wall = new Date(zonedWallMs(instant, timeZone)).toISOString();
  return { local: wall.slice(0, 19) };
}

/**
 * `YYYY-MM-DD HH:mm:ss` or `YYYY-MM-DD hh:mm AM` to a zone-less wall time of the
 * account; an ISO time with an offset or `Z` is converted to the account's
 * clock (`timeZone`, default the browser's); null for empty, zero
 * (`0000-00-00 ...`) or impossible values.
 */
export function parseWallTime(value: unknown, timeZone?: string): WallTime | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  const zoned = ISO_ZONED.exec(text);
  if (zoned) return zonedToWall(zoned, (timeZone && canonicalTimeZone(timeZone)) || browserTimeZone());
  let date: string;
  let hour: number;
  let minute: number;
  let second: number;
  const h12 = WALL_12H.exec(text);
  const h24 = h12 ? null : WALL_24H.exec(text);
  if (h12) {
    const h = Number(h12[2]);
    if (h < 1 || h > 12) return null;
    const pm = h12[5]!.toLowerCase() === 'p';
    // 12 AM is midnight, 12 PM is noon.
    hour = (h % 12) + (pm ? 12 : 0);
    [date, minute, second] = [h12[1]!, Number(h12[3]), Number(h12[4] ?? 0)];
  } else if (h24) {
    [date, hour, minute, second] = [h24[1]!, Number(h24[2]), Number(h24[3]), Number(h24[4] ?? 0)];
    if (hour > 23) return null;
  } else {
    return null;
  }
  if (minute > 59 || second > 59 || !isCalendarDate(date)) return null;
  return { local: `${date}T${pad(hour)}:${pad(minute)}:${pad(second)}` };
}

const STAGE_WORDS: Readonly<Record<string, Exclude<CallbackStage, 'unknown'>>> = {
  pending: 'pending',
  live: 'pending',
  pastdue: 'past_due',
  completed: 'completed',
  complete: 'completed',
  done: 'completed',
  dismissed: 'dismissed',
  missed: 'missed',
  new: 'new',
};

export const STAGE_LABELS: Readonly<Record<Exclude<CallbackStage, 'unknown'>, string>> = {
  pending: 'Pending',
  past_due: 'Past due',
  completed: 'Completed',
  dismissed: 'Dismissed',
  missed: 'Missed',
  new: 'New',
};

/**
 * A result's stage from its `stage` and `class`. A finished callback stays
 * finished whatever the UI hint says; otherwise `class: past_due` is the more
 * urgent truth (a "New" callback whose time has passed is past due).
 */
export function normalizeStage(stage: unknown, cls?: unknown): { stage: CallbackStage; stageLabel: string } {
  const fromStage = STAGE_WORDS[vocabularyKey(stage)];
  const fromClass = STAGE_WORDS[vocabularyKey(cls)];
  let result: CallbackStage | undefined;
  if (fromStage && CLOSED_STAGES.has(fromStage)) result = fromStage;
  else if (fromClass === 'past_due') result = 'past_due';
  else result = fromStage ?? fromClass;
  if (result) return { stage: result, stageLabel: STAGE_LABELS[result] };
  const word = typeof stage === 'string' || typeof stage === 'number' ? String(stage).trim() : '';
  return { stage: 'unknown', stageLabel: word };
}

const RECIPIENT_WORDS: Readonly<Record<string, Exclude<CallbackRecipient, 'unknown'>>> = {
  useronly: 'personal',
  personal: 'personal',
  user: 'personal',
  system: 'system',
};

/** `USERONLY` / `personal` / `user` are an agent's own callbacks; `system` goes to anyone. */
export function normalizeRecipient(value: unknown): { recipient: CallbackRecipient; recipientLabel: string } {
  const recipient = RECIPIENT_WORDS[vocabularyKey(value)];
  if (recipient) return { recipient, recipientLabel: recipient === 'personal' ? 'Personal' : 'System' };
  const word = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
  return { recipient: 'unknown', recipientLabel: word };
}

// ---------------------------------------------------------------------------
// Schemas: each field reads what it can and falls back on its own.

/** Any scalar as trimmed text; ids stay strings ("0042" is not 42). */
const Text = v.fallback(
  v.pipe(
    v.union([v.string(), v.pipe(v.number(), v.finite()), v.boolean()]),
    v.transform((x) => String(x).trim()),
  ),
  '',
);

/** A raw time field; read in normalizeCallback with the account's zone. */
const Time = v.unknown();

/** A count as a number or digits; undefined when unreadable, so the caller picks a default. */
const Count = v.fallback(
  v.optional(
    v.pipe(
      v.union([v.pipe(v.number(), v.integer()), v.pipe(v.string(), v.trim(), v.regex(/^\d{1,12}$/), v.transform(Number))]),
      v.minValue(0),
    ),
  ),
  undefined,
);

const ResultSchema = v.object({
  id: Text,
  lead_id: Text,
  list_id: Text,
  campaign_id: Text,
  user: Text,
  user_id: Text,
  status: Text,
  status_name: Text,
  user_name: Text,
  campaign_name: Text,
  campaign_type: Text,
  directory_name: Text,
  comments: Text,
  context: Text,
  stage: Text,
  class: Text,
  recipient: Text,
  callback_time: Time,
  created_at: Time,
  modified_at: Time,
  callback_seen: Time,
});

const PageSchema = v.object({
  offset: Count,
  limit: Count,
  total: Count,
  // PHP backends send an empty list as [] and sometimes a list as {"0": ...}.
  results: v.fallback(
    v.union([v.array(v.unknown()), v.pipe(v.record(v.string(), v.unknown()), v.transform((o) => Object.values(o)))]),
    [],
  ),
});

const DIGITS = /^\d+$/;

/** One result, however incomplete; never throws. ISO times with an offset are read in the browser's zone. */
export function normalizeCallback(raw: Record<string, unknown>): Callback {
  return readCallback(raw);
}

/** normalizeCallback, with ISO times with an offset converted to the account's zone `timeZone`. */
export function readCallback(raw: Record<string, unknown>, timeZone?: string): Callback {
  // Missing keys are filled in first: valibot reports a missing key before any fallback runs.
  const filled: Record<string, unknown> = {};
  for (const key of Object.keys(ResultSchema.entries)) filled[key] = raw[key];
  const r = v.parse(ResultSchema, filled);
  return {
    id: r.id,
    leadId: r.lead_id,
    listId: r.list_id,
    campaignId: r.campaign_id,
    // `user` holds an id on some accounts and a name on others: only digits are an id.
    userId: DIGITS.test(r.user) ? r.user : DIGITS.test(r.user_id) ? r.user_id : '',
    ...normalizeStage(r.stage, r.class),
    ...normalizeRecipient(r.recipient),
    callbackTime: parseWallTime(r.callback_time, timeZone),
    createdAt: parseWallTime(r.created_at, timeZone),
    modifiedAt: parseWallTime(r.modified_at, timeZone),
    seenAt: parseWallTime(r.callback_seen, timeZone),
    status: r.status,
    statusName: r.status_name,
    userName: r.user_name || (r.user && !DIGITS.test(r.user) ? r.user : ''),
    campaignName: r.campaign_name,
    campaignType: r.campaign_type,
    directoryName: r.directory_name,
    comments: r.comments,
    context: r.context,
    raw: { ...raw },
  };
}

const truthy = (value: unknown) => value === true || value === 1 || value === 'true' || value === '1';
const falsy = (value: unknown) => value === false || value === 0 || value === 'false' || value === '0';

export type NormalizeResult = { ok: true; page: SearchPage } | { ok: false; error: ApiError };

/**
 * A parsed 200 body to a page or an error. `requested` fills in offset/limit when
 * the answer leaves them out; `token` keeps any echoed token out of error text;
 * `timeZone` is the account's, for ISO times with an offset. Read: the envelope
 * `{success, data: {...}}` and the bare page `{offset, limit, total, results}`
 * one SDK documents.
 */
export function normalizeResponse(
  json: unknown,
  requested: { offset?: number; limit?: number } = {},
  token = '',
  timeZone?: string,
): NormalizeResult {
  if (!isRecord(json)) return { ok: false, error: badResponse(200, safeStringify(json), token) };
  const { success } = json;
  const hasErrorFields = 'error' in json || 'code' in json;
  if (falsy(success) || (success === undefined && hasErrorFields && !isRecord(json.data))) {
    return { ok: false, error: errorFromBody(json, token) };
  }
  const bare = success === undefined && !('data' in json) && 'results' in json;
  let data = bare ? json : json.data;
  if (!isRecord(data)) {
    const emptyData = data == null || (Array.isArray(data) && data.length === 0);
    if (!(truthy(success) && emptyData)) return { ok: false, error: badResponse(200, safeStringify(json), token) };
    data = {};
  }
  const record = data as Record<string, unknown>;
  const page = v.parse(PageSchema, {
    offset: record.offset,
    limit: record.limit,
    total: record.total,
    results: record.results,
  });
  const results = page.results.filter(isRecord).map((r) => readCallback(r, timeZone));
  const offset = page.offset ?? requested.offset ?? 0;
  const limit = page.limit ?? requested.limit ?? results.length;
  // No usable total and a full page: there may be more. Say "at least" and let the pager go on.
  const atLeast = page.total === undefined && results.length > 0 && results.length >= limit;
  return {
    ok: true,
    page: {
      offset,
      limit,
      // Never claim fewer than we hold, so a pager can still reach what it was given.
      total: results.length > 0 ? Math.max(page.total ?? 0, offset + results.length) : (page.total ?? 0),
      results,
      ...(atLeast && { totalAtLeast: true as const }),
    },
  };
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
