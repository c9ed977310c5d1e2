/**
 * One run of `task` at a time. A call during a run asks for one more run after
 * it (the settings or data changed meanwhile) and shares its promise; calls in
 * between coalesce into that single extra run. A failing run is swallowed:
 * the caller's next trigger (an alarm, a settings change) tries again.
 */
export function serialRunner(task: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  return function run(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await task();
        } catch {
          // Nothing to report to: the next trigger runs it again.
        }
      } while (again);
      running = null;
    })();
    return running;
  };
}
