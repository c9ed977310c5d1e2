// Renders assets/icon.svg to the PNG sizes the manifest uses (public/icon/N.png),
// with the same Chromium the real-browser tests use. Run after editing the SVG:
//   npx tsx scripts/render-icons.ts
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { findChromium, NO_BROWSER_MESSAGE } from '../tests/harness/browsers';
import { SANDBOX_FLAGS } from '../tests/harness/chromium';

const root = path.resolve(import.meta.dirname, '..');
const svg = await readFile(path.join(root, 'assets/icon.svg'), 'utf8');
const executablePath = findChromium();
if (!executablePath) throw new Error(NO_BROWSER_MESSAGE.chromium);
const browser = await puppeteer.launch({ executablePath, headless: true, pipe: true, args: SANDBOX_FLAGS });
try {
  for (const size of [16, 32, 48, 96, 128]) {
    const page = await browser.newPage();
    await page.setViewport({ width: size, height: size });
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}svg{width:${size}px;height:${size}px;display:block}</style>${svg}`,
    );
    await page.screenshot({ path: path.join(root, `public/icon/${size}.png`) as `${string}.png`, omitBackground: true });
    await page.close();
  }
} finally {
  await browser.close();
}
