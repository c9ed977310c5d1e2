import { defineBackground } from 'wxt/utils/define-background';
import { startService } from '@/utils/background/service';

export default defineBackground({
  type: 'module',
  main() {
    startService();
  },
});
