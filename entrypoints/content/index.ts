import { defineContentScript } from 'wxt/utils/define-content-script';
import { CONVOSO_MATCHES } from '@/utils/sites/built-in';
import { startLeadBadge } from './app';

// Static on Convoso's own pages; the options page registers this same file
// (content-scripts/content.js) at runtime on the CRM sites the user adds. The
// test build also matches http://localhost/* (wxt.config.ts hook).
export default defineContentScript({
  matches: [...CONVOSO_MATCHES],
  runAt: 'document_idle',
  main(ctx) {
    startLeadBadge(ctx);
  },
});
