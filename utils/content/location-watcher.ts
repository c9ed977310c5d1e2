export interface LocationWatcherOptions {
  /** Called with the new href after a change without a reload. */
  onChange: (href: string) => void;
  win?: Window;
  /**
   * Safety net for history changes nothing announces (pushState fires no event
   * without the Navigation API): a string comparison, so cheap at this rate.
   */
  pollMs?: number;
}

/**
 * Single-page apps change the URL without reloading. We listen to what the
 * browser announces (popstate, hashchange, the Navigation API, WXT's
 * 'wxt:locationchange') and poll `location.href` as a fallback; every signal
 * leads to the same comparison, so duplicates are harmless.
 */
export function watchLocation(options: LocationWatcherOptions): () => void {
  const win = options.win ?? window;
  let last = win.location.href;
  const check = () => {
    const href = win.location.href;
    if (href === last) return;
    last = href;
    options.onChange(href);
  };
  // The Navigation API's 'navigate' (and WXT's event built on it) fires before the
  // URL changes; look once the current task is over.
  const later = () => setTimeout(check, 0);
  const events = ['popstate', 'hashchange', 'wxt:locationchange'] as const;
  for (const type of events) win.addEventListener(type, later);
  const nav = (win as Window & { navigation?: EventTarget }).navigation;
  nav?.addEventListener?.('navigatesuccess', check);
  const poll = setInterval(check, options.pollMs ?? 250);
  return () => {
    for (const type of events) win.removeEventListener(type, later);
    nav?.removeEventListener?.('navigatesuccess', check);
    clearInterval(poll);
  };
}
