import { spawn } from 'node:child_process';
import path from 'node:path';

// Vitest runs the projects' global setups one after another, and each test build
// takes a few seconds of one core. The first setup starts both builds at once, each
// in its own process (one process cannot run two WXT builds), and each setup waits
// for its own. The promises live on globalThis: the two setup files may not share
// one instance of this module.

export type TestBrowser = 'chrome' | 'firefox';

const ROOT = path.resolve(import.meta.dirname, '../..');
const key = Symbol.for('convoso-callbacks.test-builds');
const builds: Map<TestBrowser, Promise<void>> = ((globalThis as Record<symbol, unknown>)[key] ??= new Map()) as Map<TestBrowser, Promise<void>>;

/** Builds the test-mode extension for `browser` once per run (`.output/<browser>-mv?-test`). */
export function testBuild(browser: TestBrowser): Promise<void> {
  let build = builds.get(browser);
  if (!build) {
    build = run(browser);
    // Started early for a setup that awaits it later; a failure is reported there.
    build.catch(() => undefined);
    builds.set(browser, build);
  }
  return build;
}

function run(browser: TestBrowser): Promise<void> {
  const wxt = path.join(ROOT, 'node_modules/wxt/bin/wxt.mjs');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [wxt, 'build', '-b', browser, '--mode', 'test'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`The ${browser} test build failed (exit ${code}):\n${output}`))));
  });
}
