// Notifications show plain text, and what they show comes from Convoso: a
// comment may hold line breaks, control characters or bidirectional overrides
// that reorder what the agent reads ("Lead 42 at 10:00" shown as something
// else). Each piece is made one plain line, bounded, before it is shown.

// Bidi embeddings, overrides and isolates, the marks, and the Arabic letter mark.
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;
// C0 and C1 controls, line and paragraph separators.
const BREAKS = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]+/g;

/** One line of at most `max` characters: no line breaks, controls or bidi controls. */
export function plainLine(text: string, max: number): string {
  const line = text.replace(BIDI, '').replace(BREAKS, ' ').replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  // Never cut a surrogate pair in two.
  const cut = [...line].slice(0, max - 1).join('');
  return `${cut.trimEnd()}…`;
}

/**
 * A short, fixed-size stand-in for a long text (FNV-1a, 64 bits as two
 * 32-bit halves): what the "already shown" record keeps of a key too long to
 * keep whole. Collisions among one agent's few hundred reminders are not a concern.
 */
export function shortHash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c ^ (a >>> 7), 0x01000193) >>> 0;
  }
  return a.toString(36).padStart(7, '0') + b.toString(36).padStart(7, '0');
}
