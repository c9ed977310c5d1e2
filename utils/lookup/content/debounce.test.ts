import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { debounce } from './debounce';

describe('debounce', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs once, delayMs after the last call of a burst', () => {
    const fn = vi.fn();
    const d = debounce(fn, 150);
    d();
    vi.advanceTimersByTime(100);
    d();
    vi.advanceTimersByTime(149);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('runs at the latest maxWaitMs after the first call of a never-ending burst', () => {
    const fn = vi.fn();
    const d = debounce(fn, 150, 600);
    for (let t = 0; t < 1000; t += 50) {
      d();
      vi.advanceTimersByTime(50);
    }
    // Calls every 50 ms for 1 s: without the bound it would never have run.
    expect(fn.mock.calls.length).toBeGreaterThanOrEqual(1);
    expect(fn.mock.calls.length).toBeLessThanOrEqual(2);
  });

  it('cancel drops the pending call; flush runs it now', () => {
    const fn = vi.fn();
    const d = debounce(fn, 150);
    d();
    d.cancel();
    vi.advanceTimersByTime(1000);
    expect(fn).not.toHaveBeenCalled();
    d();
    d.flush();
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(1);
    d.flush();
    expect(fn).toHaveBeenCalledTimes(1);
  });
});
