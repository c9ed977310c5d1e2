import type { Plugin } from 'vite';

// WXT's content-script context announces each start twice: a CustomEvent on the
// document (what WXT 0.21's contexts listen for, to stop an older copy after an
// update) and a window message, kept only for content scripts built with older
// WXT versions, which this extension never shipped. The message costs every page
// about 1.7 ms of main-thread script time at document_start (issue 11: a page
// without a lead must cost under 2 ms), and it tells every page's own scripts
// that this extension is installed, with its ID. The build drops it.

const CONTEXT_MODULE = /[\\/]wxt[\\/]dist[\\/]utils[\\/]content-script-context\.mjs$/;
const WINDOW_MESSAGE = /\bwindow\.postMessage\(\{\s*type: ContentScriptContext\.SCRIPT_STARTED_MESSAGE_TYPE,[^}]*\},\s*"\*"\);/g;

/** `code` without WXT's start-up window message; null when it is not there exactly once (WXT changed: look again). */
export function withoutStartMessage(code: string): string | null {
  const found = code.match(WINDOW_MESSAGE);
  if (found?.length !== 1) return null;
  return code.replace(WINDOW_MESSAGE, '');
}

export function quietContentScriptStart(): Plugin {
  return {
    name: 'convoso:quiet-content-script-start',
    enforce: 'pre',
    transform(code, id) {
      if (!CONTEXT_MODULE.test(id.split('?')[0]!)) return null;
      const out = withoutStartMessage(code);
      if (out === null) this.error('WXT\'s content-script context changed: check build-plugins/quiet-content-script-start.ts against it.');
      return { code: out, map: null };
    },
  };
}
