import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { SearchQueryInput } from '../core/api/query-input';
import type { ServiceError } from '../core/messaging/replies';
import { DUE_ALARM, DUE_COLOR, PAST_DUE_COLOR, countDue, createDueCount, dueBadgeText, type BadgeApi } from './due-count';
import { writeArea } from '../../tests/support/sealed-areas';
import { readAgent } from '../connection/account';

beforeEach(() => fakeBrowser.reset());

describe('dueBadgeText', () => {
  it.each([
    [0, false, ''],
    [1, false, '1'],
    [999, false, '999'],
    [1000, false, '999+'],
    [12, true, '12+'],
  ])('%i (at least: %s) → %j', (n, atLeast, text) => {
    expect(dueBadgeText(n, atLeast)).toBe(text);
  });
});

const page = (total: number) => ({ ok: true as const, page: { offset: 0, limit: 1, total, results: [] } });

function fakeAction() {
  const state = { text: '', color: '', title: '' };
  const action: BadgeApi = {
    setBadgeText: async ({ text }) => void (state.text = text),
    setBadgeBackgroundColor: async ({ color }) => void (state.color = color),
    setTitle: async ({ title }) => void (state.title = title),
  };
  return { state, action };
}

describe('countDue', () => {
  it('asks two one-result searches up to today for the agent, Pending and Past due', async () => {
    const search = vi.fn(async (q: SearchQueryInput) => page(q.stage === 'PENDING' ? 4 : 2));
    expect(await countDue(search, '77', '2025-06-03')).toEqual({ ok: true, pending: 4, pastDue: 2, atLeast: false });
    expect(search.mock.calls.map(([q]) => q)).toEqual([
      { user_id: '77', end_date: '2025-06-03', stage: 'PENDING', offset: 0, limit: 1 },
      { user_id: '77', end_date: '2025-06-03', stage: 'PASTDUE', offset: 0, limit: 1 },
    ]);
  });
});

describe('createDueCount', () => {
  // 2025-06-03 06:30 UTC is still 2 June in Los Angeles: "today" is the account's.
  const now = () => new Date('2025-06-03T06:30:00Z');

  it('shows nothing and sends nothing while off or without a user ID', async () => {
    const search = vi.fn(async () => page(3));
    const { state, action } = fakeAction();
    await writeArea('local', { dueBadge: true });
    await createDueCount({ agent: readAgent, search, action, now }).refresh();
    expect(search).not.toHaveBeenCalled();
    expect(state.text).toBe('');
    expect(await fakeBrowser.alarms.get(DUE_ALARM)).toBeUndefined();
  });

  it('counts in the account zone, turns red when something is past due, and sets the alarm interval', async () => {
    await writeArea('local', { dueBadge: true, userId: '77', timeZone: 'America/Los_Angeles', dueBadgeMinutes: 3 });
    const search = vi.fn(async (q: SearchQueryInput) => page(q.stage === 'PENDING' ? 5 : 1));
    const { state, action } = fakeAction();
    await createDueCount({ agent: readAgent, search, action, now }).refresh();
    expect(search.mock.calls[0]![0]).toMatchObject({ end_date: '2025-06-02' });
    expect(state).toEqual({ text: '6', color: PAST_DUE_COLOR, title: 'Convoso Callbacks: 6 due callbacks, 1 past due' });
    expect((await fakeBrowser.alarms.get(DUE_ALARM))?.periodInMinutes).toBe(3);

    search.mockImplementation(async (q) => page(q.stage === 'PENDING' ? 1200 : 0));
    await createDueCount({ agent: readAgent, search, action, now }).refresh();
    expect(state).toMatchObject({ text: '999+', color: DUE_COLOR });
  });

  it('pauses (no alarm, empty badge) when the token is missing or refused', async () => {
    await writeArea('local', { dueBadge: true, userId: '77' });
    await fakeBrowser.alarms.create(DUE_ALARM, { periodInMinutes: 5 });
    const refused: ServiceError = { kind: 'auth', message: 'Convoso refused the API token.' } as ServiceError;
    const search = vi.fn(async () => ({ ok: false as const, error: refused }));
    const { state, action } = fakeAction();
    await createDueCount({ agent: readAgent, search, action, now }).refresh();
    expect(state.text).toBe('');
    expect(state.title).toContain('paused');
    expect(await fakeBrowser.alarms.get(DUE_ALARM)).toBeUndefined();
  });

  it('a refresh asked during one runs once more afterwards', async () => {
    await writeArea('local', { dueBadge: true, userId: '77' });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const search = vi.fn(async () => {
      await gate;
      return page(1);
    });
    const { action } = fakeAction();
    const due = createDueCount({ agent: readAgent, search, action, now });
    const first = due.refresh();
    const second = due.refresh();
    const third = due.refresh();
    release();
    await Promise.all([first, second, third]);
    expect(search).toHaveBeenCalledTimes(4);
  });
});
