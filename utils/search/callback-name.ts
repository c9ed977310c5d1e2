import type { Callback } from '../core/api/model';
import { formatWallTime } from '../core/time/format-time';

/**
 * How a screen reader tells one callback from the others on the page, for
 * buttons that repeat on every row ("Show all", "All fields"): its ID, or,
 * when the API sent none, its lead and time.
 */
export function callbackName(callback: Pick<Callback, 'id' | 'leadId' | 'callbackTime'>, locale?: string): string {
  if (callback.id) return `callback ${callback.id}`;
  const time = callback.callbackTime ? formatWallTime(callback.callbackTime, locale) : '';
  if (callback.leadId && time) return `the callback for lead ${callback.leadId} at ${time}`;
  if (callback.leadId) return `the callback for lead ${callback.leadId}`;
  if (time) return `the callback at ${time}`;
  return 'a callback without an ID';
}
