/**
 * Polls from Node rather than in the page: on Firefox 140 an extension page's CSP blocks
 * puppeteer's in-page waitForFunction and Locators, while $eval and clicks work.
 */
export async function waitUntil<T>(probe: () => Promise<T>, message: string, timeoutMs = 20_000): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      last = error;
    }
    if (Date.now() > end) throw new Error(`${message}${last ? ` (last error: ${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
