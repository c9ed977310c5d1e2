import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import { findFirefox, NO_BROWSER_MESSAGE } from './tests/harness/browsers';

// Real-browser tests (tests/harness/): `name.e2e.ts` runs in Chromium and in Firefox,
// `name.chromium.e2e.ts` or `name.firefox.e2e.ts` in that browser only.
const E2E = 'tests/e2e/**/*.e2e.ts';
const CHROMIUM_ONLY = 'tests/e2e/**/*.chromium.e2e.ts';
const FIREFOX_ONLY = 'tests/e2e/**/*.firefox.e2e.ts';
const hasFirefox = findFirefox() !== null;
if (!hasFirefox) console.warn(NO_BROWSER_MESSAGE.firefox);

export default defineConfig({
  plugins: [WxtVitest()],
  resolve: {
    // WXT's mock of wxt/browser imports its fake browser from 'wxt/testing', whose index
    // also exports the Vitest plugin and with it WXT's whole build toolchain: about 2 s
    // of imports in every test file. The fake browser alone is what a test needs.
    alias: [{ find: /^wxt\/testing$/, replacement: 'wxt/testing/fake-browser' }],
  },
  test: {
    // expect.poll gives up after 1 s by default; under load (2 cores, both busy) a real
    // browser can take longer. Generous, so a passing test is never slowed.
    expect: { poll: { timeout: 15_000 } },
    // Fake timers leave setImmediate real: the in-memory IndexedDB of the unit tests
    // (tests/setup/key-store.ts) runs its transactions on it.
    fakeTimers: { toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] },
    // Vitest's default is one worker per core minus one: a single worker on a 2-core
    // machine, so every file waited for the one before. Two workers keep both cores busy.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          // Node-only files share a worker's modules: no process and no imports per file
          // (35 → 18 CPU-seconds). None keeps state past its own tests; shuffled file
          // orders pass (`--sequence.shuffle.files`).
          isolate: false,
          include: ['**/*.test.ts'],
          setupFiles: ['tests/setup/key-store.ts'],
          exclude: ['node_modules/**', '.output/**', E2E],
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          // Shared modules here too (21 → 11 CPU-seconds): the background a component talks
          // to is a spy on the fake browser (tests/support/send-stub.ts), not a module mock,
          // which would stay mocked for the files after it.
          isolate: false,
          environment: 'happy-dom',
          setupFiles: ['tests/setup/key-store.ts', 'tests/setup/dom.ts'],
          include: ['**/*.test.tsx'],
          exclude: ['node_modules/**', '.output/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: [E2E],
          exclude: [FIREFOX_ONLY],
          provide: { e2eBrowser: 'chromium' },
          globalSetup: ['tests/harness/global-setup.ts'],
          // One module graph per worker: the browser a file leaves (tests/harness/chromium.ts)
          // serves the next file, instead of one start per file (~1.7 CPU-seconds each).
          // Test files hold no module state of their own beyond their file.
          isolate: false,
          // Two files (two browsers) at once: each test mostly waits on its browser, so
          // two keep a 2-core machine busy without starving either. Tests never assert
          // durations and wait with generous timeouts, so a busy machine only slows them.
          fileParallelism: true,
          maxWorkers: 2,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      ...(hasFirefox
        ? [
            {
              extends: true as const,
              test: {
                name: 'e2e-firefox',
                environment: 'node',
                include: [E2E],
                exclude: [CHROMIUM_ONLY],
                provide: { e2eBrowser: 'firefox' as const },
                globalSetup: ['tests/harness/global-setup.ts'],
                // As in Chromium: a worker's files share its modules, so a Firefox serves
                // the next file (tests/harness/firefox.ts).
                isolate: false,
                testTimeout: 60_000,
                hookTimeout: 120_000,
              },
            },
          ]
        : []),
    ],
  },
});
