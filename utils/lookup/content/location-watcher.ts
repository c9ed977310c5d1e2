import type { PageContext as ContentScriptContext } from './context';

export interface LocationWatcherOptions {
  /** Called with the new href after a change without a reload. */
  onChange: (href: string) => void;
  /**
   * Safety net for history changes nothing announces (pushState fires no event
   * without the Navigation API): a string comparison, so cheap at this rate.
   * By default only where the Navigation API is missing: with it, every
   * same-document change is announced, and a page without a lead pays no timer.
   */
  pollMs?: number;
}

/** What the watcher needs of WXT's content-script context (the real one in the content script). */
export type LocationContext = Pick<ContentScriptContext, 'addEventListener' | 'setTimeout' | 'setInterval'>;

/**
 * Single-page apps change the URL without reloading. We listen to what the
 * browser announces (popstate, hashchange, WXT's 'wxt:locationchange') and poll
 * `location.href` as a fallback; every signal leads to the same comparison, so
 * duplicates are harmless. Everything goes through `ctx`, which removes it when
 * the content script is invalidated. WXT dispatches its event under a name
 * unique to the extension and entrypoint, and only once something subscribed
 * through `ctx.addEventListener`: a plain `addEventListener` never hears it.
 */
export function watchLocation(ctx: LocationContext, options: LocationWatcherOptions): void {
  let last = location.href;
  const check = () => {
    const href = location.href;
    if (href === last) return;
    last = href;
    options.onChange(href);
  };
  // The Navigation API's 'navigate' (which WXT's event is built on) fires before
  // the URL changes; look once the current task is over.
  const later = () => void ctx.setTimeout(check, 0);
  ctx.addEventListener(window, 'wxt:locationchange', later);
  ctx.addEventListener(window, 'popstate', later);
  ctx.addEventListener(window, 'hashchange', later);
  const pollMs = options.pollMs ?? (hasNavigationApi() ? null : DEFAULT_POLL_MS);
  if (pollMs !== null) ctx.setInterval(check, pollMs);
}

const DEFAULT_POLL_MS = 250;

function hasNavigationApi(): boolean {
  return typeof (globalThis as { navigation?: { addEventListener?: unknown } }).navigation?.addEventListener === 'function';
}
