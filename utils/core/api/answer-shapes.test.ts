import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { answerShape, type AnswerShape } from '../../../mock-api/answer-shapes';
import { createLeadSearch } from '../../lookup/background/lead-search';
import { createTestConnectionHandler } from '../../connection/background/test-connection';
import { createLeadLookups } from '../../lookup/background/lead-lookups';

import { badgeView } from '../../../components/lookup/status';
import { summarizeLead } from '../../lookup/summarize-lead';
import { searchCallbacks, type SearchOptions } from './client';
import { normalizeResponse } from './normalize';
import { writeArea } from '../../../tests/support/sealed-areas';
import { installFakeScripting } from '../../../tests/support/fake-scripting';
import { testConvoso } from '../../../tests/support/convoso';

// Every answer shape of mock-api/answers (issue 9) through the client, the
// background (saved connection, Test connection, lead lookups) and the badge.

const TOKEN = 'test-token-not-real-0001';
const LA = 'America/Los_Angeles';
const reply = (name: AnswerShape, status = 200) => new Response(JSON.stringify(answerShape(name)), { status });
const fetchOf = (...names: AnswerShape[]) => {
  const queue = [...names];
  return vi.fn<typeof fetch>(async () => reply(queue.length > 1 ? queue.shift()! : queue[0]!));
};
const opts = (fetch: typeof globalThis.fetch, extra: Partial<SearchOptions> = {}): SearchOptions => ({
  token: TOKEN,
  baseUrl: 'https://api.example.test/v1',
  fetch,
  ...extra,
});

beforeEach(() => fakeBrowser.reset());
afterEach(() => vi.useRealTimers());

describe('the client reads every shape', () => {
  it('envelope and bare page give the same kind of page', async () => {
    const envelope = await searchCallbacks({}, opts(fetchOf('envelope')));
    const bare = await searchCallbacks({}, opts(fetchOf('bare-page')));
    expect(envelope).toMatchObject({ ok: true, page: { total: 1, results: [{ id: '880001', userId: '1107', stage: 'pending' }] } });
    expect(bare).toMatchObject({
      ok: true,
      page: { offset: 0, limit: 20, total: 1, results: [{ id: '880002', leadId: '880100', userId: '1107', callbackTime: { local: '2025-03-08T10:30:00' } }] },
    });
  });

  it.each<[AnswerShape, string]>([
    ['auth-5001', 'auth'],
    ['invalid-token-text', 'auth'],
    ['insufficient-permissions', 'auth'],
  ])('%s is a token problem', async (name, kind) => {
    expect(await searchCallbacks({}, opts(fetchOf(name)))).toMatchObject({ ok: false, error: { kind } });
  });

  it('every time shape is read; ISO times become the account’s clock', async () => {
    const result = await searchCallbacks({}, opts(fetchOf('time-shapes'), { timeZone: LA }));
    if (!result.ok) throw new Error(result.error.message);
    // 09:00 written three ways, 17:00Z and 12:00-05:00 are 09:00 in Los Angeles that day (PST).
    expect(result.page.results.map((c) => c.callbackTime?.local)).toEqual(Array(5).fill('2025-03-08T09:00:00'));
    const inNewYork = normalizeResponse(answerShape('time-shapes'), {}, '', 'America/New_York');
    expect(inNewYork.ok && inNewYork.page.results.map((c) => c.callbackTime?.local)).toEqual([
      '2025-03-08T09:00:00',
      '2025-03-08T09:00:00',
      '2025-03-08T12:00:00',
      '2025-03-08T12:00:00',
      '2025-03-08T12:00:00',
    ]);
  });

  it.each<AnswerShape>(['total-missing', 'total-unusable'])('%s: a full page says "at least" and may have a next one', async (name) => {
    const result = await searchCallbacks({ limit: 2 }, opts(fetchOf(name)));
    expect(result).toMatchObject({ ok: true, page: { total: 2, totalAtLeast: true, results: [{}, {}] } });
  });

  it('a missing total on a page that is not full is the exact count', () => {
    const body = answerShape('total-missing') as { data: { limit: string } };
    body.data.limit = '20';
    const result = normalizeResponse(body);
    expect(result.ok && result.page).toMatchObject({ total: 2 });
    expect(result.ok && result.page.totalAtLeast).toBeUndefined();
  });

  it('a user name in `user` is not a user id', async () => {
    const result = await searchCallbacks({}, opts(fetchOf('user-name')));
    expect(result).toMatchObject({ ok: true, page: { results: [{ userId: '', userName: 'Jordan Reyes' }] } });
  });

  it('PAST_DUE and PASTDUE in answers are both past due', async () => {
    const result = await searchCallbacks({}, opts(fetchOf('stage-spellings')));
    expect(result.ok && result.page.results.map((c) => c.stage)).toEqual(['past_due', 'past_due']);
  });
});

describe('the background: saved connection, Test connection, lead lookups', () => {
  beforeEach(async () => {
    // The local host the user saved and the browser granted.
    installFakeScripting().granted = new Set(['http://localhost/*']);
    await writeArea('local', { token: TOKEN, apiBaseUrl: 'http://localhost:9/v1', timeZone: LA });
  });

  it.each<AnswerShape>(['missing-callbacks-6000', 'no-record-6001'])('%s is an empty page, and Test connection says connected', async (name) => {
    expect(await testConvoso().search({ lead_id: '880100' }, { fetch: fetchOf(name) })).toMatchObject({
      ok: true,
      page: { total: 0, results: [] },
    });
    expect(await createTestConnectionHandler(testConvoso(), { fetch: fetchOf(name) })({ type: 'test-connection' })).toEqual({ ok: true, total: 0 });
  });

  it('Test connection reports an unusable total as a lower bound', async () => {
    expect(await createTestConnectionHandler(testConvoso(), { fetch: fetchOf('total-missing') })({ type: 'test-connection' })).toMatchObject({
      ok: true,
      totalAtLeast: true,
    });
  });

  it('the saved account zone reaches the page and its ISO times', async () => {
    const result = await testConvoso().search({}, { fetch: fetchOf('time-shapes') });
    expect(result).toMatchObject({ ok: true, timeZone: LA });
    expect(result.ok && result.page.results[2]!.callbackTime).toEqual({ local: '2025-03-08T09:00:00' });
  });

  it('lead lookups: 6000 is "No callbacks" on the badge, 5001 asks to set up', async () => {
    const now = () => Date.parse('2025-03-08T16:00:00Z');
    vi.useFakeTimers({ toFake: ['Date'], now: now() });
    const empty = createLeadLookups({ search: createLeadSearch(testConvoso(), { fetch: fetchOf('missing-callbacks-6000') }) });
    const emptyReply = await empty.get('880100');
    expect(emptyReply).toMatchObject({ ok: true, summary: { urgency: 'empty', total: 0 } });
    if (emptyReply.ok) expect(badgeView({ kind: 'ready', summary: emptyReply.summary }, new Date(now())).text).toBe('No callbacks');

    const refused = createLeadLookups({ search: createLeadSearch(testConvoso(), { fetch: fetchOf('auth-5001') }) });
    const refusedReply = await refused.get('880100');
    expect(refusedReply).toMatchObject({ ok: false, error: { kind: 'auth' } });
    if (!refusedReply.ok) expect(badgeView({ kind: 'error', error: refusedReply.error }, new Date(now())).action).toBe('set-up');
    vi.useRealTimers();
  });

  it('lead lookups summarise in the account zone: 9:00 Pacific is upcoming at 7:00 Pacific (10:00 in New York)', async () => {
    // 2025-03-08 15:00Z = 7:00 PST = 10:00 EST.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2025-03-08T15:00:00Z') });
    const lookups = createLeadLookups({ search: createLeadSearch(testConvoso(), { fetch: fetchOf('time-shapes') }) });
    const got = await lookups.get('880100');
    vi.useRealTimers();
    expect(got).toMatchObject({ ok: true, summary: { urgency: 'upcoming', overdue: 0, timeZone: LA, next: { local: '2025-03-08T09:00:00' } } });
  });
});

describe('the badge summary of each readable shape', () => {
  const now = new Date('2025-03-08T16:00:00Z'); // 8:00 PST
  it.each<[AnswerShape, string]>([
    ['envelope', 'due_soon'],
    ['bare-page', 'upcoming'],
    ['time-shapes', 'due_soon'],
    ['stage-spellings', 'past_due'],
  ])('%s → %s', (name, urgency) => {
    const result = normalizeResponse(answerShape(name), {}, '', LA);
    if (!result.ok) throw new Error(result.error.message);
    expect(summarizeLead('880100', result.page, now, LA).urgency).toBe(urgency);
  });
});
