import { build } from 'wxt';
import { findChromium } from './chromium-path';

/** Build the test-mode extension once per run; fail early and clearly when no browser exists. */
export default async function setup() {
  await findChromium();
  await build({ browser: 'chrome', mode: 'test' });
}
