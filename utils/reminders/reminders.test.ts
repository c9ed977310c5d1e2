import { describe, expect, it } from 'vitest';
import type { Callback } from '../core/api/model';
import { LATE_GRACE_MS, notificationId, planReminders, reminderKey, reminderNotice, reminderTarget } from './reminders';

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

describe('what is recorded and shown (issue 20, item 9)', () => {
  it('records a reminder of a long callback id as a bounded key, so it is not shown again', () => {
    const long = cb('9'.repeat(5000), '2025-06-03T14:05:00');
    const key = reminderKey(long);
    expect(key.length).toBeLessThanOrEqual(200);
    expect(reminderKey({ ...long })).toBe(key);
    expect(reminderKey(cb('9'.repeat(4999) + '8', '2025-06-03T14:05:00'))).not.toBe(key);
    const plan = planReminders([long], { nowMs: T0, leadMinutes: 10, zones: { account: ZONE }, notified: new Set([key]) });
    expect(plan.due).toEqual([]);
  });

  it('shows Convoso’s text as plain lines: no line breaks, controls or bidi overrides', () => {
    const hostile = cb('1', '2025-06-03T14:05:00', { comments: 'Call back\n\nabout \u202Eetouq\u202C the\u0007 quote\u2028ok', leadId: '5001' });
    const notice = reminderNotice(hostile, T0 + 5 * MIN, T0, { account: ZONE });
    expect(notice.title).toBe('Callback in 5 min');
    const [first, second, ...rest] = notice.message.split('\n');
    expect(first).toMatch(/^Lead 5001 at Jun 3, 2025, 2:05/);
    expect(second).toBe('Call back about etouq the quote ok');
    expect(rest).toEqual([]);
    expect(notice.message).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u0000-\u0009\u000B-\u001F]/);
  });

  it('keeps a notification id short and clickable whatever the ids look like', () => {
    const id = notificationId({ id: 'x'.repeat(3000), leadId: '5001' });
    expect(id.length).toBeLessThan(80);
    expect(reminderTarget(id)).toBe('/search.html?lead_id=5001');
    expect(reminderTarget(notificationId({ id: '1', leadId: 'not a lead' }))).toBe('/search.html');
  });
});
