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
          // One Firefox at a time, and only once the Chromium files are done: two cores.
          fileParallelism: false,
          sequence: { groupOrder: 1 },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
