import type { Plugin } from 'vite';

// WXT builds every content script around its ContentScriptContext, which
// announces each start with an event on the page's document (to stop an older
// copy of the script after an update) and, for scripts built with older WXT
// versions, a window message. A page's own scripts hear both, under names that
// hold this extension's ID, and a page that sends the event stops the script.
// Its address watcher likewise dispatches an event the page can hear. The
// extension needs none of it (a copy injected twice is caught in its own world,
// utils/lookup/content/app.ts), so the build hands WXT's entry the content
// script's own context instead: no event, no message, nothing the page can send.

const WXT_CONTEXT = 'wxt/utils/content-script-context';

/** Resolves WXT's content-script context to `file` (utils/lookup/content/context.ts). */
export function ownContentScriptContext(file: string): Plugin {
  return {
    name: 'convoso:own-content-script-context',
    enforce: 'pre',
    resolveId(source) {
      return source === WXT_CONTEXT ? file : null;
    },
  };
}
