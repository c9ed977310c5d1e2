// Counts as people read them, shared by the popup, the options and the badge.

const formats = new Map<string, Intl.NumberFormat>();

/**
 * "12,250" for en-US whole numbers, written out: a page's first Intl number
 * formatter costs its renderer about 11 ms (measured), and the badge writes its
 * count once per page load (see utils/core/time/en-us-wall.ts).
 */
function enUsCount(n: number): string | null {
  if (!Number.isSafeInteger(n) || Object.is(n, -0)) return null;
  const digits = String(Math.abs(n));
  const grouped = digits.replace(/\B(?=(\d{3})+$)/g, ',');
  return n < 0 ? `-${grouped}` : grouped;
}

/** "12,250"; one formatter per locale, since a results page formats many numbers. */
export function formatCount(n: number, locale?: string): string {
  if (locale === 'en-US') {
    const text = enUsCount(n);
    if (text !== null) return text;
  }
  const key = locale ?? '';
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale);
    formats.set(key, format);
  }
  return format.format(n);
}

/** "12,250 callbacks", "1 callback". */
export function callbacksText(total: number, locale?: string): string {
  return `${formatCount(total, locale)} ${total === 1 ? 'callback' : 'callbacks'}`;
}
