/**
 * Timing marks for `npm run bench` and the real-browser tests (test builds):
 * what the badge's frame drew ('drawn', each state), and when its words are in
 * its document, on screen ('visible'), in the frame's timeline. A production
 * build has none.
 */
export const benchMark = (name: 'drawn' | 'visible', detail: Record<string, unknown>) => {
  if (import.meta.env.MODE !== 'production') performance.mark(`convoso-callbacks:${name}`, { detail });
};
