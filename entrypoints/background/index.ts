import { defineBackground } from 'wxt/utils/define-background';
import { startService } from './service';
import { readArea, writeArea } from '../../utils/core/storage/sealed';

// A classic script (WXT bundles it as one file): a stopped worker that a page
// wakes loads one file instead of an entry module and its chunks.
export default defineBackground({
  main() {
    startService();
    // Test builds only (the real-browser tests' harness seeds and reads settings
    // through it, sealed as the options page would write them). Production
    // builds drop this branch: MODE is replaced at build time.
    if (import.meta.env.MODE === 'test') {
      (globalThis as unknown as Record<string, unknown>).__convosoTestStorage = { read: readArea, write: writeArea };
    }
  },
});
