import { describe, expect, it } from 'vitest';
import { buildDataset, stageKeyOf, TOTAL_CALLBACKS, type CallbackRecord } from './data';
import { AGENTS, CAMPAIGNS, LISTS } from './catalog';
import { FIXTURE_CALLBACK_COUNTS, FIXTURE_LEADS, TABLE_LEAD_IDS, XSS_PAYLOAD } from './fixtures';
import { formatDateTime, toSortableTime } from './time-format';

const NOW = new Date(2025, 5, 3, 14, 30, 0);
const ds = buildDataset({ seed: 7, now: NOW });
const records = ds.callbacks.map((c) => c.record);
const byLead = (id: string): CallbackRecord[] => records.filter((r) => r.lead_id === id);

// Each build of the 12,000-callback data set is heavy on a busy machine: a generous timeout.
describe('data set', { timeout: 60_000 }, () => {
  it('has the spec example total, ~3000 leads and the catalog sizes', () => {
    expect(records).toHaveLength(TOTAL_CALLBACKS);
    expect(TOTAL_CALLBACKS).toBeGreaterThanOrEqual(12000);
    expect(ds.leads).toHaveLength(3000);
    expect(CAMPAIGNS).toHaveLength(8);
    expect(LISTS).toHaveLength(20);
    expect(AGENTS).toHaveLength(40);
  });

  it('is deterministic for a seed and a start time, and varies with the seed', () => {
    const again = buildDataset({ seed: 7, now: NOW });
    expect(JSON.stringify(again.callbacks)).toBe(JSON.stringify(ds.callbacks));
    const other = buildDataset({ seed: 8, now: NOW });
    expect(JSON.stringify(other.callbacks)).not.toBe(JSON.stringify(ds.callbacks));
  });

  it('has unique ids and only string values', () => {
    expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
    const nonStrings = records.flatMap((r) => Object.entries(r).filter(([, v]) => typeof v !== 'string'));
    expect(nonStrings).toEqual([]);
  });

  it('is sorted by callback_time, then id', () => {
    const outOfOrder = ds.callbacks.filter((b, i) => {
      const a = ds.callbacks[i - 1];
      return a && !(a.sortKey < b.sortKey || (a.sortKey === b.sortKey && Number(a.record.id) < Number(b.record.id)));
    });
    expect(outOfOrder).toEqual([]);
  });

  it.each(['Pending', 'PENDING', 'Dismissed', 'Completed', 'New', 'Missed'])('has stage %s', (stage) => {
    expect(records.some((r) => r.stage === stage)).toBe(true);
  });

  it.each(['USERONLY', 'system', 'personal'])('has recipient %s', (recipient) => {
    expect(records.some((r) => r.recipient === recipient)).toBe(true);
  });

  it.each(['past_due', ''])('has class %j', (cls) => {
    expect(records.some((r) => r.class === cls)).toBe(true);
  });

  it('writes callback_time both ways, mostly 24-hour', () => {
    const h24 = records.filter((r) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(r.callback_time)).length;
    const h12 = records.filter((r) => /^\d{4}-\d{2}-\d{2} (0[1-9]|1[0-2]):\d{2} (AM|PM)$/.test(r.callback_time)).length;
    expect(h24 + h12).toBe(records.length);
    expect(h12).toBeGreaterThan(500);
    expect(h24).toBeGreaterThan(h12 * 5);
  });

  it('spreads callbacks before and after the start time, with some today', () => {
    const now = formatDateTime(NOW);
    const sortKeys = ds.callbacks.map((c) => c.sortKey);
    expect(sortKeys.filter((k) => k < now).length).toBeGreaterThan(3000);
    expect(sortKeys.filter((k) => k > now).length).toBeGreaterThan(2000);
    expect(ds.callbacks.filter((c) => c.date === '2025-06-03').length).toBeGreaterThan(50);
  });

  it('marks open callbacks in the past as past_due and nothing else', () => {
    const now = formatDateTime(NOW);
    for (const c of ds.callbacks) {
      if (c.record.class === 'past_due') {
        expect(c.sortKey < now).toBe(true);
        expect(['Pending', 'PENDING', 'New']).toContain(c.record.stage);
      }
    }
  });

  it('has empty and non-empty comments, phone numbers on some records, accounts on all', () => {
    expect(records.some((r) => r.comments === '')).toBe(true);
    expect(records.some((r) => r.comments.length > 10)).toBe(true);
    const withPhone = records.filter((r) => r.phone_number !== undefined).length;
    expect(withPhone).toBeGreaterThan(1000);
    expect(withPhone).toBeLessThan(records.length);
    expect(new Set(ds.callbacks.map((c) => c.accountId))).toEqual(new Set(['5501', '5502']));
  });

  it('keeps created_at <= modified_at <= start for every callback', () => {
    const now = formatDateTime(NOW);
    expect(records.filter((r) => !(r.created_at <= r.modified_at && r.modified_at <= now))).toEqual([]);
  });
});

describe('fixture leads', { timeout: 60_000 }, () => {
  it('gives each fixture lead its documented callbacks, whatever the seed', () => {
    for (const seed of [1, 7, 123456]) {
      const other = buildDataset({ seed, now: NOW }).callbacks.map((c) => c.record);
      for (const [leadId, count] of Object.entries(FIXTURE_CALLBACK_COUNTS)) {
        expect(other.filter((r) => r.lead_id === leadId)).toHaveLength(count);
      }
    }
    expect(FIXTURE_CALLBACK_COUNTS).toMatchObject({ '424242': 3, '777777': 0, '515151': 2, '525252': 5, '666666': 1 });
  });

  it('424242 has one past due, one upcoming within hours, one completed', () => {
    const now = formatDateTime(NOW);
    const cbs = byLead(FIXTURE_LEADS.withCallbacks);
    const pastDue = cbs.filter((r) => r.class === 'past_due');
    const upcoming = cbs.filter((r) => r.stage === 'Pending' && toSortableTime(r.callback_time) > now);
    const done = cbs.filter((r) => r.stage === 'Completed');
    expect([pastDue.length, upcoming.length, done.length]).toEqual([1, 1, 1]);
    expect(toSortableTime(pastDue[0]!.callback_time) < now).toBe(true);
    expect(upcoming[0]!.callback_time).toBe('2025-06-03 16:30:00');
  });

  it('777777 has none; the xss lead carries the payload', () => {
    expect(byLead(FIXTURE_LEADS.noCallbacks)).toEqual([]);
    expect(byLead(FIXTURE_LEADS.xss).map((r) => r.comments)).toEqual([XSS_PAYLOAD]);
  });

  it('lead A and lead B differ in count and cover both time formats', () => {
    expect(byLead(FIXTURE_LEADS.leadA)).toHaveLength(2);
    const b = byLead(FIXTURE_LEADS.leadB);
    expect(b).toHaveLength(5);
    expect(b.filter((r) => r.callback_time.endsWith('M'))).toHaveLength(2);
  });

  it('has 30 distinct table leads, none generated by chance', () => {
    expect(new Set(TABLE_LEAD_IDS).size).toBe(30);
    const generatedLeadIds = new Set(ds.leads.map((l) => l.id));
    for (const id of TABLE_LEAD_IDS) expect(generatedLeadIds.has(id)).toBe(false);
  });
});

describe('stageKeyOf', () => {
  it.each([
    ['Pending', '', 'PENDING'],
    ['PENDING', '', 'PENDING'],
    ['New', '', 'PENDING'],
    ['PENDING', 'past_due', 'PASTDUE'],
    ['New', 'past_due', 'PASTDUE'],
    ['Completed', '', 'COMPLETED'],
    ['Dismissed', '', 'DISMISSED'],
    ['Missed', '', 'MISSED'],
    ['Snoozed', '', 'OTHER'],
  ])('%s / %j -> %s', (stage, cls, key) => {
    expect(stageKeyOf(stage, cls)).toBe(key);
  });
});
