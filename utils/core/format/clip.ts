/**
 * `text` cut to at most `max` characters, an ellipsis marking the cut. For API
 * text shown in a line (names, labels): a megabyte agent name must not reach a
 * page, a cache or a table cell whole. Never splits a surrogate pair.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}
