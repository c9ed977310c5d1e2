import { describe, expect, it } from 'vitest';
import { normalizeRecipient, normalizeResponse, normalizeStage, parseWallTime } from './normalize';
import type { SearchPage } from './model';

const TOKEN = 'test-token-not-real-0001';

/** The spec's own example result. */
const SPEC_RESULT = {
  id: '9999',
  lead_id: '9999',
  list_id: '123456',
  campaign_id: '123',
  status: 'DISMISSED',
  created_at: '2025-06-03 14:59:06',
  callback_time: '2025-06-03 15:00:00',
  modified_at: '2025-06-03 14:59:06',
  user: '12345677',
  recipient: 'USERONLY',
  comments: '',
  context: '104569',
  callback_seen: '2025-06-03 14:59:06',
  stage: 'Dismissed',
  class: 'past_due',
  user_name: 'Agent Name',
  directory_name: 'Directory Name',
  campaign_name: 'Your Camaign Description',
  campaign_type: 'Normal',
  status_name: '',
};

function page(json: unknown, requested?: { offset?: number; limit?: number }): SearchPage {
  const result = normalizeResponse(json, requested, TOKEN);
  if (!result.ok) throw new Error(`expected a page, got ${JSON.stringify(result.error)}`);
  return result.page;
}

describe('parseWallTime', () => {
  const valid: [string, string][] = [
    ['2025-06-03 15:00:00', '2025-06-03T15:00:00'],
    ['2025-06-03 00:00:00', '2025-06-03T00:00:00'],
    ['2025-06-03 23:59:59', '2025-06-03T23:59:59'],
    ['2025-06-03 15:00', '2025-06-03T15:00:00'],
    ['2025-06-03T15:00:00', '2025-06-03T15:00:00'],
    [' 2025-06-03 15:00:00 ', '2025-06-03T15:00:00'],
    ['2025-06-03 03:30 PM', '2025-06-03T15:30:00'],
    ['2025-06-03 3:30 PM', '2025-06-03T15:30:00'],
    ['2025-06-03 03:30 AM', '2025-06-03T03:30:00'],
    ['2025-06-03 12:00 AM', '2025-06-03T00:00:00'],
    ['2025-06-03 12:59 AM', '2025-06-03T00:59:00'],
    ['2025-06-03 12:00 PM', '2025-06-03T12:00:00'],
    ['2025-06-03 12:45 PM', '2025-06-03T12:45:00'],
    ['2025-06-03 11:59 PM', '2025-06-03T23:59:00'],
    ['2025-06-03 01:00 AM', '2025-06-03T01:00:00'],
    ['2025-06-03 09:15 pm', '2025-06-03T21:15:00'],
    ['2025-06-03 09:15PM', '2025-06-03T21:15:00'],
    ['2025-06-03 09:15:30 PM', '2025-06-03T21:15:30'],
    ['2024-02-29 10:00:00', '2024-02-29T10:00:00'],
  ];
  it.each(valid)('%j -> %j', (input, local) => {
    expect(parseWallTime(input)).toEqual({ local });
  });
  const invalid: unknown[] = [
    '', '   ', null, undefined, 0, 1717426800, '0000-00-00 00:00:00', '2025-02-30 10:00:00', '2025-06-03 24:00:00',
    '2025-06-03 15:60:00', '2025-06-03 15:00:60', '2025-06-03 13:00 PM', '2025-06-03 00:30 AM', '2025-06-03', '15:00:00',
    '06/03/2025 3:00 PM', 'soon',
  ];
  it.each(invalid)('%j -> null', (input) => {
    expect(parseWallTime(input)).toBeNull();
  });
});

describe('normalizeStage', () => {
  const table: [unknown, unknown, string, string][] = [
    ['PENDING', '', 'pending', 'Pending'],
    ['Pending', undefined, 'pending', 'Pending'],
    ['LIVE', '', 'pending', 'Pending'],
    ['live', '', 'pending', 'Pending'],
    ['PASTDUE', '', 'past_due', 'Past due'],
    ['PAST_DUE', '', 'past_due', 'Past due'],
    ['past due', '', 'past_due', 'Past due'],
    ['Completed', '', 'completed', 'Completed'],
    ['complete', '', 'completed', 'Completed'],
    ['DONE', '', 'completed', 'Completed'],
    ['Dismissed', '', 'dismissed', 'Dismissed'],
    ['MISSED', '', 'missed', 'Missed'],
    ['New', '', 'new', 'New'],
    // Terminal stages win over the class hint.
    ['Dismissed', 'past_due', 'dismissed', 'Dismissed'],
    ['Completed', 'past_due', 'completed', 'Completed'],
    ['missed', 'PAST_DUE', 'missed', 'Missed'],
    // Otherwise class past_due makes it past due.
    ['New', 'past_due', 'past_due', 'Past due'],
    ['PENDING', 'Past Due', 'past_due', 'Past due'],
    ['Snoozed', 'past_due', 'past_due', 'Past due'],
    ['', 'past_due', 'past_due', 'Past due'],
    [undefined, 'pastdue', 'past_due', 'Past due'],
    ['New', 'upcoming', 'new', 'New'],
    // Unknown keeps the API's word.
    ['Snoozed', '', 'unknown', 'Snoozed'],
    [' Snoozed ', 'upcoming', 'unknown', 'Snoozed'],
    ['', '', 'unknown', ''],
    [null, null, 'unknown', ''],
    [42, undefined, 'unknown', '42'],
  ];
  it.each(table)('stage %j class %j -> %s (%j)', (stage, cls, expected, label) => {
    expect(normalizeStage(stage, cls)).toEqual({ stage: expected, stageLabel: label });
  });
});

describe('normalizeRecipient', () => {
  const table: [unknown, string, string][] = [
    ['USERONLY', 'personal', 'Personal'],
    ['useronly', 'personal', 'Personal'],
    ['USER_ONLY', 'personal', 'Personal'],
    ['personal', 'personal', 'Personal'],
    ['Personal', 'personal', 'Personal'],
    ['user', 'personal', 'Personal'],
    ['system', 'system', 'System'],
    ['SYSTEM', 'system', 'System'],
    ['System', 'system', 'System'],
    ['ANYONE', 'unknown', 'ANYONE'],
    ['', 'unknown', ''],
    [null, 'unknown', ''],
  ];
  it.each(table)('%j -> %s (%j)', (input, recipient, label) => {
    expect(normalizeRecipient(input)).toEqual({ recipient, recipientLabel: label });
  });
});

describe('normalizeResponse: the spec example', () => {
  it('reads every field', () => {
    const p = page({ success: true, data: { offset: '0', limit: '20', total: '12250', results: [SPEC_RESULT] } });
    expect(p).toMatchObject({ offset: 0, limit: 20, total: 12250 });
    expect(p.results).toEqual([
      {
        id: '9999',
        leadId: '9999',
        listId: '123456',
        campaignId: '123',
        userId: '12345677',
        stage: 'dismissed',
        stageLabel: 'Dismissed',
        recipient: 'personal',
        recipientLabel: 'Personal',
        callbackTime: { local: '2025-06-03T15:00:00' },
        createdAt: { local: '2025-06-03T14:59:06' },
        modifiedAt: { local: '2025-06-03T14:59:06' },
        seenAt: { local: '2025-06-03T14:59:06' },
        status: 'DISMISSED',
        statusName: '',
        userName: 'Agent Name',
        campaignName: 'Your Camaign Description',
        campaignType: 'Normal',
        directoryName: 'Directory Name',
        comments: '',
        context: '104569',
        raw: SPEC_RESULT,
      },
    ]);
  });
});

describe('normalizeResponse: shapes from docs/API.md', () => {
  it('numbers instead of strings: counts become numbers, ids stay strings', () => {
    const p = page({
      success: true,
      data: { offset: 40, limit: 20, total: 41, results: [{ ...SPEC_RESULT, id: 9999, lead_id: 42, list_id: 7, campaign_id: 123, user: 5 }] },
    });
    expect(p).toMatchObject({ offset: 40, limit: 20, total: 41 });
    expect(p.results[0]).toMatchObject({ id: '9999', leadId: '42', listId: '7', campaignId: '123', userId: '5' });
    expect(p.results[0]!.raw.id).toBe(9999);
  });
  it('ids keep leading zeros as sent', () => {
    expect(page({ success: true, data: { total: 1, results: [{ id: '0042' }] } }).results[0]!.id).toBe('0042');
  });
  it('missing results with total 0 is an empty page', () => {
    expect(page({ success: true, data: { offset: '0', limit: '20', total: '0' } })).toEqual({ offset: 0, limit: 20, total: 0, results: [] });
  });
  it('null, [] or {} as results is an empty page', () => {
    for (const results of [null, [], {}]) {
      expect(page({ success: true, data: { offset: 0, limit: 20, total: 0, results } }).results).toEqual([]);
    }
  });
  it('results as an object keyed by index (PHP) still reads', () => {
    const p = page({ success: true, data: { total: 2, results: { 0: { id: '1' }, 1: { id: '2' } } } });
    expect(p.results.map((r) => r.id)).toEqual(['1', '2']);
  });
  it('success:true with data null or [] is an empty page', () => {
    expect(page({ success: true, data: null })).toEqual({ offset: 0, limit: 0, total: 0, results: [] });
    expect(page({ success: true, data: [] }, { offset: 20, limit: 50 })).toEqual({ offset: 20, limit: 50, total: 0, results: [] });
  });
  it('missing or unreadable counts fall back to the request, and total to what was received', () => {
    const p = page({ success: true, data: { offset: 'x', limit: null, results: [{ id: '1' }, { id: '2' }] } }, { offset: 40, limit: 20 });
    expect(p).toMatchObject({ offset: 40, limit: 20, total: 42 });
    expect(page({ success: true, data: { offset: '-1', limit: '2.5', total: '', results: [] } })).toMatchObject({ offset: 0, total: 0 });
  });
  it('a total smaller than what arrived is raised to it', () => {
    expect(page({ success: true, data: { offset: 0, total: '0', results: [{ id: '1' }] } }).total).toBe(1);
  });
  it('missing fields become empty strings and null times', () => {
    const [r] = page({ success: true, data: { total: 1, results: [{ id: '5' }] } }).results;
    expect(r).toMatchObject({
      id: '5', leadId: '', listId: '', campaignId: '', userId: '', stage: 'unknown', stageLabel: '', recipient: 'unknown', recipientLabel: '',
      callbackTime: null, createdAt: null, modifiedAt: null, seenAt: null, comments: '', statusName: '',
    });
  });
  it('extra fields such as phone_number are kept in raw only', () => {
    const [r] = page({ success: true, data: { total: 1, results: [{ ...SPEC_RESULT, phone_number: '5551234567' }] } }).results;
    expect(r!.raw.phone_number).toBe('5551234567');
    expect(Object.keys(r!)).not.toContain('phone_number');
  });
  it('null and empty values read as empty, and raw keeps them as sent', () => {
    const [r] = page({
      success: true,
      data: { total: 1, results: [{ ...SPEC_RESULT, lead_id: null, comments: null, callback_time: '', user_name: '', stage: null }] },
    }).results;
    expect(r).toMatchObject({ leadId: '', comments: '', callbackTime: null, userName: '', stage: 'past_due' });
    expect(r!.raw).toMatchObject({ lead_id: null, comments: null, callback_time: '' });
  });
  it('the 12-hour callback_time format', () => {
    const [r] = page({ success: true, data: { total: 1, results: [{ ...SPEC_RESULT, callback_time: '2025-06-03 12:15 AM' }] } }).results;
    expect(r!.callbackTime).toEqual({ local: '2025-06-03T00:15:00' });
  });
  it('user_id stands in for user when only it is present', () => {
    expect(page({ success: true, data: { results: [{ user_id: 77 }] } }).results[0]!.userId).toBe('77');
  });
  it('a bad result is kept with what could be read; a non-object result is dropped', () => {
    const p = page({
      success: true,
      data: {
        total: '5',
        results: [
          { ...SPEC_RESULT, id: { nested: true }, callback_time: 12345, stage: ['x'], comments: 'kept' },
          null,
          'junk',
          42,
          ['an', 'array'],
          { id: '2', lead_id: '8' },
        ],
      },
    });
    expect(p.total).toBe(5);
    expect(p.results).toHaveLength(2);
    expect(p.results[0]).toMatchObject({ id: '', callbackTime: null, comments: 'kept', leadId: '9999', stage: 'past_due' });
    expect(p.results[1]).toMatchObject({ id: '2', leadId: '8' });
  });
  it('a success flag sent as a string or missing still reads the data', () => {
    expect(page({ success: 'true', data: { total: '1', results: [{ id: '1' }] } }).total).toBe(1);
    expect(page({ data: { total: 3, results: [] } }).total).toBe(3);
  });
});

describe('normalizeResponse: failures', () => {
  it('success:false with a code maps through the code table', () => {
    const result = normalizeResponse({ success: false, code: 6031, text: 'Invalid date format' }, {}, TOKEN);
    expect(result).toEqual({
      ok: false,
      error: { kind: 'param', code: 6031, field: 'start_date', apiText: 'Invalid date format', message: expect.any(String) },
    });
  });
  it('success:false with an error string', () => {
    const result = normalizeResponse({ success: false, error: 'Something broke' }, {}, TOKEN);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ kind: 'api', apiText: 'Something broke' });
  });
  it('an error body without a success flag is an error', () => {
    const result = normalizeResponse({ code: 403, text: 'Forbidden' }, {}, TOKEN);
    expect(result.ok || result.error.kind).toBe('auth');
  });
  it.each([null, 'text', 42, [], [1, 2], { success: true, data: 'nope' }, { hello: 'world' }, { success: true, data: 5 }])(
    '%j is a bad response',
    (json) => {
      const result = normalizeResponse(json, {}, TOKEN);
      expect(result.ok || result.error.kind).toBe('bad-response');
    },
  );
  it('a bad response excerpt never holds the token', () => {
    const result = normalizeResponse({ echo: `auth_token=${TOKEN}` }, {}, TOKEN);
    expect(JSON.stringify(result)).not.toContain(TOKEN);
  });
});
