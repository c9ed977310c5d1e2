import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { testBuild } from '../support/test-builds';
import { findFirefox, NO_FIREFOX_MESSAGE } from './firefox-path';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where this run's Firefox profiles and download folders go (firefox-pool.ts); removed when the run ends. */
    firefoxRun: string;
  }
}

/** Build the Firefox test-mode extension once per run (perhaps started already), or say once why the Firefox tests skip. */
export default async function setup(project: TestProject) {
  if (!findFirefox()) {
    console.warn(NO_FIREFOX_MESSAGE);
    return;
  }
  // A worker's last Firefox lives until the worker ends, which may not leave it time to
  // remove its profile: the run's folder goes once every file is done.
  const run = await mkdtemp(path.join(tmpdir(), 'convoso-ff-run-'));
  project.provide('firefoxRun', run);
  await testBuild('firefox');
  return async () => {
    await rm(run, { recursive: true, force: true, maxRetries: 3 });
  };
}
