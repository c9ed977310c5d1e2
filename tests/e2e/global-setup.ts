import type { TestProject } from 'vitest/node';
import { findFirefox } from '../e2e-firefox/firefox-path';
import { testBuild } from '../support/test-builds';
import { findChromium } from './chromium-path';

/** Build the test-mode extension once per run; fail early and clearly when no browser exists. */
export default async function setup(project: TestProject) {
  await findChromium();
  // The Firefox project's setup runs after this one: its build starts now, beside ours.
  if (findFirefox() && project.vitest.projects.some((p) => p.name === 'e2e-firefox')) void testBuild('firefox');
  await testBuild('chrome');
}
