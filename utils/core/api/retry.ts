import type { ApiError } from './errors';

// Which answers are worth asking again (the traffic gate in utils/core/gateway
// asks; the client never does). Deliberately narrower than RETRYABLE_KINDS
// (which decides whether the UI offers a Retry button):
// - 429, 502, 503, 504 and dropped connections are passing conditions.
// - 500 is usually a bug on the server for this very request: it is asked
//   once more (both public SDKs do), and it does not pause the host.
// - Other 4xx and `success:false` will fail the same way every time.
// - A timeout is not retried: the user has already waited the whole timeout
//   (20 s by default), and three of them would be a minute of spinner. The
//   UI's Retry button covers it.

export const RETRY_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

export function isRetryable(errorOrStatus: ApiError | number): boolean {
  if (typeof errorOrStatus === 'number') return RETRY_STATUSES.has(errorOrStatus);
  switch (errorOrStatus.kind) {
    case 'network':
      return true;
    case 'rate-limited':
    case 'server':
      return RETRY_STATUSES.has(errorOrStatus.status);
    default:
      return false;
  }
}

/** Convoso's Retry-After is honoured up to this long (the gate's longest pause). */
export const RETRY_AFTER_CAP_MS = 5 * 60_000;

/**
 * `Retry-After` as milliseconds to wait: delta-seconds or an HTTP date.
 * Capped so a misbehaving server can't park the extension for a day; never
 * negative; undefined when absent or unreadable (the gate then backs off).
 */
export function parseRetryAfter(header: string | null | undefined, nowMs: number, capMs = RETRY_AFTER_CAP_MS): number | undefined {
  if (header == null) return undefined;
  const value = header.trim();
  if (!value) return undefined;
  let ms: number;
  if (/^\d+(\.\d+)?$/.test(value)) {
    ms = Number(value) * 1000;
  } else if (/^[+-]?\d/.test(value)) {
    // "-5", "1e3", "3s": not delta-seconds, and Date.parse would read some as years.
    return undefined;
  } else {
    const at = Date.parse(value);
    if (Number.isNaN(at)) return undefined;
    ms = at - nowMs;
  }
  if (!Number.isFinite(ms)) return capMs;
  return Math.min(capMs, Math.max(0, Math.round(ms)));
}

export type Jitter = 'full' | 'equal';

/**
 * Delay before retry number `attempt` (0 for the first retry): exponential, capped,
 * jittered so many popups hitting the same 503 don't come back in step.
 * Equal jitter (the default) keeps at least half the step, so a retry never fires
 * immediately at a server that just said it is overloaded.
 */
export function backoffDelay(
  attempt: number,
  random: () => number,
  baseMs = 500,
  capMs = 8000,
  jitter: Jitter = 'equal',
): number {
  const step = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt));
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(jitter === 'full' ? r * step : step / 2 + (r * step) / 2);
}
