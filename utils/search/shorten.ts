/**
 * Comments cut to about `max` characters on a word boundary, for a one-line
 * preview; `truncated` says whether a "show all" control is needed.
 */
export function shorten(text: string, max = 90): { text: string; truncated: boolean } {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return { text: flat, truncated: false };
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  // A word boundary only if it does not throw away most of the preview.
  const head = space > max * 0.6 ? cut.slice(0, space) : cut;
  return { text: `${head.trimEnd()}…`, truncated: true };
}
