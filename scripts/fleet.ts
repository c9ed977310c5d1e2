// `npm run fleet`: the fleet simulation of issue 21. It plays an agent's day,
// an idle day and the faults on the real background code, with WXT's fake
// browser and fake timers (so each case runs under Vitest, in a process of its
// own: scripts/fleet/vitest.config.ts), and writes calls per agent-hour, peak
// requests per second and the calls of 50, 500 and 5,000 agents to
// bench-results/fleet.json and fleet.md.
//   npm run fleet                          every case
//   npm run fleet -- --only=idle,outage    the cases whose names contain these
//   npm run fleet -- --chip-rows=50        chips for 50 rows a visit (default 20: the rows on screen)
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { report, type FleetResult } from './fleet/report';
import { SCENARIO_NAMES } from './fleet/scenario-names';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'bench-results');
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const only = (arg('only') ?? '').split(',').filter(Boolean);

await rm(path.join(OUT, 'fleet'), { recursive: true, force: true });
const result: FleetResult = { chipRows: Number(arg('chip-rows') ?? 20), distinctLeads: 0, hours: 0, popupRetryLoop: false, outcomes: [] };
for (const [index, name] of SCENARIO_NAMES.entries()) {
  if (only.length && !only.some((o) => name.includes(o))) continue;
  const started = Date.now();
  const env = { ...process.env, FLEET_SCENARIO: name, ...(arg('chip-rows') && { FLEET_CHIP_ROWS: arg('chip-rows') }) };
  const run = spawnSync('npx', ['vitest', 'run', '--config', 'scripts/fleet/vitest.config.ts', '--silent'], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
  if (run.status !== 0) {
    console.error(`${name}: failed`);
    process.exit(1);
  }
  const { outcome, ...meta } = JSON.parse(await readFile(path.join(OUT, 'fleet', `${index}.json`), 'utf8'));
  Object.assign(result, meta);
  result.outcomes.push(outcome);
  console.log(`${name}: ${outcome.calls} calls (${Math.round((Date.now() - started) / 1000)} s)`);
}
await mkdir(OUT, { recursive: true });
await writeFile(path.join(OUT, 'fleet.json'), `${JSON.stringify(result, null, 2)}\n`);
const table = report(result);
await writeFile(path.join(OUT, 'fleet.md'), table);
console.log(`\n${table}`);
