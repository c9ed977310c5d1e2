import { existsSync } from 'node:fs';

/**
 * Which Firefox to drive: $FIREFOX_PATH, then Debian's `firefox-esr` package, then a
 * plain `firefox`. `null` when none is installed: the Firefox tests then skip (CI
 * installs Firefox ESR in `.ci/run`, so there they always run).
 */
export function findFirefox(): string | null {
  const candidates = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox', '/usr/lib/firefox-esr/firefox-esr'];
  return candidates.find((c): c is string => !!c && existsSync(c)) ?? null;
}

export const NO_FIREFOX_MESSAGE =
  'Firefox tests skipped: no Firefox found. Install one (Debian/Ubuntu: `sudo apt-get install firefox-esr`) ' +
  'or set FIREFOX_PATH to its executable.';
