import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'wxt';

// What the production content script, which loads on every CRM page, holds: it
// is built here (that entry alone) and its modules and text are read.

const quiet = { debug() {}, log() {}, info() {}, warn() {}, error() {}, fatal() {}, success() {}, level: 0 };
let outDir: string;
let modules: string[] = [];
let code = '';

beforeAll(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), 'convoso-content-'));
  const output = await build({ browser: 'chrome', mode: 'production', outDir, filterEntrypoints: ['content'], logger: quiet });
  const chunk = output.steps.flatMap((s) => s.chunks).find((c) => c.fileName === 'content-scripts/content.js');
  if (chunk?.type !== 'chunk') throw new Error('no content script was built');
  modules = chunk.moduleIds.map((id) => id.split(path.sep).join('/'));
  code = await readFile(path.join(outDir, 'chrome-mv3', chunk.fileName), 'utf8');
}, 120_000);
afterAll(() => rm(outDir, { recursive: true, force: true }));

const from = (part: string) => modules.filter((id) => id.includes(part));

describe('the built content script', () => {
  it('holds no valibot: message definitions are imported as types only', () => {
    expect(from('/node_modules/valibot/')).toEqual([]);
    expect(code).not.toContain('vendor:"valibot"');
  });

  it('holds none of the badge’s UI nor its words (they are the frame’s): no Preact, no summary text', () => {
    expect(from('/node_modules/preact/')).toEqual([]);
    expect(from('/components/')).toEqual([]);
    expect(code).not.toMatch(/past due|Next: /);
  });

  it('runs on its own context, not WXT’s: no start-up event or message a page can hear or send (issue 20, item 6)', () => {
    expect(from('utils/lookup/content/context.ts')).toHaveLength(1);
    expect(from('wxt/dist/utils/content-script-context')).toEqual([]);
    expect(from('wxt/dist/utils/internal/location-watcher')).toEqual([]);
    expect(code).not.toMatch(/content-script-started|wxt:|dispatchEvent/);
  });

  it('has no __convoso name and no test-only branch', () => {
    expect(code).not.toContain('__convoso');
    expect(code).not.toContain('convoso-callbacks:shown');
  });
});
