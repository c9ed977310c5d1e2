// The fleet simulation's cases, in the order of its table (scenarios.ts builds them).
export const SCENARIO_NAMES = [
  'day, chips on',
  'day, chips off',
  'idle browser',
  'day, 429 Retry-After 1 s',
  'day, 429 Retry-After 2 s',
  'day, 30 min of 503',
  'day, 30 s outage at start',
  'one popup search, 429 Retry-After 1 s, 30 s',
  'one popup search, 429 Retry-After 2 s, 30 s',
] as const;
