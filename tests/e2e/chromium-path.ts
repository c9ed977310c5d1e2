import { existsSync } from 'node:fs';

/**
 * Which Chromium to drive: $CHROMIUM_PATH, then Debian's package, then the
 * browser Playwright downloads on a developer laptop (`npx playwright install chromium`).
 * Google-branded Chrome ignores --load-extension since version 137, so it is not tried.
 */
export async function findChromium(): Promise<string> {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/lib/chromium/chromium', '/usr/bin/chromium-browser'];
  for (const c of candidates) if (c && existsSync(c)) return c;
  try {
    const { chromium } = await import('playwright-core');
    const bundled = chromium.executablePath();
    if (bundled && existsSync(bundled)) return bundled;
  } catch {
    // playwright-core without a downloaded browser: fall through to the message below.
  }
  throw new Error(
    'No Chromium found for the real-browser tests. Install one (Debian/Ubuntu: `sudo apt-get install chromium`; ' +
      'elsewhere: `npx playwright install chromium`) or set CHROMIUM_PATH to its executable.',
  );
}
