import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'vitest';
import { buildDataset } from '../../mock-api/data';
import type { PopupRetry } from './agent';
import { agentDay, HOUR, MINUTE, type DayOptions } from './day';
import { report } from './report';
import { AGENT, DAY_START, runScenario, type Outcome, type Scenario } from './run';

// `npm run fleet` runs this file (scripts/fleet.ts): the scenarios of issue 21,
// each a simulated browser, and their figures in bench-results/fleet.json.
// It measures; it asserts nothing.

const OUT = path.resolve(import.meta.dirname, '../../bench-results');
const only = (process.env.FLEET_ONLY ?? '').split(',').filter(Boolean);
const chipRows = Number(process.env.FLEET_CHIP_ROWS ?? 50);

/** The popup's own waits on a rate-limited answer, where this version of the UI still has them. */
async function popupRetry(): Promise<PopupRetry> {
  try {
    const ui = (await import('../../utils/search/rate-limit')) as { nextAutoWait?: (ms: number | undefined, waited: number) => number | null };
    return ui.nextAutoWait ?? null;
  } catch {
    return null;
  }
}

test('fleet', { timeout: 60 * 60_000 }, async () => {
  const retry = await popupRetry();
  const dataset = buildDataset({ now: new Date(DAY_START) });
  const day = (o: DayOptions = {}) => agentDay(dataset, AGENT, { chipRows, ...o });
  const withChips = day();
  const noChips = day({ listVisits: 0 });
  const oneSearch = { at: 0, kind: 'popup' as const, session: 0, query: { user_id: AGENT } };
  const scenarios: Scenario[] = [
    { name: 'day, chips on', hours: withChips.hours, events: withChips.events, popupRetry: retry },
    { name: 'day, chips off', hours: noChips.hours, events: noChips.events, popupRetry: retry },
    { name: 'idle browser', hours: 24, events: [], idle: [[10 * MINUTE, 'locked']], popupRetry: retry },
    { name: 'day, 429 Retry-After 1 s', hours: 8, events: withChips.events, faults: [{ kind: '429', from: 0, until: 8 * HOUR, retryAfter: '1' }], popupRetry: retry },
    { name: 'day, 429 Retry-After 2 s', hours: 8, events: withChips.events, faults: [{ kind: '429', from: 0, until: 8 * HOUR, retryAfter: '2' }], popupRetry: retry },
    { name: 'day, 30 min of 503', hours: 8, events: withChips.events, faults: [{ kind: '503', from: 2 * HOUR, until: 2 * HOUR + 30 * MINUTE }], popupRetry: retry },
    { name: 'day, 30 s outage at start', hours: 8, events: withChips.events, faults: [{ kind: 'outage', from: 0, until: 30_000 }], popupRetry: retry },
    { name: 'one popup search, 429 Retry-After 1 s', hours: 0.05, events: [oneSearch], background: false, faults: [{ kind: '429', from: 0, until: HOUR, retryAfter: '1' }], popupRetry: retry },
    { name: 'one popup search, 429 Retry-After 2 s', hours: 0.05, events: [oneSearch], background: false, faults: [{ kind: '429', from: 0, until: HOUR, retryAfter: '2' }], popupRetry: retry },
  ];
  const outcomes: Outcome[] = [];
  for (const scenario of scenarios) {
    if (only.length && !only.some((o) => scenario.name.includes(o))) continue;
    const started = performance.now();
    outcomes.push(await runScenario(scenario));
    console.log(`${scenario.name}: ${outcomes.at(-1)!.calls} calls (${Math.round(performance.now() - started)} ms)`);
  }
  const result = { chipRows, distinctLeads: withChips.distinctLeads, hours: withChips.hours, popupRetryLoop: retry !== null, outcomes };
  await mkdir(OUT, { recursive: true });
  await writeFile(path.join(OUT, 'fleet.json'), `${JSON.stringify(result, null, 2)}\n`);
  const table = report(result);
  await writeFile(path.join(OUT, 'fleet.md'), table);
  console.log(`\n${table}`);
});
