import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDateTime12h, isValidIsoDate, quarterHourFrom, toSortableTime } from './time-format';

describe('time formats', () => {
  it.each([
    [new Date(2025, 5, 3, 0, 5, 9), '2025-06-03 00:05:09', '2025-06-03 12:05 AM'],
    [new Date(2025, 5, 3, 12, 0, 0), '2025-06-03 12:00:00', '2025-06-03 12:00 PM'],
    [new Date(2025, 11, 31, 23, 45, 0), '2025-12-31 23:45:00', '2025-12-31 11:45 PM'],
  ])('%s', (d, h24, h12) => {
    expect(formatDateTime(d)).toBe(h24);
    expect(formatDateTime12h(d)).toBe(h12);
    expect(toSortableTime(h12)).toBe(h24.slice(0, 16) + ':00');
    expect(toSortableTime(h24)).toBe(h24);
  });

  it.each(['', '2025-06-03', '2025-06-03 3:00 PM', 'tomorrow'])('does not sort %j', (v) => {
    expect(toSortableTime(v)).toBe('');
  });

  it.each([
    ['2025-06-03', true],
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2025-13-01', false],
    ['2025-6-3', false],
    ['06/03/2025', false],
    ['2025-06-03T00:00', false],
  ])('isValidIsoDate(%j) is %s', (v, ok) => {
    expect(isValidIsoDate(v)).toBe(ok);
  });

  it('rounds up to the next quarter hour', () => {
    expect(formatDateTime(quarterHourFrom(new Date(2025, 5, 3, 14, 31, 20), 120))).toBe('2025-06-03 16:45:00');
    expect(formatDateTime(quarterHourFrom(new Date(2025, 5, 3, 14, 30, 0), 0))).toBe('2025-06-03 14:30:00');
  });
});
