import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

const E2E = 'tests/e2e/**/*.e2e.ts';
const E2E_FIREFOX = 'tests/e2e-firefox/**/*.e2e.ts';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    // expect.poll gives up after 1 s by default; under load (2 cores, both busy) a real
    // browser can take longer. Generous, so a passing test is never slowed.
    expect: { poll: { timeout: 15_000 } },
    // Vitest's default is one worker per core minus one: a single worker on a 2-core
    // machine, so every file waited for the one before. Two workers keep both cores busy.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['**/*.test.ts'],
          exclude: ['node_modules/**', '.output/**', E2E, E2E_FIREFOX],
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'happy-dom',
          setupFiles: ['tests/setup/dom.ts'],
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
          globalSetup: ['tests/e2e/global-setup.ts'],
          // One Chromium at a time: the machine has two cores.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e-firefox',
          environment: 'node',
          include: [E2E_FIREFOX],
          globalSetup: ['tests/e2e-firefox/global-setup.ts'],
          // Not sequential like the Chromium files: Vitest runs sequential files after
          // everything else, one by one. These files (one Firefox each) instead share
          // the workers with the unit tests, while the Chromium files run after them.
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
