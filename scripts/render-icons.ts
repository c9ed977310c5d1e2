// Renders assets/icon.svg to the PNG sizes the manifest uses (public/icon/N.png),
// with the same Chromium the real-browser tests use. Run after editing the SVG:
//   npx tsx scripts/render-icons.ts
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { findChromium } from '../tests/e2e/chromium-path';

const root = path.resolve(import.meta.dirname, '..');
const svg = await readFile(path.join(root, 'assets/icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: await findChromium(), headless: true });
try {
  for (const size of [16, 32, 48, 96, 128]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}svg{width:${size}px;height:${size}px;display:block}</style>${svg}`,
    );
    await page.screenshot({ path: path.join(root, `public/icon/${size}.png`), omitBackground: true });
    await page.close();
  }
} finally {
  await browser.close();
}
