import type { PageContext } from './context';

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

/** What the watcher needs of the content script's context. */
export type LocationContext = Pick<PageContext, 'addEventListener' | 'setTimeout' | 'setInterval'>;

/**
 * Single-page apps change the URL without reloading. We listen to what the
 * browser announces (the Navigation API's `currententrychange`, popstate,
 * hashchange) and poll `location.href` where nothing announces pushState; every
 * signal leads to the same comparison, so duplicates (or a page sending these
 * events itself) are harmless. Nothing here dispatches an event the page could
 * hear. Everything goes through `ctx`, which removes it when the content script
 * is invalidated.
 */
export function watchLocation(ctx: LocationContext, options: LocationWatcherOptions): void {
  let last = location.href;
  const check = () => {
    const href = location.href;
    if (href === last) return;
    last = href;
    options.onChange(href);
  };
  // Look once the current task is over: the page may change the address again at once.
  const later = () => void ctx.setTimeout(check, 0);
  const navigation = navigationApi();
  if (navigation) ctx.addEventListener(navigation, 'currententrychange', later);
  ctx.addEventListener(window, 'popstate', later);
  ctx.addEventListener(window, 'hashchange', later);
  const pollMs = options.pollMs ?? (navigation ? null : DEFAULT_POLL_MS);
  if (pollMs !== null) ctx.setInterval(check, pollMs);
}

const DEFAULT_POLL_MS = 250;

function navigationApi(): EventTarget | null {
  const navigation = (globalThis as { navigation?: EventTarget }).navigation;
  return typeof navigation?.addEventListener === 'function' ? navigation : null;
}
