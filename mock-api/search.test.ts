import { describe, expect, it } from 'vitest';
import { buildDataset, type StoredCallback } from './data';
import { AGENTS } from './catalog';
import { FIXTURE_LEADS } from './fixtures';
import { searchCallbacks, type SearchResponse, type SearchSuccess } from './search';

const ds = buildDataset({ seed: 7, now: new Date(2025, 5, 3, 14, 30, 0) });
const ALL = ds.callbacks;
const BY_ID = new Map(ALL.map((c) => [c.record.id, c]));

function ok(r: SearchResponse): SearchSuccess['data'] {
  if (!r.success) throw new Error(`expected success, got ${r.code} ${r.text}`);
  return r.data;
}
const total = (params: Record<string, string>): number => Number(ok(searchCallbacks(ds, params)).total);
const count = (pred: (c: StoredCallback) => boolean): number => ALL.filter(pred).length;

describe('searchCallbacks: response shape', () => {
  it('answers like the spec, all strings, defaults 0/20', () => {
    const r = searchCallbacks(ds, {});
    expect(r.success).toBe(true);
    const data = ok(r);
    expect(data).toMatchObject({ offset: '0', limit: '20', total: '12250' });
    expect(data.results).toHaveLength(20);
    expect(data.results[0]).toEqual(ALL[0]!.record);
    expect(Object.keys(data.results[0]!).slice(0, 20)).toEqual([
      'id', 'lead_id', 'list_id', 'campaign_id', 'status', 'created_at', 'callback_time', 'modified_at', 'user',
      'recipient', 'comments', 'context', 'callback_seen', 'stage', 'class', 'user_name', 'directory_name',
      'campaign_name', 'campaign_type', 'status_name',
    ]);
  });

  it('returns copies, so a caller cannot change the data set', () => {
    const first = ok(searchCallbacks(ds, { limit: '1' })).results[0]!;
    first.comments = 'changed';
    expect(ALL[0]!.record.comments).not.toBe('changed');
  });

  it('treats every empty parameter as no filter, like the spec example request', () => {
    const empty = Object.fromEntries(
      ['start_date', 'end_date', 'offset', 'limit', 'campaign_id', 'comments', 'account_id', 'id', 'lead_id', 'list_id', 'recipient', 'user_id', 'stage'].map((k) => [k, '']),
    );
    expect(ok(searchCallbacks(ds, empty))).toMatchObject({ offset: '0', limit: '20', total: '12250' });
  });
});

describe('searchCallbacks: pagination', () => {
  it('pages through the sorted results', () => {
    const page = ok(searchCallbacks(ds, { offset: '100', limit: '50' }));
    expect(page).toMatchObject({ offset: '100', limit: '50', total: '12250' });
    expect(page.results.map((r) => r.id)).toEqual(ALL.slice(100, 150).map((c) => c.record.id));
  });

  it('gives a short last page and an empty page past the end', () => {
    expect(ok(searchCallbacks(ds, { offset: '12240', limit: '20' })).results).toHaveLength(10);
    expect(ok(searchCallbacks(ds, { offset: '50000', limit: '5000' }))).toMatchObject({ total: '12250', results: [] });
  });

  it('accepts the limits at their bounds', () => {
    expect(ok(searchCallbacks(ds, { limit: '5000' })).results).toHaveLength(5000);
    expect(ok(searchCallbacks(ds, { limit: '1' })).results).toHaveLength(1);
  });
});

describe('searchCallbacks: filters', () => {
  const lead = FIXTURE_LEADS.withCallbacks;
  const agent = AGENTS[3]!.id;
  it.each<[string, Record<string, string>, (c: StoredCallback) => boolean]>([
    ['campaign_id', { campaign_id: '1003' }, (c) => c.record.campaign_id === '1003'],
    ['campaign_id with leading zero', { campaign_id: '01003' }, (c) => c.record.campaign_id === '1003'],
    ['account_id', { account_id: '5502' }, (c) => c.accountId === '5502'],
    ['list_id', { list_id: '123408' }, (c) => c.record.list_id === '123408'],
    ['user_id matches user', { user_id: agent }, (c) => c.record.user === agent],
    ['lead_id', { lead_id: lead }, (c) => c.record.lead_id === lead],
    ['comments, partial and case-insensitive', { comments: 'SPOUSE' }, (c) => c.record.comments.toLowerCase().includes('spouse')],
    ['start_date inclusive', { start_date: '2025-06-10' }, (c) => c.date >= '2025-06-10'],
    ['end_date inclusive', { end_date: '2025-05-01' }, (c) => c.date <= '2025-05-01'],
    ['one day', { start_date: '2025-06-03', end_date: '2025-06-03' }, (c) => c.date === '2025-06-03'],
    ['recipient System', { recipient: 'System' }, (c) => c.record.recipient === 'system'],
    ['recipient Personal', { recipient: 'Personal' }, (c) => c.record.recipient === 'USERONLY' || c.record.recipient === 'personal'],
    ['stage PENDING', { stage: 'PENDING' }, (c) => ['Pending', 'PENDING', 'New'].includes(c.record.stage) && c.record.class !== 'past_due'],
    ['stage PASTDUE', { stage: 'PASTDUE' }, (c) => c.record.class === 'past_due'],
    ['stage PAST_DUE', { stage: 'PAST_DUE' }, (c) => c.record.class === 'past_due'],
    ['stage DISMISSED', { stage: 'DISMISSED' }, (c) => c.record.stage === 'Dismissed'],
    ['stage COMPLETED', { stage: 'COMPLETED' }, (c) => c.record.stage === 'Completed'],
    ['stage MISSED', { stage: 'MISSED' }, (c) => c.record.stage === 'Missed'],
    ['combined', { campaign_id: '1001', recipient: 'System', stage: 'PENDING' }, (c) => c.record.campaign_id === '1001' && c.record.recipient === 'system' && c.stageKey === 'PENDING'],
  ])('%s', (_name, params, pred) => {
    const expected = count(pred);
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(ALL.length);
    const data = ok(searchCallbacks(ds, { ...params, limit: '5000' }));
    expect(Number(data.total)).toBe(expected);
    expect(data.results.every((r) => pred(BY_ID.get(r.id)!))).toBe(true);
  });

  it('finds one callback by id', () => {
    const target = ALL[777]!.record;
    expect(ok(searchCallbacks(ds, { id: target.id })).results).toEqual([target]);
  });

  it('matches the 12-hour callback_time shape by its date too', () => {
    const twelveHour = ALL.find((c) => c.record.callback_time.endsWith('M'))!;
    const data = ok(searchCallbacks(ds, { start_date: twelveHour.date, end_date: twelveHour.date, limit: '5000' }));
    expect(data.results.map((r) => r.id)).toContain(twelveHour.record.id);
  });

  it('splits the total across the five stage filters', () => {
    const sum = ['PENDING', 'PASTDUE', 'DISMISSED', 'COMPLETED', 'MISSED'].reduce((n, stage) => n + total({ stage }), 0);
    expect(sum).toBe(ALL.length);
  });

  it('splits the total across the two recipients', () => {
    expect(total({ recipient: 'System' }) + total({ recipient: 'Personal' })).toBe(ALL.length);
  });

  it.each([
    ['stage', 'snoozed'],
    ['recipient', 'Everyone'],
    ['lead_id', FIXTURE_LEADS.noCallbacks],
    ['lead_id', 'abc'],
    ['comments', 'no such words anywhere'],
    ['account_id', '1'],
  ])('matches nothing for %s=%j', (name, value) => {
    expect(total({ [name]: value })).toBe(0);
  });

  it('accepts lowercase filter values', () => {
    expect(total({ stage: 'missed' })).toBe(total({ stage: 'MISSED' }));
    expect(total({ recipient: 'system' })).toBe(total({ recipient: 'System' }));
  });
});

describe('searchCallbacks: Convoso-style errors', () => {
  it.each([
    [{ start_date: '2025-13-01' }, 6031],
    [{ end_date: '06/03/2025' }, 6031],
    [{ start_date: 'yesterday' }, 6031],
    [{ campaign_id: 'abc' }, 6026],
    [{ campaign_id: '9999' }, 6026],
    [{ list_id: '12x' }, 6042],
    [{ list_id: '1' }, 6042],
    [{ user_id: 'bob' }, 6006],
    [{ user_id: '12345677' }, 6006],
    [{ offset: '-1' }, 7231],
    [{ offset: '50001' }, 7231],
    [{ offset: '1.5' }, 7231],
    [{ offset: 'ten' }, 7231],
    [{ limit: '0' }, 7258],
    [{ limit: '5001' }, 7258],
    [{ limit: '-20' }, 7258],
    [{ limit: 'all' }, 7258],
  ])('%j -> %i', (params, code) => {
    const r = searchCallbacks(ds, params);
    expect(r.success).toBe(false);
    expect(r).toMatchObject({ code });
    expect(typeof (r as { text: string }).text).toBe('string');
  });

  it('names the invalid date like Convoso', () => {
    expect(searchCallbacks(ds, { start_date: 'x' })).toEqual({ success: false, code: 6031, text: 'Invalid date format' });
  });
});
