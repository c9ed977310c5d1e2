import { describe, expect, it } from 'vitest';
import { MAX_IN_FLIGHT, MAX_PAUSE_MS, OPEN_HOST, failed, inFlightLimit, isPaused, succeeded, type HostState } from './host-backoff';

const half = () => 0.5;

describe('host backoff', () => {
  it('a first 429 waits what Retry-After asked, and up to a fifth more so that a call center does not come back at once', () => {
    const early = failed(OPEN_HOST, { now: 1000, sentAt: 900, retryAfterMs: 6000, random: () => 0 });
    expect(early.pausedUntil).toBe(7000);
    expect(isPaused(early, 6999)).toBe(true);
    expect(isPaused(early, 7000)).toBe(false);
    const late = failed(OPEN_HOST, { now: 1000, sentAt: 900, retryAfterMs: 6000, random: () => 0.999 });
    expect(late.pausedUntil).toBeGreaterThan(7000);
    expect(late.pausedUntil).toBeLessThanOrEqual(7000 + 1200);
  });

  it('without Retry-After, backs off exponentially with jitter, up to the cap', () => {
    let s: HostState = OPEN_HOST;
    const pauses: number[] = [];
    for (let i = 0; i < 14; i++) {
      const now = 1_000_000 * (i + 1);
      s = failed(s, { now, sentAt: now, random: half });
      pauses.push(s.pausedUntil - now);
    }
    for (let i = 1; i < pauses.length; i++) expect(pauses[i]!).toBeGreaterThanOrEqual(Math.min(pauses[i - 1]!, MAX_PAUSE_MS * 0.75));
    expect(pauses[1]!).toBeGreaterThan(pauses[0]!);
    expect(Math.max(...pauses)).toBeLessThanOrEqual(MAX_PAUSE_MS);
  });

  it('repeated 429s wait longer than Retry-After asks', () => {
    let s = failed(OPEN_HOST, { now: 0, sentAt: 0, retryAfterMs: 1000, random: half });
    for (let i = 1; i < 6; i++) s = failed(s, { now: i * 100_000, sentAt: i * 100_000, retryAfterMs: 1000, random: half });
    expect(s.pausedUntil - 500_000).toBeGreaterThan(1000);
  });

  it('answers to requests sent before the trouble started count once, not each', () => {
    const first = failed(OPEN_HOST, { now: 100, sentAt: 50, random: half });
    const echo = failed(first, { now: 120, sentAt: 60, random: half });
    expect(echo.streak).toBe(1);
    // A success sent before the failure says nothing about now either.
    expect(succeeded(first, 60)).toBe(first);
  });

  it('opens slowly after failures in a row: one request, then one more per success', () => {
    let s = failed(OPEN_HOST, { now: 0, sentAt: 0, random: half });
    expect(inFlightLimit(s)).toBe(MAX_IN_FLIGHT);
    s = failed(s, { now: 10_000, sentAt: 10_000, random: half });
    expect(inFlightLimit(s)).toBe(1);
    const limits: number[] = [];
    for (let i = 0; i < MAX_IN_FLIGHT + 1; i++) {
      s = succeeded(s, 20_000 + i);
      limits.push(inFlightLimit(s));
    }
    expect(limits).toEqual([2, 3, MAX_IN_FLIGHT, MAX_IN_FLIGHT, MAX_IN_FLIGHT]);
    expect(s.pausedUntil).toBe(0);
  });
});
