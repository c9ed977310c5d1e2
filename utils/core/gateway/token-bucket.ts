// The browser's request budget: a token bucket that refills at `perMinute`
// and holds at most `burst`, and never lets two requests go closer together
// than `spacingMs` (5 a second at most, whatever the bucket holds).

export interface TokenBucket {
  /** Milliseconds until a request that must leave `reserve` tokens in the bucket may go; 0: now. */
  waitMs(now: number, reserve?: number): number;
  /** A request went now. */
  take(now: number): void;
  /** A new rate (the administrator's policy); what the bucket holds is kept. */
  setRate(perMinute: number): void;
}

export const DEFAULT_REQUESTS_PER_MINUTE = 60;
/**
 * One list page of inline chips (30 rows) goes at once, at 5 a second; what goes on
 * after it is paced by the rate. A page's chips arrive in one reply, so a smaller
 * burst would keep every chip of the page waiting for the last.
 */
export const BURST = 30;
export const SPACING_MS = 200;

export function createTokenBucket(perMinute = DEFAULT_REQUESTS_PER_MINUTE, burst = BURST, spacingMs = SPACING_MS): TokenBucket {
  let rate = perMinute / 60_000;
  let tokens = burst;
  let updated = -Infinity;
  let last = -Infinity;

  const refill = (now: number) => {
    if (updated === -Infinity) updated = now;
    tokens = Math.min(burst, tokens + Math.max(0, now - updated) * rate);
    updated = Math.max(updated, now);
  };

  return {
    waitMs(now, reserve = 0) {
      refill(now);
      const need = Math.min(burst, 1 + reserve);
      const forTokens = tokens >= need ? 0 : Math.ceil((need - tokens) / rate);
      return Math.max(0, forTokens, last + spacingMs - now);
    },
    take(now) {
      refill(now);
      tokens = Math.max(0, tokens - 1);
      last = now;
    },
    setRate(next) {
      rate = next / 60_000;
    },
  };
}
