/**
 * Timing marks for `npm run bench` (test builds): what the badge's frame drew
 * ('drawn', each state) and when it has its words in its document ('visible'),
 * in the frame's timeline, and when the content script shows the frame
 * ('shown', the page's). A production build has none: the page shares its
 * timeline with the content script.
 */
export const benchMark = (name: 'drawn' | 'visible' | 'shown', detail: Record<string, unknown>) => {
  if (import.meta.env.MODE !== 'production') performance.mark(`convoso-callbacks:${name}`, { detail });
};
