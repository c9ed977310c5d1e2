import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { testBuild } from '../support/test-builds';
import { findChromium, findFirefox, NO_BROWSER_MESSAGE, type BrowserName } from './browsers';

const BUILD_OF = { chromium: 'chrome', firefox: 'firefox' } as const;

/**
 * Each real-browser project (vitest.config.ts): build its browser's test-mode extension once
 * per run (the first project's setup starts the other's build beside its own), fail early
 * and clearly without the browser, and give the run a folder for profiles and downloads.
 */
export default async function setup(project: TestProject) {
  const browser = project.config.provide.e2eBrowser as BrowserName;
  if (!(browser === 'firefox' ? findFirefox() : findChromium())) throw new Error(NO_BROWSER_MESSAGE[browser]);
  for (const other of project.vitest.projects) {
    const name = other.config.provide?.e2eBrowser as BrowserName | undefined;
    if (name && name !== browser) void testBuild(BUILD_OF[name]);
  }
  const run = await mkdtemp(path.join(tmpdir(), `convoso-e2e-${browser}-`));
  project.provide('e2eRun', run);
  await testBuild(BUILD_OF[browser]);
  return async () => {
    await rm(run, { recursive: true, force: true, maxRetries: 3 });
  };
}
