import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Callback } from '../core/api/model';
import type { SearchQueryInput } from '../core/api/query-input';
import {
  LATE_GRACE_MS,
  REMINDER_NEXT_ALARM,
  REMINDER_POLL_ALARM,
  createReminders,
  notificationId,
  planReminders,
  reminderTarget,
  type Notifier,
} from './reminders';
import { writeArea } from '../../tests/support/sealed-areas';
import { readAgent } from '../connection/account';

const cb = (id: string, local: string, over: Partial<Callback> = {}): Callback =>
  ({
    id, leadId: '5001', listId: '', campaignId: '', userId: '77', stage: 'pending', stageLabel: 'Pending',
    recipient: 'personal', recipientLabel: 'Personal', callbackTime: { local }, createdAt: null, modifiedAt: null, seenAt: null,
    status: '', statusName: '', userName: '', campaignName: '', campaignType: '', directoryName: '', comments: 'Call about the quote', context: '', raw: {},
    ...over,
  }) as Callback;

const ZONE = 'America/New_York';
// 2025-06-03 14:00 in New York (EDT, UTC-4).
const T0 = Date.parse('2025-06-03T18:00:00Z');
const MIN = 60_000;

describe('planReminders', () => {
  const opts = { nowMs: T0, leadMinutes: 10, zones: { account: ZONE }, notified: new Set<string>() };

  it('reminds N minutes before, on the account clock, and names the next reminder time', () => {
    const plan = planReminders(
      [cb('1', '2025-06-03T14:05:00'), cb('2', '2025-06-03T14:30:00'), cb('3', '2025-06-03T14:45:00')],
      opts,
    );
    expect(plan.due.map((d) => d.callback.id)).toEqual(['1']);
    expect(plan.due[0]!.dueAtMs).toBe(T0 + 5 * MIN);
    expect(plan.nextAtMs).toBe(T0 + 20 * MIN);
  });

  it('skips closed and past-due callbacks, ones already notified, and ones long past', () => {
    const plan = planReminders(
      [
        cb('1', '2025-06-03T14:05:00', { stage: 'completed' }),
        cb('2', '2025-06-03T14:05:00', { stage: 'past_due' }),
        cb('3', '2025-06-03T14:05:00'),
        cb('4', '2025-06-03T13:50:00'),
        cb('5', '2025-06-03T13:57:00'),
      ],
      { ...opts, notified: new Set(['3@2025-06-03T14:05:00']) },
    );
    expect(LATE_GRACE_MS).toBe(5 * MIN);
    expect(plan.due.map((d) => d.callback.id)).toEqual(['5']);
    expect(plan.nextAtMs).toBeNull();
  });

  it('a callback moved to another time is a new reminder', () => {
    const plan = planReminders([cb('3', '2025-06-03T14:08:00')], { ...opts, notified: new Set(['3@2025-06-03T14:05:00']) });
    expect(plan.due.map((d) => d.callback.id)).toEqual(['3']);
  });
});

describe('notification ids', () => {
  it('round-trip to the tab view on the callback; foreign ids are ignored', () => {
    expect(reminderTarget(notificationId({ id: '990001', leadId: '5001' }))).toBe('/search.html?lead_id=5001&id=990001');
    expect(reminderTarget('callback-reminder:5001:x')).toBeNull();
    expect(reminderTarget('other')).toBeNull();
  });
});

describe('createReminders with fake timers', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    vi.useFakeTimers();
    vi.setSystemTime(T0);
    await writeArea('local', { reminders: true, userId: '77', timeZone: ZONE, reminderMinutes: 10 });
  });
  afterEach(() => vi.useRealTimers());

  function setup() {
    const callbacks = [cb('1', '2025-06-03T14:05:00'), cb('2', '2025-06-03T14:30:00')];
    const search = vi.fn(async (_q: SearchQueryInput) => ({
      ok: true as const,
      page: { offset: 0, limit: 500, total: callbacks.length, results: callbacks },
    }));
    const shown: { id: string; title: string; message: string }[] = [];
    const notifier: Notifier = { create: async (id, o) => void shown.push({ id, title: o.title, message: o.message }) };
    return { search, shown, notifier };
  }

  it('notifies each callback once, at its time, even after the worker restarts', async () => {
    const { search, shown, notifier } = setup();
    const make = () => createReminders({ agent: readAgent, search, notifier: () => notifier, now: () => new Date() });

    await make().check();
    expect(search.mock.calls[0]![0]).toEqual({ user_id: '77', start_date: '2025-06-03', end_date: '2025-06-04', offset: 0, limit: 500 });
    expect(shown).toEqual([{ id: 'callback-reminder:5001:1', title: 'Callback in 5 min', message: expect.stringContaining('Lead 5001 at Jun 3, 2025, 2:05') }]);
    expect((await fakeBrowser.alarms.get(REMINDER_NEXT_ALARM))?.scheduledTime).toBe(T0 + 20 * MIN);
    expect((await fakeBrowser.alarms.get(REMINDER_POLL_ALARM))?.periodInMinutes).toBe(5);

    // A poll a minute later, and a "restarted worker" (a new instance): nothing twice.
    vi.advanceTimersByTime(MIN);
    await make().check();
    expect(shown).toHaveLength(1);

    // The next reminder's alarm.
    vi.setSystemTime(T0 + 20 * MIN);
    await make().check();
    expect(shown.map((s) => s.id)).toEqual(['callback-reminder:5001:1', 'callback-reminder:5001:2']);
    expect(shown[1]!.title).toBe('Callback in 10 min');
    expect(await fakeBrowser.alarms.get(REMINDER_NEXT_ALARM)).toBeUndefined();
  });

  it('two checks at once (an alarm and a settings change) show a reminder once', async () => {
    const { search, shown, notifier } = setup();
    const reminders = createReminders({ agent: readAgent, search, notifier: () => notifier });
    await Promise.all([reminders.check(), reminders.check(), reminders.check()]);
    expect(shown).toHaveLength(1);
  });

  it('does nothing (no search, no alarms) while off, without a user ID or without the permission', async () => {
    const { search, shown, notifier } = setup();
    await createReminders({ agent: readAgent, search, notifier: () => null }).check();
    await writeArea('local', { reminders: false });
    await createReminders({ agent: readAgent, search, notifier: () => notifier }).check();
    expect(search).not.toHaveBeenCalled();
    expect(shown).toEqual([]);
    expect(await fakeBrowser.alarms.getAll()).toEqual([]);
  });
});
