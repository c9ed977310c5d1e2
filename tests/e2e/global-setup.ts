import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { findFirefox } from '../e2e-firefox/firefox-path';
import { testBuild } from '../support/test-builds';
import { findChromium } from './chromium-path';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where this run's Chromium profiles go (browser-pool.ts); removed when the run ends. */
    e2eProfiles: string;
  }
}

/** Build the test-mode extension once per run; fail early and clearly when no browser exists. */
export default async function setup(project: TestProject) {
  await findChromium();
  // The Firefox project's setup runs after this one: its build starts now, beside ours.
  if (findFirefox() && project.vitest.projects.some((p) => p.name === 'e2e-firefox')) void testBuild('firefox');
  const profiles = await mkdtemp(path.join(tmpdir(), 'convoso-e2e-run-'));
  project.provide('e2eProfiles', profiles);
  await testBuild('chrome');
  return async () => {
    await rm(profiles, { recursive: true, force: true, maxRetries: 3 });
  };
}
