import { describe, expect, it } from 'vitest';
import { serialRunner } from './serial';

describe('serialRunner', () => {
  it('never runs twice at once, and runs once more for calls made during a run', async () => {
    let active = 0;
    let most = 0;
    let runs = 0;
    let release!: () => void;
    const run = serialRunner(async () => {
      runs++;
      active++;
      most = Math.max(most, active);
      await new Promise<void>((resolve) => (release = resolve));
      active--;
    });
    const first = run();
    const second = run();
    const third = run();
    expect(second).toBe(first);
    expect(third).toBe(first);
    release();
    await Promise.resolve();
    await new Promise((r) => setTimeout(r, 0));
    release();
    await first;
    expect(runs).toBe(2);
    expect(most).toBe(1);
  });

  it('keeps going after a failing run', async () => {
    let calls = 0;
    const run = serialRunner(async () => {
      calls++;
      if (calls === 1) throw new Error('boom');
    });
    await run();
    await run();
    expect(calls).toBe(2);
  });
});
