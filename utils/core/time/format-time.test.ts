import { describe, expect, it } from 'vitest';
import { formatWallTime, relativeTime } from './format-time';
import { wallTimeMs } from './wall-clock';

// Built with local getters on purpose: `now` is read as local wall-clock time.
const NOW = new Date(2025, 5, 3, 15, 0, 0);

describe('formatWallTime', () => {
  it.each([
    ['2025-06-03T15:00:00', 'Jun 3, 2025, 3:00 PM'],
    ['2025-06-03T00:05:00', 'Jun 3, 2025, 12:05 AM'],
    ['2025-12-31T23:59:59', 'Dec 31, 2025, 11:59 PM'],
    ['2024-02-29T09:30', 'Feb 29, 2024, 9:30 AM'],
    ['2025-02-29T09:30:00', '2025-02-29T09:30:00'],
    ['garbage', 'garbage'],
  ])('%s -> %s', (local, expected) => {
    expect(formatWallTime({ local }, 'en-US')).toBe(expected);
  });

  it('follows the locale', () => {
    expect(formatWallTime({ local: '2025-06-03T15:00:00' }, 'de-DE')).toBe('3. Juni 2025, 15:00');
  });
});

describe('relativeTime', () => {
  it.each([
    ['2025-06-03T15:00:00', 'now'],
    ['2025-06-03T15:00:59', 'now'],
    ['2025-06-03T14:59:01', 'now'],
    ['2025-06-03T15:01:00', 'in 1 min'],
    ['2025-06-03T15:05:00', 'in 5 min'],
    ['2025-06-03T15:59:59', 'in 59 min'],
    ['2025-06-03T16:00:00', 'in 1 h'],
    ['2025-06-03T17:00:00', 'in 2 h'],
    ['2025-06-04T14:59:59', 'in 23 h'],
    ['2025-06-04T15:00:00', 'in 1 d'],
    ['2025-06-06T16:00:00', 'in 3 d'],
    ['2025-06-03T14:59:00', '1 min overdue'],
    ['2025-06-03T14:15:00', '45 min overdue'],
    ['2025-06-03T14:00:00', '1 h overdue'],
    ['2025-06-02T15:00:01', '23 h overdue'],
    ['2025-06-02T15:00:00', '1 d overdue'],
    ['2025-05-31T15:00:00', '3 d overdue'],
    ['nonsense', ''],
  ])('%s -> %s', (local, expected) => {
    expect(relativeTime({ local }, NOW)).toBe(expected);
  });
});

describe('wallTimeMs', () => {
  it.each([
    ['2025-06-03T15:00:00', Date.UTC(2025, 5, 3, 15)],
    ['2025-06-03T15:00', Date.UTC(2025, 5, 3, 15)],
    ['2025-06-03 15:00:00', null],
    ['2025-13-01T00:00:00', null],
    ['2025-04-31T00:00:00', null],
    ['2025-06-03T24:00:00', null],
    ['2025-06-03T15:00:00Z', null],
  ])('%s -> %s', (local, expected) => {
    expect(wallTimeMs({ local })).toBe(expected);
  });
});
