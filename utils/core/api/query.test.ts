import { describe, expect, it } from 'vitest';
import { buildSearchParams, validateQuery, type SearchQuery } from './query';
import type { SearchQueryInput } from './query-input';
import { INTEGER_FIELDS, type QueryField } from './vocabulary';

const TOKEN = 'test-token-not-real-0001';

function ok(input: SearchQueryInput): SearchQuery {
  const result = validateQuery(input);
  if (!result.ok) throw new Error(`expected valid, got ${JSON.stringify(result.issues)}`);
  return result.query;
}

function issuesOf(input: SearchQueryInput): { field: QueryField; message: string }[] {
  const result = validateQuery(input);
  if (result.ok) throw new Error(`expected invalid, got ${JSON.stringify(result.query)}`);
  return result.issues;
}

describe('validateQuery: defaults and empties', () => {
  it('an empty form is offset 0, limit 20, no filters', () => {
    expect(ok({})).toEqual({ offset: 0, limit: 20 });
  });
  it('blank and whitespace-only filters are omitted', () => {
    const query = ok({ start_date: '', end_date: '   ', comments: ' \t ', lead_id: '', recipient: ' ', stage: '', offset: '', limit: '' });
    expect(query).toEqual({ offset: 0, limit: 20 });
    expect(Object.keys(query)).toEqual(['offset', 'limit']);
  });
});

describe('validateQuery: dates', () => {
  const valid: [string, string][] = [
    ['2025-06-03', '2025-06-03'],
    [' 2025-06-03 ', '2025-06-03'],
    ['2024-02-29', '2024-02-29'],
    ['2000-02-29', '2000-02-29'],
    ['2025-12-31', '2025-12-31'],
  ];
  it.each(valid)('accepts %j as %j', (input, sent) => {
    expect(ok({ start_date: input }).start_date).toBe(sent);
    expect(ok({ end_date: input }).end_date).toBe(sent);
  });
  const invalid = ['2025-02-30', '2025-02-29', '1900-02-29', '2025-13-01', '2025-00-10', '2025-04-31', '2025-06-00', '0000-00-00', '2025-6-3', '06/03/2025', '2025-06-03T00:00', '20250603', 'yesterday'];
  it.each(invalid)('rejects %j', (input) => {
    expect(issuesOf({ start_date: input })).toEqual([
      { field: 'start_date', message: 'Start date must be a real date written YYYY-MM-DD, like 2025-06-03.' },
    ]);
    expect(issuesOf({ end_date: input })[0]!.field).toBe('end_date');
    expect(issuesOf({ end_date: input })[0]!.message).toMatch(/^End date must be a real date/);
  });
  it('end before start is an end_date issue', () => {
    expect(issuesOf({ start_date: '2025-06-03', end_date: '2025-06-02' })).toEqual([
      { field: 'end_date', message: "End date can't be before the start date." },
    ]);
  });
  it('end equal to start, or one side only, is fine', () => {
    expect(ok({ start_date: '2025-06-03', end_date: '2025-06-03' })).toMatchObject({ start_date: '2025-06-03', end_date: '2025-06-03' });
    expect(ok({ end_date: '2025-06-01' }).end_date).toBe('2025-06-01');
  });
  it('compares across years and months, not as loose text', () => {
    expect(issuesOf({ start_date: '2025-01-01', end_date: '2024-12-31' })[0]!.field).toBe('end_date');
    expect(ok({ start_date: '2024-12-31', end_date: '2025-01-01' }).end_date).toBe('2025-01-01');
  });
});

describe('validateQuery: integer ids', () => {
  const valid: [string, string][] = [
    ['42', '42'],
    [' 42 ', '42'],
    ['0042', '42'],
    ['1', '1'],
    ['123456789012345678', '123456789012345678'],
  ];
  const invalid = ['1e3', '-1', '0', '000', '1.5', ' 12abc', '12 34', '+5', '0x10', 'abc', '١٢'];
  for (const field of INTEGER_FIELDS) {
    it.each(valid)(`${field}: accepts %j as %j`, (input, sent) => {
      expect(ok({ [field]: input })[field]).toBe(sent);
    });
    it.each(invalid)(`${field}: rejects %j`, (input) => {
      const issues = issuesOf({ [field]: input });
      expect(issues).toHaveLength(1);
      expect(issues[0]!.field).toBe(field);
    });
  }
  it('names the field in a sentence the agent can act on', () => {
    expect(issuesOf({ lead_id: '1e3' })).toEqual([{ field: 'lead_id', message: 'Lead ID must be a whole number, like 12345.' }]);
    expect(issuesOf({ id: '-1' })[0]!.message).toBe('Callback ID must be a whole number, like 12345.');
    expect(issuesOf({ campaign_id: '0' })[0]!.message).toBe('Campaign ID must be greater than 0.');
    expect(issuesOf({ user_id: '1234567890123456789' })[0]!.message).toMatch(/^User ID is too long/);
  });
});

describe('validateQuery: recipient and stage vocabularies', () => {
  const recipients: [string, string][] = [
    ['System', 'System'],
    ['system', 'System'],
    [' SYSTEM ', 'System'],
    ['Personal', 'Personal'],
    ['personal', 'Personal'],
  ];
  it.each(recipients)('recipient %j is sent as %j', (input, sent) => {
    expect(ok({ recipient: input }).recipient).toBe(sent);
  });
  it.each(['USERONLY', 'user', 'anyone', 'Systems'])('recipient %j is refused', (input) => {
    expect(issuesOf({ recipient: input })).toEqual([{ field: 'recipient', message: 'Recipient must be one of: System, Personal.' }]);
  });
  const stages: [string, string][] = [
    ['PENDING', 'PENDING'],
    ['pending', 'PENDING'],
    ['Dismissed', 'DISMISSED'],
    ['completed', 'COMPLETED'],
    ['MISSED', 'MISSED'],
    ['PASTDUE', 'PASTDUE'],
    ['PAST_DUE', 'PASTDUE'],
    ['past_due', 'PASTDUE'],
    ['Past due', 'PASTDUE'],
  ];
  it.each(stages)('stage %j is sent as %j', (input, sent) => {
    expect(ok({ stage: input }).stage).toBe(sent);
  });
  it.each(['NEW', 'LIVE', 'done', 'PAST'])('stage %j is refused', (input) => {
    expect(issuesOf({ stage: input })[0]).toEqual({
      field: 'stage',
      message: 'Stage must be one of: PENDING, DISMISSED, COMPLETED, MISSED, PASTDUE.',
    });
  });
});

describe('validateQuery: comments', () => {
  it('are trimmed and kept as typed inside', () => {
    expect(ok({ comments: '  call back  after 5 ' }).comments).toBe('call back  after 5');
  });
  it('over 500 characters are refused', () => {
    expect(issuesOf({ comments: 'x'.repeat(501) })[0]!.field).toBe('comments');
    expect(ok({ comments: 'x'.repeat(500) }).comments).toHaveLength(500);
  });
});

describe('validateQuery: offset and limit', () => {
  const limits: [SearchQueryInput['limit'], number][] = [
    [1, 1],
    [5000, 5000],
    ['50', 50],
    [' 100 ', 100],
    ['', 20],
    [undefined, 20],
  ];
  it.each(limits)('limit %j -> %j', (input, expected) => {
    expect(ok({ limit: input }).limit).toBe(expected);
  });
  it.each([0, 5001, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '0', '1e3', '20abc', '-5', '2.0'])('limit %j is refused', (input) => {
    expect(issuesOf({ limit: input })).toEqual([{ field: 'limit', message: 'Results per page must be a whole number from 1 to 5000.' }]);
  });
  const offsets: [SearchQueryInput['offset'], number][] = [
    [0, 0],
    [50000, 50000],
    ['40', 40],
    ['', 0],
    [undefined, 0],
  ];
  it.each(offsets)('offset %j -> %j', (input, expected) => {
    expect(ok({ offset: input }).offset).toBe(expected);
  });
  it.each([-1, 50001, 2.5, '-1', 'ten', '50001'])('offset %j is refused', (input) => {
    expect(issuesOf({ offset: input })).toEqual([{ field: 'offset', message: 'Offset must be a whole number from 0 to 50000.' }]);
  });
});

describe('validateQuery: every issue at once', () => {
  it('reports one issue per bad field, in form order, and the first as the error', () => {
    const result = validateQuery({
      limit: '0',
      stage: 'soon',
      start_date: '2025-06-10',
      end_date: '2025-06-01',
      lead_id: '1e3',
      recipient: 'robot',
      offset: -1,
      campaign_id: 'abc',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.field)).toEqual(['end_date', 'campaign_id', 'lead_id', 'recipient', 'stage', 'offset', 'limit']);
    expect(result.error).toEqual({ kind: 'invalid-query', field: 'end_date', message: "End date can't be before the start date." });
  });
  it('a non-string filter from a bad message is an issue, not a crash', () => {
    expect(issuesOf({ lead_id: 42 as unknown as string })[0]).toEqual({ field: 'lead_id', message: 'Lead ID must be text.' });
  });
});

describe('buildSearchParams', () => {
  it('puts auth_token first, the filters present in spec order, then offset and limit', () => {
    const query = ok({
      stage: 'past_due',
      lead_id: ' 0042 ',
      start_date: '2025-06-01',
      end_date: '2025-06-30',
      comments: 'a&b=c d',
      recipient: 'personal',
      campaign_id: '7',
      account_id: '8',
      id: '9',
      list_id: '10',
      user_id: '11',
      limit: '50',
      offset: 100,
    });
    const params = buildSearchParams(query, TOKEN);
    expect([...params.keys()]).toEqual([
      'auth_token', 'start_date', 'end_date', 'campaign_id', 'comments', 'account_id', 'id', 'lead_id', 'list_id', 'recipient', 'user_id', 'stage', 'offset', 'limit',
    ]);
    expect(params.toString()).toBe(
      `auth_token=${TOKEN}&start_date=2025-06-01&end_date=2025-06-30&campaign_id=7&comments=a%26b%3Dc+d&account_id=8&id=9&lead_id=42&list_id=10&recipient=Personal&user_id=11&stage=PASTDUE&offset=100&limit=50`,
    );
  });
  it('omits empty filters and always sends offset and limit as plain digits', () => {
    expect(buildSearchParams(ok({ comments: '  ', lead_id: '' }), TOKEN).toString()).toBe(`auth_token=${TOKEN}&offset=0&limit=20`);
    expect(buildSearchParams({ offset: 50000, limit: 5000 }, TOKEN).toString()).toBe(`auth_token=${TOKEN}&offset=50000&limit=5000`);
  });
  it('encodes a token with reserved characters', () => {
    expect(buildSearchParams({ offset: 0, limit: 20 }, 'a+b/c=d').get('auth_token')).toBe('a+b/c=d');
    expect(buildSearchParams({ offset: 0, limit: 20 }, 'a+b/c=d').toString()).toMatch(/^auth_token=a%2Bb%2Fc%3Dd&/);
  });
});
