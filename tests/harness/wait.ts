/**
 * Polls `probe` from Node until it gives something truthy, and returns that. From Node,
 * not in the page: Firefox's extension pages' CSP blocks puppeteer's in-page
 * waitForFunction, and a page that navigates away takes an in-page wait with it.
 * Generous by default: a busy 2-core machine only makes it wait longer.
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
    await sleep(50);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
