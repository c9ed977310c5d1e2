import * as v from 'valibot';
import type { PolicyValues } from '../core/storage/managed';
import { BaseUrlSchema, MethodSchema, TimeZoneSchema, type RequestMethod } from './schemas';
import { baseUrlSetting, methodSetting, timeZoneSetting } from './settings';

// The connection's policy keys (public/managed_schema.json): the API address, the
// request method and the account's time zone. Checked as the options form checks
// them; each is shown locked in the options once set.

export interface ConnectionPolicy {
  baseUrl?: string;
  method?: RequestMethod;
  /** The Convoso account's IANA time zone, canonical. */
  timeZone?: string;
  /** Policy values that were invalid and ignored, in words for the options page. */
  problems: string[];
}

export function parseConnectionPolicy(values: PolicyValues): ConnectionPolicy {
  const policy: ConnectionPolicy = { problems: [] };
  if (values.apiBaseUrl !== undefined) {
    const parsed = v.safeParse(BaseUrlSchema, values.apiBaseUrl);
    if (parsed.success) policy.baseUrl = parsed.output;
    else policy.problems.push(`Policy apiBaseUrl ignored: ${parsed.issues[0].message}`);
  }
  if (values.requestMethod !== undefined) {
    const parsed = v.safeParse(MethodSchema, values.requestMethod);
    if (parsed.success) policy.method = parsed.output;
    else policy.problems.push('Policy requestMethod ignored: it must be GET or POST.');
  }
  if (values.timeZone !== undefined) {
    const parsed = v.safeParse(TimeZoneSchema, values.timeZone);
    if (parsed.success && parsed.output !== '') policy.timeZone = parsed.output;
    else policy.problems.push('Policy timeZone ignored: it must be an IANA time zone such as America/Los_Angeles.');
  }
  return policy;
}

/** The background's part of applying the policy: its values over the user's, even unreadable ones (the policy decides). */
export async function applyConnectionPolicy(values: PolicyValues): Promise<void> {
  const policy = parseConnectionPolicy(values);
  const pairs = [
    [baseUrlSetting, policy.baseUrl],
    [methodSetting, policy.method],
    [timeZoneSetting, policy.timeZone],
  ] as const;
  for (const [setting, value] of pairs) {
    if (value === undefined) continue;
    const current = await setting.get();
    if (current.problem || current.value !== value) await setting.set(value, { replace: true });
  }
}
