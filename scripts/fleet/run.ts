import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../entrypoints/background/index';
import { AGENTS } from '../../mock-api/catalog';
import { buildDataset, type Dataset } from '../../mock-api/data';
import { createRng } from '../../mock-api/prng';
import { searchCallbacks } from '../../mock-api/search';
import { localTokenSetting, userIdSetting } from '../../utils/connection/settings';
import { dueBadgeSetting, remindersSetting } from '../../utils/reminders/reminder-settings';
import { saveSites } from '../../utils/sites/store';
import { createAgent, type PopupRetry } from './agent';
import { installSimBrowser, type IdleState } from './browser';
import { HOUR, MINUTE, type DayEvent } from './day';
import { createNetwork, type Fault } from './network';
import type { Outcome } from './report';
import { figures } from './stats';

// One browser's day, played on the real background (entrypoints/background)
// with WXT's fake browser and fake timers: what it sends to Convoso.

export const DAY_START = Date.parse('2026-03-02T15:00:00Z');
export const TOKEN = 'fleet-token-not-a-real-secret';
export const AGENT = AGENTS[3]!.id;

export interface Scenario {
  name: string;
  hours: number;
  events: readonly DayEvent[];
  faults?: readonly Fault[];
  /** The idle state over the day: [from (ms), state], in order. Default active all day. */
  idle?: readonly (readonly [number, IdleState])[];
  popupRetry: PopupRetry;
  /** The toolbar count and reminders switched on. Default true. */
  background?: boolean;
}


const yieldReal = () => new Promise<void>((resolve) => setImmediate(resolve));

const truth = new Map<string, string>();

/** The toolbar count Convoso would give the agent now: its due callbacks, today and before. */
function trueCount(dataset: Dataset): string {
  const today = new Date(Date.now()).toISOString().slice(0, 10);
  const known = truth.get(today);
  if (known !== undefined) return known;
  const total = (stage: string) => {
    const r = searchCallbacks(dataset, { user_id: AGENT, end_date: today, stage, limit: '1' });
    return r.success ? Number(r.data.total) : 0;
  };
  const n = total('PENDING') + total('PASTDUE');
  const text = n <= 0 ? '' : n > 999 ? '999+' : String(n);
  truth.set(today, text);
  return text;
}

async function configure(background: boolean): Promise<void> {
  await localTokenSetting.set(TOKEN);
  await userIdSetting.set(AGENT);
  await dueBadgeSetting.set(background);
  await remindersSetting.set(background);
  const saved = await saveSites([
    { id: 'crm', pattern: 'https://crm.example.com/*', mode: 'badge', rules: [] },
    { id: 'list', pattern: 'https://list.example.com/*', mode: 'inline', rules: [] },
  ]);
  if (!saved.ok) throw new Error(saved.message);
}

export async function runScenario(scenario: Scenario): Promise<Outcome> {
  truth.clear();
  vi.useFakeTimers({ now: DAY_START, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  try {
    const dataset = buildDataset({ now: new Date(DAY_START) });
    // The code's own jitter, seeded: every run of a case gives the same figures.
    vi.spyOn(Math, 'random').mockImplementation(createRng(2026).next);
    const sim = installSimBrowser();
    const network = createNetwork(dataset, DAY_START, scenario.faults);
    vi.stubGlobal('fetch', network.fetch);
    await configure(scenario.background ?? true);
    (background as unknown as { main(): void }).main();
    void fakeBrowser.runtime.onStartup.trigger();

    const end = DAY_START + scenario.hours * HOUR;
    const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
    const agent = createAgent({ wait, popupRetry: scenario.popupRetry });
    const events = [...scenario.events];
    const idle = [...(scenario.idle ?? [])];
    const faultsEnd = Math.max(0, ...(scenario.faults ?? []).map((f) => f.until));
    // Only a fault that ends within the day has an "after".
    const recovers = Boolean(scenario.faults?.length) && scenario.background !== false && faultsEnd < scenario.hours * HOUR;
    let actors = 0;
    let busyUntil = 0;
    let countRightAt: number | null = null;

    while (Date.now() < end) {
      const t = Date.now() - DAY_START;
      while (idle.length && idle[0]![0] <= t) await sim.setIdle(idle.shift()![1]);
      while (events.length && events[0]!.at <= t) {
        actors++;
        void agent.play(events.shift()!).finally(() => actors--);
      }
      if ((await sim.fireAlarms()) > 0) busyUntil = Date.now() + 3_000;
      // Right: Convoso's count, and not the last one kept while refreshes failed.
      if (recovers && countRightAt === null && t >= faultsEnd && (await fakeBrowser.action.getBadgeText({})) === trueCount(dataset) && !/not updated/.test(await fakeBrowser.action.getTitle({}))) {
        countRightAt = t;
      }
      const busy = actors > 0 || network.inFlight() > 0 || Date.now() < busyUntil;
      const nextEvent = events.length ? DAY_START + events[0]!.at : Infinity;
      const step = busy ? 50 : Math.max(1, Math.min(1_000, nextEvent - Date.now(), (await sim.nextAlarmAt()) - Date.now()));
      await vi.advanceTimersByTimeAsync(step);
      await yieldReal();
      await yieldReal();
    }
    const outcome: Outcome = { name: scenario.name, ...figures(network.calls, scenario.hours) };
    if (recovers) outcome.countRightAfterMs = countRightAt === null ? null : countRightAt - faultsEnd;
    return outcome;
  } finally {
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
    vi.useRealTimers();
  }
}

export { MINUTE, HOUR };
