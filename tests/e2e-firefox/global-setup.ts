import { build } from 'wxt';
import { findFirefox, NO_FIREFOX_MESSAGE } from './firefox-path';

/** Build the Firefox test-mode extension once per run, or say once why the Firefox tests skip. */
export default async function setup() {
  if (!findFirefox()) {
    console.warn(NO_FIREFOX_MESSAGE);
    return;
  }
  await build({ browser: 'firefox', mode: 'test' });
}
