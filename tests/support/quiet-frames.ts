import nodeConsole from 'node:console';
import { vi } from 'vitest';

/**
 * happy-dom loads no extension page, and says so on Node's own console for every
 * frame the content script makes: expected in these tests, so not printed. Any
 * other error still is. Undone by vi.restoreAllMocks().
 */
export function quietFrameLoading(): void {
  const error = nodeConsole.error.bind(nodeConsole);
  vi.spyOn(nodeConsole, 'error').mockImplementation((...args: unknown[]) => {
    if (!/Failed to load iframe page "chrome-extension:/.test(String(args[0]))) error(...args);
  });
}
