import { buildDataset } from '../../mock-api/data';
import type { PopupRetry } from './agent';
import { agentDay, HOUR, MINUTE } from './day';
import { AGENT, DAY_START, type Scenario } from './run';
import { SCENARIO_NAMES } from './scenario-names';

// Issue 21's cases: the agent's day with and without chips, the idle day, the
// day under each fault, and one popup search against an API that always says
// slow down. Each runs in a process of its own (scripts/fleet.ts): a browser's
// leftovers never reach the next case.


export function buildScenarios(chipRows: number, popupRetry: PopupRetry): { scenarios: Scenario[]; distinctLeads: number; hours: number } {
  const dataset = buildDataset({ now: new Date(DAY_START) });
  const withChips = agentDay(dataset, AGENT, { chipRows });
  const noChips = agentDay(dataset, AGENT, { chipRows, listVisits: 0 });
  const oneSearch = { at: 0, kind: 'popup' as const, session: 0, query: { user_id: AGENT }, oneSearch: true };
  const day = { hours: withChips.hours, events: withChips.events, popupRetry };
  const slowDown = (retryAfter: string) => [{ kind: '429' as const, from: 0, until: 8 * HOUR, retryAfter }];
  const scenarios: Scenario[] = [
    { name: SCENARIO_NAMES[0], ...day },
    { name: SCENARIO_NAMES[1], hours: noChips.hours, events: noChips.events, popupRetry },
    { name: SCENARIO_NAMES[2], hours: 24, events: [], idle: [[10 * MINUTE, 'locked']], popupRetry },
    { name: SCENARIO_NAMES[3], ...day, faults: slowDown('1') },
    { name: SCENARIO_NAMES[4], ...day, faults: slowDown('2') },
    { name: SCENARIO_NAMES[5], ...day, faults: [{ kind: '503', from: 2 * HOUR, until: 2 * HOUR + 30 * MINUTE }] },
    { name: SCENARIO_NAMES[6], ...day, faults: [{ kind: 'outage', from: 0, until: 30_000 }] },
    { name: SCENARIO_NAMES[7], hours: 30 / 3600, events: [oneSearch], background: false, faults: [{ kind: '429', from: 0, until: HOUR, retryAfter: '1' }], popupRetry },
    { name: SCENARIO_NAMES[8], hours: 30 / 3600, events: [oneSearch], background: false, faults: [{ kind: '429', from: 0, until: HOUR, retryAfter: '2' }], popupRetry },
  ];
  return { scenarios, distinctLeads: withChips.distinctLeads, hours: withChips.hours };
}
