import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// The fleet simulation runs the real background on WXT's fake browser, which
// only Vitest's WXT plugin provides; it is a measurement, not part of `npm test`.
export default defineConfig({
  plugins: [WxtVitest()],
  resolve: { alias: [{ find: /^wxt\/testing$/, replacement: 'wxt/testing/fake-browser' }] },
  test: {
    include: ['scripts/fleet/**/*.sim.ts'],
    environment: 'node',
    // Sealed settings keep their key in IndexedDB: in Node, the unit tests' in-memory one.
    setupFiles: ['tests/setup/key-store.ts'],
    reporters: ['default'],
  },
});
