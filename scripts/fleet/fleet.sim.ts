import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'vitest';
import type { PopupRetry } from './agent';
import { runScenario } from './run';
import { buildScenarios } from './scenarios';

// One case of the fleet simulation (FLEET_SCENARIO, its exact name), run by
// scripts/fleet.ts in a process of its own; its figures go to
// bench-results/fleet/<index>.json. It measures; it asserts nothing.

const OUT = path.resolve(import.meta.dirname, '../../bench-results/fleet');
const name = process.env.FLEET_SCENARIO ?? '';
const chipRows = Number(process.env.FLEET_CHIP_ROWS ?? 20);

/** The popup keeps no retry loop of its own (issue 21): only the gate asks again. */
const retry: PopupRetry = null;

test(`fleet: ${name}`, { timeout: 30 * 60_000 }, async () => {
  const { scenarios, distinctLeads, hours } = buildScenarios(chipRows, retry);
  const index = scenarios.findIndex((s) => s.name === name);
  if (index < 0) throw new Error(`No fleet case named ${JSON.stringify(name)}`);
  const outcome = await runScenario(scenarios[index]!);
  await mkdir(OUT, { recursive: true });
  const meta = { chipRows, distinctLeads, hours, popupRetryLoop: retry !== null };
  await writeFile(path.join(OUT, `${index}.json`), `${JSON.stringify({ ...meta, outcome }, null, 2)}\n`);
});
