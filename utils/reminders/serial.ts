/**
 * One run of `task` at a time. A call during a run asks for one more run after
 * it (the settings or data changed meanwhile) and shares its promise; calls in
 * between coalesce into that single extra run, with their arguments merged by
 * `merge` (default: the last one's). A failing run is swallowed: the caller's
 * next trigger (an alarm, a settings change) tries again.
 */
export function serialRunner<T = void>(task: (arg: T) => Promise<void>, merge: (a: T, b: T) => T = (_a, b) => b): (arg: T) => Promise<void> {
  let running: Promise<void> | null = null;
  let again: { arg: T } | null = null;
  return function run(arg: T): Promise<void> {
    if (running) {
      again = again ? { arg: merge(again.arg, arg) } : { arg };
      return running;
    }
    running = (async () => {
      let next: { arg: T } | null = { arg };
      while (next) {
        const { arg: current }: { arg: T } = next;
        again = null;
        try {
          await task(current);
        } catch {
          // Nothing to report to: the next trigger runs it again.
        }
        next = again;
      }
      running = null;
    })();
    return running;
  };
}
