import { tmpdir } from 'node:os';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where this run's browser profiles and download folders go; removed when the run ends (global-setup.ts). */
    e2eRun: string;
    /** The browser a project's real-browser tests drive (vitest.config.ts). */
    e2eBrowser: 'chromium' | 'firefox';
  }
}

/**
 * Where a browser's profile goes. The real-browser files share a worker's modules
 * (isolate: false in vitest.config.ts), so a browser serves the next file too and the
 * last ones live until the worker ends, which may not leave them time to remove their
 * profiles: under Vitest they go in the run's folder, which the global setup removes once
 * every file is done. The bench and the demo use the system's temporary folder.
 */
export async function runFolder(): Promise<string> {
  if (!process.env.VITEST) return tmpdir();
  const { inject } = await import('vitest');
  return inject('e2eRun') || tmpdir();
}
