import { defineBackground } from 'wxt/utils/define-background';
import { startService } from './service';

// A classic script (WXT bundles it as one file): a stopped worker that a page
// wakes loads one file instead of an entry module and its chunks.
export default defineBackground({
  main() {
    startService();
  },
});
