import { describe, expect, it } from 'vitest';
import { buildDataset } from '../../mock-api/data';
import { recentDataset } from './recent-dataset';

// Each test builds the 12,000-callback data set (under a second idle, seconds on a busy machine).
describe('recentDataset', { timeout: 60_000 }, () => {
  it('is the data set built for that moment, and each caller gets its own copy', () => {
    const at = Date.UTC(2026, 10, 30, 12, 0, 0);
    const first = recentDataset(at);
    expect(first).toEqual(buildDataset({ now: new Date(at) }));
    (first.callbacks[0]!.record as { stage: string }).stage = 'Completed';
    (first.callbacks[0] as { stageKey: string }).stageKey = 'COMPLETED';
    const second = recentDataset(at + 5_000);
    expect(second.now.getTime()).toBe(at);
    expect(second.callbacks[0]).toEqual(buildDataset({ now: new Date(at) }).callbacks[0]);
  });

  it('is built again once it is more than 10 s old, or when the clock went back', () => {
    const at = Date.UTC(2026, 10, 30, 12, 0, 0);
    recentDataset(at);
    expect(recentDataset(at + 10_001).now.getTime()).toBe(at + 10_001);
    expect(recentDataset(at).now.getTime()).toBe(at);
  });
});
