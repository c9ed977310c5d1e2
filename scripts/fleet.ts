// `npm run fleet`: the fleet simulation of issue 21. It plays an agent's day,
// an idle day and the faults on the real background code, with WXT's fake
// browser and fake timers (so it runs under Vitest, scripts/fleet/vitest.config.ts),
// and writes calls per agent-hour, peak requests per second and the calls of
// 50, 500 and 5,000 agents to bench-results/fleet.json and fleet.md.
//   npm run fleet                          every case
//   npm run fleet -- --only=idle,outage    the cases whose names contain these
//   npm run fleet -- --chip-rows=15        chips asking for 15 rows a visit (default 50)
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];

const env = { ...process.env };
if (arg('only')) env.FLEET_ONLY = arg('only');
if (arg('chip-rows')) env.FLEET_CHIP_ROWS = arg('chip-rows');

const run = spawnSync('npx', ['vitest', 'run', '--config', 'scripts/fleet/vitest.config.ts'], { cwd: ROOT, env, stdio: 'inherit' });
process.exit(run.status ?? 1);
