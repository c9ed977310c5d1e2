import { purposeOf, type Call } from './network';

// Figures of one simulated browser, and what a call center of N such browsers
// sends: each browser paces itself, so an account's hourly calls add up.

export interface Figures {
  hours: number;
  calls: number;
  perAgentHour: number;
  /** The most requests sent within any one second. */
  peakPerSecond: number;
  byPurpose: Record<string, number>;
  /** Requests answered with 429 or 503, or dropped. */
  failed: number;
}

export const FLEETS = [50, 500, 5000] as const;

export function peakPerSecond(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let peak = 0;
  let first = 0;
  for (let last = 0; last < sorted.length; last++) {
    while (sorted[last]! - sorted[first]! >= 1000) first++;
    peak = Math.max(peak, last - first + 1);
  }
  return peak;
}

export function figures(calls: readonly Call[], hours: number): Figures {
  const byPurpose: Record<string, number> = {};
  for (const c of calls) {
    const p = purposeOf(c.params);
    byPurpose[p] = (byPurpose[p] ?? 0) + 1;
  }
  return {
    hours,
    calls: calls.length,
    perAgentHour: round(calls.length / hours),
    peakPerSecond: peakPerSecond(calls.map((c) => c.at)),
    byPurpose,
    failed: calls.filter((c) => c.status !== 200).length,
  };
}

/** Calls per hour for a call center of `agents` browsers like this one. */
export const fleetPerHour = (perAgentHour: number, agents: number) => Math.round(perAgentHour * agents);

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
