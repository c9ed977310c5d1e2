import * as v from 'valibot';
import { LIMIT_MAX } from '../core/api/vocabulary';
import { LEAD_ID } from '../core/lead/lead-id';
import { canonicalTimeZone } from '../core/time/time-zone';

import { DEFAULT_BASE_URL } from '../core/api/client';

export { DEFAULT_BASE_URL };

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** `https` is required; plain `http` only for a server on this computer. */
export function baseUrlProblem(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'Enter a full address, like https://api.convoso.com/v1.';
  }
  if (url.username || url.password) return 'The API address must not contain a user name or password.';
  if (url.search || url.hash) return 'The API address must not contain a query (?…) or a fragment (#…).';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return null;
  return 'The API address must start with https:// (plain http is allowed only for localhost).';
}

/** Trailing slashes dropped so `${base}/callbacks/search` is always one slash. */
export const BaseUrlSchema = v.pipe(
  v.string(),
  v.trim(),
  v.check((s) => baseUrlProblem(s) === null, (issue) => baseUrlProblem(String(issue.input)) ?? 'Invalid API address.'),
  v.transform((s) => s.replace(/\/+$/, '')),
);

export const TokenSchema = v.pipe(
  v.string(),
  v.trim(),
  v.nonEmpty('Enter the API token.'),
  v.maxLength(500, 'That token is too long to be a Convoso API token.'),
  v.regex(/^[^\s]+$/, 'An API token has no spaces in it.'),
);

export const TokenStorageSchema = v.picklist(['local', 'session']);
export type TokenStorage = v.InferOutput<typeof TokenStorageSchema>;

export const MethodSchema = v.picklist(['GET', 'POST'], 'The request method must be GET or POST.');
export type RequestMethod = v.InferOutput<typeof MethodSchema>;

const PAGE_SIZE_MESSAGE = `The page size must be a whole number from 1 to ${LIMIT_MAX}.`;
export const PageSizeSchema = v.pipe(
  v.number(PAGE_SIZE_MESSAGE),
  v.integer(PAGE_SIZE_MESSAGE),
  v.minValue(1, PAGE_SIZE_MESSAGE),
  v.maxValue(LIMIT_MAX, PAGE_SIZE_MESSAGE),
);

/** The agent's own Convoso user ID, for "my callbacks"; empty when not set. */
export const UserIdSchema = v.union([v.literal(''), v.pipe(v.string(), v.trim(), v.regex(LEAD_ID, 'A user ID is a positive whole number.'))]);

/** How long one request may take before it is reported as timed out. */
const TIMEOUT_MESSAGE = 'The request timeout must be a whole number of milliseconds from 1000 to 120000.';
export const TimeoutSchema = v.pipe(
  v.number(TIMEOUT_MESSAGE),
  v.integer(TIMEOUT_MESSAGE),
  v.minValue(1000, TIMEOUT_MESSAGE),
  v.maxValue(120_000, TIMEOUT_MESSAGE),
);

/**
 * The Convoso account's IANA time zone ("America/Los_Angeles"), in which Convoso
 * writes every time; '' means "the browser's zone". Stored in its canonical spelling.
 */
const TIME_ZONE_MESSAGE = 'Choose a time zone from the list, like America/Los_Angeles.';
export const TimeZoneSchema = v.pipe(
  v.string(TIME_ZONE_MESSAGE),
  v.trim(),
  v.check((s) => s === '' || canonicalTimeZone(s) !== null, TIME_ZONE_MESSAGE),
  v.transform((s) => (s === '' ? '' : canonicalTimeZone(s)!)),
);
