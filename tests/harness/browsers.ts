import { existsSync } from 'node:fs';

// Which browsers the real-browser tests drive, and where they are installed.

export type BrowserName = 'chromium' | 'firefox';

/**
 * Which Chromium to drive: $CHROMIUM_PATH, then Debian's package. Google-branded Chrome
 * ignores extensions loaded from the command line since version 137, so it is not tried.
 */
export function findChromium(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((c): c is string => !!c && existsSync(c)) ?? null;
}

/** Which Firefox to drive: $FIREFOX_PATH, then Debian's `firefox-esr` package, then a plain `firefox`. */
export function findFirefox(): string | null {
  const candidates = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox', '/usr/lib/firefox-esr/firefox-esr'];
  return candidates.find((c): c is string => !!c && existsSync(c)) ?? null;
}

export const NO_BROWSER_MESSAGE: Record<BrowserName, string> = {
  chromium:
    'No Chromium found for the real-browser tests. Install one (Debian/Ubuntu: `sudo apt-get install chromium`) ' +
    'or set CHROMIUM_PATH to its executable.',
  firefox:
    'Firefox tests skipped: no Firefox found. Install one (Debian/Ubuntu: `sudo apt-get install firefox-esr`) ' +
    'or set FIREFOX_PATH to its executable.',
};

// The Firefoxes launched here (firefox.ts), for the few page-level helpers that must differ.
const firefoxes = new WeakSet<object>();
export const markFirefox = (browser: object) => void firefoxes.add(browser);
/** Whether `page` is in a Firefox (WebDriver BiDi) rather than a Chromium (DevTools Protocol). */
export const inFirefox = (page: { browser(): object }) => firefoxes.has(page.browser());
