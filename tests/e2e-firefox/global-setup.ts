import { testBuild } from '../support/test-builds';
import { findFirefox, NO_FIREFOX_MESSAGE } from './firefox-path';

/** Build the Firefox test-mode extension once per run (perhaps started already), or say once why the Firefox tests skip. */
export default async function setup() {
  if (!findFirefox()) {
    console.warn(NO_FIREFOX_MESSAGE);
    return;
  }
  await testBuild('firefox');
}
