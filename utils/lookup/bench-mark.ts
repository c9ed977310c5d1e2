/**
 * Timing marks for `npm run bench` (test builds): when the badge's frame has its
 * words in its document (the frame's timeline) and when the content script shows
 * the frame (the page's). A production build has none: the page shares its
 * timeline with the content script.
 */
export const benchMark = (name: 'visible' | 'shown', detail: Record<string, unknown>) => {
  if (import.meta.env.MODE !== 'production') performance.mark(`convoso-callbacks:${name}`, { detail });
};
