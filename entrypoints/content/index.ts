import { defineContentScript } from 'wxt/utils/define-content-script';
import { CONVOSO_MATCHES } from '../../utils/sites/built-in';
import { startLeadBadge } from '../../utils/lookup/content/app';

// Static on Convoso's own pages; the options page registers this same file
// (content-scripts/content.js) at runtime on the CRM sites the user adds. The
// test build also matches http://localhost/* (wxt.config.ts hook). Its `ctx` is
// utils/lookup/content/context.ts's, not WXT's (build-plugins/own-content-script-context.ts).
export default defineContentScript({
  matches: [...CONVOSO_MATCHES],
  // Not document_idle: Chrome would wait for the load event (or 200 ms after
  // DOMContentLoaded), so any slow image or tracker on the page delayed the badge.
  runAt: 'document_start',
  main(ctx) {
    startLeadBadge(ctx);
  },
});
