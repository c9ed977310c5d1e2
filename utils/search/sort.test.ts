import { describe, expect, it } from 'vitest';
import { normalizeCallback } from '../core/api/normalize';
import { sortCallbacks, type SortKey } from './sort';

const cb = (id: string, callback_time: string, stage: string, user_name: string) =>
  normalizeCallback({ id, callback_time, stage, user_name });

const list = [
  cb('a', '2025-06-03 15:00:00', 'Completed', 'Zoe'),
  cb('b', '', 'New', 'adam'),
  cb('c', '2025-06-01 09:00 AM', 'PENDING', ''),
  cb('d', '2025-06-02 01:30 PM', 'Dismissed', 'Bea'),
  cb('e', '2025-06-02 08:00:00', 'past_due', 'Bea'),
];

describe('sortCallbacks', () => {
  it.each<[SortKey, string]>([
    ['received', 'abcde'],
    // Both time formats compare on one line; a missing time goes last.
    ['time-asc', 'cedab'],
    ['time-desc', 'adecb'],
    ['stage', 'ecbad'],
    // Case-insensitive; ties by time; no agent last.
    ['agent', 'bedac'],
  ])('%s', (key, order) => {
    expect(sortCallbacks(list, key).map((c) => c.id).join('')).toBe(order);
  });

  it('never reorders its input', () => {
    sortCallbacks(list, 'time-desc');
    expect(list.map((c) => c.id).join('')).toBe('abcde');
  });
});
