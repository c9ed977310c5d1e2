import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Callback, SearchPage } from '../core/api/model';
import type { SearchQueryInput } from '../core/api/query-input';
import type { ServiceError } from '../core/messaging/replies';
import { readAgent } from '../connection/account';
import { timeZoneSetting, userIdSetting } from '../connection/settings';
import { createBackgroundRefresh, type Trigger } from './background-refresh';
import { DUE_COLOR, PAST_DUE_COLOR, STALE_COLOR } from './due-count';
import { REMINDER_LIMIT } from './due-fetch';
import { dueBadgeMinutesSetting, dueBadgeSetting, reminderMinutesSetting, remindersSetting } from './reminder-settings';
import { REMINDER_NEXT_ALARM } from './reminders';
import { REFRESH_ALARM, RETRY_ALARM } from './refresh-schedule';

const ZONE = 'America/New_York';
// 2025-06-03 14:00 in New York (EDT, UTC-4).
const T0 = Date.parse('2025-06-03T18:00:00Z');
const MIN = 60_000;
const DOWN: ServiceError = { kind: 'network', message: "Couldn't reach Convoso." };

const cb = (id: string, local: string, over: Partial<Callback> = {}): Callback =>
  ({
    id, leadId: '5001', listId: '', campaignId: '', userId: '77', stage: 'pending', stageLabel: 'Pending',
    recipient: 'personal', recipientLabel: 'Personal', callbackTime: { local }, createdAt: null, modifiedAt: null, seenAt: null,
    status: '', statusName: '', userName: '', campaignName: '', campaignType: '', directoryName: '', comments: 'Call about the quote', context: '', raw: {},
    ...over,
  }) as Callback;

const pageOf = (results: Callback[], total = results.length): SearchPage => ({ offset: 0, limit: 500, total, results });

/** Convoso for the agent: `pending` Pending callbacks (listed), `pastDue` Past due; `down` answers every search with an error. */
function convoso(state: { pending: Callback[]; pastDue: number; down?: ServiceError }) {
  return vi.fn(async (q: SearchQueryInput) => {
    if (state.down) return { ok: false as const, error: state.down };
    if (q.stage === 'PASTDUE') return { ok: true as const, page: pageOf([], state.pastDue) };
    const results = state.pending.filter((c) => (!q.start_date || c.callbackTime!.local >= String(q.start_date)) && c.callbackTime!.local.slice(0, 10) <= String(q.end_date));
    return { ok: true as const, page: pageOf(results.slice(0, Number(q.limit)), results.length) };
  });
}

const hex = ([r, g, b]: number[]) => `#${[r, g, b].map((n) => n!.toString(16).padStart(2, '0')).join('')}`;

/** What the toolbar icon shows now (WXT's fake browser keeps it). */
async function toolbar() {
  const action = fakeBrowser.action;
  return { text: await action.getBadgeText({}), color: hex(await action.getBadgeBackgroundColor({})), title: await action.getTitle({}) };
}

/** The notifications shown so far, oldest first. */
async function shown() {
  const all = (await fakeBrowser.notifications.getAll()) as Record<string, { title: string; message: string }>;
  return Object.entries(all).map(([id, n]) => ({ id, title: n.title, message: n.message }));
}

async function setUp(settings: { count?: boolean; reminders?: boolean; minutes?: number } = {}) {
  await userIdSetting.set('77');
  await timeZoneSetting.set(ZONE);
  await dueBadgeSetting.set(settings.count ?? true);
  await remindersSetting.set(settings.reminders ?? false);
  await reminderMinutesSetting.set(10);
  if (settings.minutes) await dueBadgeMinutesSetting.set(settings.minutes);
}

beforeEach(() => {
  fakeBrowser.reset();
  vi.useFakeTimers({ now: T0, toFake: ['Date'] });
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('the toolbar count', () => {
  it('counts the due callbacks with two one-result searches (due-queries.ts), and keeps a schedule', async () => {
    await setUp({ minutes: 20 });
    const search = convoso({ pending: [cb('1', '2025-06-03T15:00:00')], pastDue: 2 });
        await createBackgroundRefresh({ search, agent: readAgent }).refresh('user');
    expect(search.mock.calls.map(([q]) => q)).toEqual([
      { user_id: '77', end_date: '2025-06-03', stage: 'PENDING', offset: 0, limit: 1 },
      { user_id: '77', end_date: '2025-06-03', stage: 'PASTDUE', offset: 0, limit: 1 },
    ]);
    expect(await toolbar()).toEqual({ text: '3', color: PAST_DUE_COLOR, title: 'Convoso Callbacks: 3 due callbacks, 2 past due' });
    expect((await fakeBrowser.alarms.get(REFRESH_ALARM))?.periodInMinutes).toBe(20);
  });

  it('refreshes every 15 minutes unless the agent chose otherwise', async () => {
    await setUp();
    await createBackgroundRefresh({ search: convoso({ pending: [], pastDue: 0 }), agent: readAgent }).refresh('user');
    expect((await fakeBrowser.alarms.get(REFRESH_ALARM))?.periodInMinutes).toBe(15);
  });

  it('starts its period at a moment of its own: two browsers started together do not ask together', async () => {
    await setUp();
    const firsts: number[] = [];
    for (const r of [0.01, 0.99]) {
      fakeBrowser.alarms.resetState();
      vi.spyOn(Math, 'random').mockReturnValue(r);
      await createBackgroundRefresh({ search: convoso({ pending: [], pastDue: 0 }), agent: readAgent }).ensure();
      firsts.push((await fakeBrowser.alarms.get(REFRESH_ALARM))!.scheduledTime - T0);
    }
    expect(firsts[0]).not.toBe(firsts[1]);
    for (const first of firsts) expect(first).toBeGreaterThan(0);
    for (const first of firsts) expect(first).toBeLessThanOrEqual(15 * MIN);
  });

  it('takes over from an earlier version’s alarms', async () => {
    await setUp();
    await fakeBrowser.alarms.create('due-count', { periodInMinutes: 5 });
    await fakeBrowser.alarms.create('reminders-poll', { periodInMinutes: 5 });
    await createBackgroundRefresh({ search: convoso({ pending: [], pastDue: 0 }), agent: readAgent }).ensure();
    expect((await fakeBrowser.alarms.getAll()).map((a) => [a.name, a.periodInMinutes])).toEqual([[REFRESH_ALARM, 15]]);
  });

  it('makes the schedule before it asks: a refresh that never comes back leaves the next one planned', async () => {
    await setUp();
    const hung = vi.fn(() => new Promise<never>(() => {}));
    void createBackgroundRefresh({ search: hung, agent: readAgent }).refresh('user');
    await vi.waitFor(() => expect(hung).toHaveBeenCalled());
    expect(await fakeBrowser.alarms.get(REFRESH_ALARM)).toBeDefined();
  });

  it('after a failure keeps the last count greyed, tries again soon with backoff, and is right again once Convoso answers', async () => {
    await setUp();
    const convosoState: { pending: Callback[]; pastDue: number; down?: ServiceError } = { pending: [], pastDue: 4 };
    const search = convoso(convosoState);
        const refresher = createBackgroundRefresh({ search, agent: readAgent });
    await refresher.refresh('user');
    expect(await toolbar()).toMatchObject({ text: '4', color: PAST_DUE_COLOR });

    convosoState.down = DOWN;
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      vi.setSystemTime(Date.now() + 16 * MIN);
      await refresher.refresh(i === 0 ? 'scheduled' : 'retry');
      delays.push((await fakeBrowser.alarms.get(RETRY_ALARM))!.scheduledTime - Date.now());
    }
    expect(await toolbar()).toMatchObject({ text: '4', color: STALE_COLOR, title: expect.stringMatching(/^Convoso Callbacks: due count not updated since .*Couldn't reach Convoso\.\)$/) });
    expect(delays[1]!).toBeGreaterThan(delays[0]!);
    expect(Math.max(...delays)).toBeLessThanOrEqual(15 * MIN);
    expect(await fakeBrowser.alarms.get(REFRESH_ALARM)).toBeDefined();

    convosoState.down = undefined;
    convosoState.pastDue = 1;
    await refresher.refresh('retry');
    expect(await toolbar()).toMatchObject({ text: '1', color: PAST_DUE_COLOR });
    expect(await fakeBrowser.alarms.get(RETRY_ALARM)).toBeUndefined();
  });

  it('an outage at start: "?" with the reason, then the count once Convoso is back', async () => {
    await setUp();
    const convosoState: { pending: Callback[]; pastDue: number; down?: ServiceError } = { pending: [], pastDue: 2, down: DOWN };
        const refresher = createBackgroundRefresh({ search: convoso(convosoState), agent: readAgent });
    await refresher.refresh('soon');
    expect(await toolbar()).toMatchObject({ text: '?', color: STALE_COLOR });
    const retryIn = (await fakeBrowser.alarms.get(RETRY_ALARM))!.scheduledTime - Date.now();
    expect(retryIn).toBeLessThanOrEqual(15 * MIN);
    convosoState.down = undefined;
    vi.setSystemTime(Date.now() + retryIn);
    await refresher.refresh('retry');
    expect(await toolbar()).toMatchObject({ text: '2' });
  });

  it('pauses (no schedule, empty badge) when the token is missing or refused', async () => {
    await setUp();
        await createBackgroundRefresh({ search: convoso({ pending: [], pastDue: 0, down: { kind: 'auth', message: 'Refused.' } }), agent: readAgent }).refresh('user');
    expect(await toolbar()).toMatchObject({ text: '', title: expect.stringContaining('paused') });
    expect(await fakeBrowser.alarms.getAll()).toEqual([]);
  });

  it('says on the toolbar when its own settings cannot be read, and goes on with their defaults (CONTRACTS §7)', async () => {
    await setUp();
    // A value the extension did not write: not sealed, so it cannot be trusted nor read.
    await fakeBrowser.storage.local.set({ dueBadgeMinutes: 3 });
    await createBackgroundRefresh({ search: convoso({ pending: [], pastDue: 2 }), agent: readAgent }).refresh('user');
    expect(await toolbar()).toMatchObject({ text: '2', title: expect.stringMatching(/^Convoso Callbacks: 2 due callbacks, 2 past due\. The toolbar count refresh interval .*using the default\. Check the toolbar count and reminders in the options\.$/) });
    expect((await fakeBrowser.alarms.get(REFRESH_ALARM))?.periodInMinutes).toBe(15);
    // Nothing in the background writes over it: the person chooses, in the options.
    expect((await fakeBrowser.storage.local.get('dueBadgeMinutes')).dueBadgeMinutes).toBe(3);
  });

  it('asks nothing and keeps no schedule while off or without a user ID', async () => {
    await setUp({ count: false });
    const search = convoso({ pending: [], pastDue: 0 });
    await createBackgroundRefresh({ search, agent: readAgent }).refresh('user');
    expect(search).not.toHaveBeenCalled();
    expect(await fakeBrowser.alarms.getAll()).toEqual([]);
  });

  it('a refresh asked for during one runs once more afterwards', async () => {
    await setUp();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const inner = convoso({ pending: [], pastDue: 1 });
    const search = vi.fn(async (q: SearchQueryInput) => (await gate, inner(q)));
    const refresher = createBackgroundRefresh({ search, agent: readAgent });
    const runs = [refresher.refresh('user'), refresher.refresh('user'), refresher.refresh('user')];
    release();
    await Promise.all(runs);
    expect(search).toHaveBeenCalledTimes(4);
  });
});

describe('nobody at the computer', () => {
  const idle = (state: 'active' | 'idle' | 'locked') => {
    (fakeBrowser as unknown as { idle: unknown }).idle = { queryState: async () => state, setDetectionInterval: () => undefined, onStateChanged: { addListener: () => undefined } };
  };

  it.each(['idle', 'locked'] as const)('%s: scheduled refreshes ask nothing; a person’s change still does', async (state) => {
    await setUp();
    idle(state);
    const search = convoso({ pending: [], pastDue: 1 });
    const refresher = createBackgroundRefresh({ search, agent: readAgent });
    for (const trigger of ['scheduled', 'retry', 'soon'] as Trigger[]) await refresher.refresh(trigger);
    expect(search).not.toHaveBeenCalled();
    await refresher.refresh('user');
    expect(search).toHaveBeenCalledTimes(2);
  });

  it('coming back refreshes a count older than its period, not a fresh one', async () => {
    await setUp();
    idle('active');
    const search = convoso({ pending: [], pastDue: 1 });
    const refresher = createBackgroundRefresh({ search, agent: readAgent });
    await refresher.refresh('user');
    await refresher.refresh('return');
    expect(search).toHaveBeenCalledTimes(2);
    vi.setSystemTime(T0 + 16 * MIN);
    await refresher.refresh('return');
    expect(search).toHaveBeenCalledTimes(4);
  });
});

describe('reminders, with the count’s search', () => {
  it('one Pending search lists what reminders need: no search of their own', async () => {
    await setUp({ reminders: true });
    const search = convoso({ pending: [cb('1', '2025-06-03T14:05:00'), cb('2', '2025-06-03T14:30:00')], pastDue: 0 });
            await createBackgroundRefresh({ search, agent: readAgent }).refresh('user');
    expect(search.mock.calls.map(([q]) => q)).toEqual([
      { user_id: '77', end_date: '2025-06-03', stage: 'PENDING', offset: 0, limit: REMINDER_LIMIT },
      { user_id: '77', end_date: '2025-06-03', stage: 'PASTDUE', offset: 0, limit: 1 },
    ]);
    expect(await toolbar()).toMatchObject({ text: '2', color: DUE_COLOR });
    expect(await shown()).toEqual([{ id: 'callback-reminder:5001:1', title: 'Callback in 5 min', message: expect.stringContaining('Lead 5001 at Jun 3, 2025, 2:05') }]);
    expect((await fakeBrowser.alarms.get(REMINDER_NEXT_ALARM))?.scheduledTime).toBe(T0 + 20 * MIN);
  });

  it('at a reminder’s time shows it from the list just read, without asking again; nothing twice, even after a restart', async () => {
    await setUp({ reminders: true, count: false });
    const search = convoso({ pending: [cb('1', '2025-06-03T14:05:00'), cb('2', '2025-06-03T14:30:00')], pastDue: 0 });
        const make = () => createBackgroundRefresh({ search, agent: readAgent });
    await make().refresh('user');
    vi.setSystemTime(T0 + 15 * MIN);
    await make().refresh('scheduled');
    expect(search).toHaveBeenCalledTimes(2);
    vi.setSystemTime(T0 + 20 * MIN);
    await make().refresh('reminder');
    expect(search).toHaveBeenCalledTimes(2);
    await make().refresh('user');
    expect((await shown()).map((s) => s.id)).toEqual(['callback-reminder:5001:1', 'callback-reminder:5001:2']);
    expect((await shown())[1]!.title).toBe('Callback in 10 min');
  });

  it('asks for today’s list on its own when more Pending callbacks exist than one search lists, and for tomorrow’s near midnight', async () => {
    await setUp({ reminders: true });
    const old = Array.from({ length: REMINDER_LIMIT }, (_, i) => cb(`o${i}`, '2025-05-01T09:00:00'));
    const search = convoso({ pending: [...old, cb('1', '2025-06-03T14:05:00')], pastDue: 0 });
        await createBackgroundRefresh({ search, agent: readAgent }).refresh('user');
    expect(search.mock.calls[2]![0]).toMatchObject({ stage: 'PENDING', start_date: '2025-06-03', end_date: '2025-06-03' });
    expect((await shown()).map((s) => s.id)).toEqual(['callback-reminder:5001:1']);

    // 23:50 in New York: tomorrow's first callbacks are within reach.
    vi.setSystemTime(Date.parse('2025-06-04T03:50:00Z'));
    search.mockClear();
    await createBackgroundRefresh({ search, agent: readAgent }).refresh('user');
    expect(search.mock.calls.some(([q]) => q.start_date === '2025-06-04' && q.end_date === '2025-06-04')).toBe(true);
  });

  it('without the notifications permission the Pending search only counts', async () => {
    await setUp({ reminders: true });
    const api = fakeBrowser.notifications;
    (fakeBrowser as { notifications?: unknown }).notifications = undefined;
    try {
      const search = convoso({ pending: [cb('1', '2025-06-03T14:05:00')], pastDue: 0 });
      await createBackgroundRefresh({ search, agent: readAgent }).refresh('user');
      expect(search.mock.calls.map(([q]) => q.limit)).toEqual([1, 1]);
    } finally {
      (fakeBrowser as { notifications?: unknown }).notifications = api;
    }
  });

  it('follow the administrator: no reminders, no count, a longer period', async () => {
    await setUp({ reminders: true });
    await fakeBrowser.storage.managed.set({ allowToolbarCount: false, allowReminders: false });
    const search = convoso({ pending: [], pastDue: 0 });
    await createBackgroundRefresh({ search, agent: readAgent }).refresh('user');
    expect(search).not.toHaveBeenCalled();

    await fakeBrowser.storage.managed.set({ allowToolbarCount: true, allowReminders: true, minRefreshMinutes: 45 });
    await createBackgroundRefresh({ search, agent: readAgent }).refresh('user');
    expect((await fakeBrowser.alarms.get(REFRESH_ALARM))?.periodInMinutes).toBe(45);
  });
});
