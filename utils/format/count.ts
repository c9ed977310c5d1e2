// Counts as people read them, shared by the popup, the options and the badge.

const formats = new Map<string, Intl.NumberFormat>();

/** "12,250"; one formatter per locale, since a results page formats many numbers. */
export function formatCount(n: number, locale?: string): string {
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
