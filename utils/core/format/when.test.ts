import { describe, expect, it } from 'vitest';
import type { CallbackStage } from '../api/model';
import { whenOf } from './when';

// Wall times are compared with `now` read in the local zone, so build `now` locally.
const now = new Date(2025, 5, 3, 13, 0, 0);

describe('whenOf', () => {
  it.each<[string | null, CallbackStage, string, string, boolean]>([
    ['2025-06-03T15:00:00', 'pending', 'Jun 3, 2025, 3:00 PM', 'in 2 h', false],
    ['2025-05-31T13:00:00', 'past_due', 'May 31, 2025, 1:00 PM', '3 d overdue', true],
    ['2025-05-31T13:00:00', 'pending', 'May 31, 2025, 1:00 PM', '3 d overdue', true],
    ['2025-05-31T13:00:00', 'completed', 'May 31, 2025, 1:00 PM', '3 d ago', false],
    ['2025-05-31T13:00:00', 'dismissed', 'May 31, 2025, 1:00 PM', '3 d ago', false],
    ['2025-06-03T13:00:20', 'new', 'Jun 3, 2025, 1:00 PM', 'now', false],
    [null, 'pending', '', '', false],
  ])('%s (%s)', (local, stage, absolute, relative, overdue) => {
    expect(whenOf({ callbackTime: local ? { local } : null, stage }, now, 'en-US')).toEqual({ absolute, relative, overdue });
  });
});
