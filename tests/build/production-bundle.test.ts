import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// What a production build ships, read file by file: nothing of the tests. The real-browser
// tests reach the extension through one test-only page (tests/harness/bridge/) that only
// `wxt build --mode test` adds, and through nothing inside the product code.

const ROOT = path.resolve(import.meta.dirname, '../..');
const TARGETS = [
  { browser: 'chrome', folder: 'chrome-mv3' },
  { browser: 'firefox', folder: 'firefox-mv2' },
] as const;

/** What no production file may contain: test globals, the bridge page, the tests' own modules, timing marks. */
const FORBIDDEN = ['__convoso', 'test-bridge', 'readArea', 'writeArea', '.bridge=', 'fake-indexeddb', 'performance.mark('];

let outDir: string;

/** Builds in a process of its own (WXT's `build`, as `npm run build` does), into a folder of this test's. */
async function productionBuild(browser: string): Promise<void> {
  const script = `import { build } from 'wxt'; await build({ browser: ${JSON.stringify(browser)}, mode: 'production', outDir: ${JSON.stringify(outDir)} });`;
  await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe('production builds contain nothing of the tests', () => {
  beforeAll(async () => {
    outDir = await mkdtemp(path.join(tmpdir(), 'convoso-production-'));
    // One at a time: one process per build, and two builds at once would share WXT's cache folder.
    for (const { browser } of TARGETS) await productionBuild(browser);
  }, 120_000);
  afterAll(() => rm(outDir, { recursive: true, force: true }));

  it.each(TARGETS)('$folder: no test global, test page or test-only module in any file', async ({ folder }) => {
    const files = await filesUnder(path.join(outDir, folder));
    expect(files.map((f) => path.basename(f))).toContain('manifest.json');
    expect(files.filter((f) => /bridge/i.test(path.basename(f)))).toEqual([]);
    const found: string[] = [];
    for (const file of files) {
      const text = (await readFile(file)).toString('latin1');
      for (const needle of FORBIDDEN) if (text.includes(needle)) found.push(`${path.relative(outDir, file)}: ${needle}`);
    }
    expect(found).toEqual([]);
  });
});
