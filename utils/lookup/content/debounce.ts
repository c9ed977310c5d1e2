/**
 * Trailing-edge debounce: a burst of calls runs `fn` once, `delayMs` after the
 * last one. `maxWaitMs` bounds the wait so a page that never stops changing
 * (a ticking clock, a live queue) still gets looked at now and then.
 */
export interface Debounced {
  (): void;
  cancel(): void;
  /** Runs now if a call is pending. */
  flush(): void;
}

export function debounce(fn: () => void, delayMs: number, maxWaitMs = delayMs * 4): Debounced {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstCallAt: number | undefined;

  const run = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    firstCallAt = undefined;
    fn();
  };

  const debounced = (() => {
    const now = Date.now();
    firstCallAt ??= now;
    if (timer !== undefined) clearTimeout(timer);
    const wait = Math.max(0, Math.min(delayMs, firstCallAt + maxWaitMs - now));
    timer = setTimeout(run, wait);
  }) as Debounced;
  debounced.cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    firstCallAt = undefined;
  };
  debounced.flush = () => {
    if (timer !== undefined) run();
  };
  return debounced;
}
