import { describe, expect, it } from 'vitest';
import type { Callback, CallbackStage, SearchPage } from '../core/api/model';
import { badgeText, countText, nextText } from '../../components/lookup/summary-text';
import type { LeadSummary } from './lookup-messages';
import { COMMENT_MAX, FIELD_MAX, summarizeLead } from './summarize-lead';

const NOW = new Date(2025, 5, 3, 15, 0, 0); // Tue Jun 3 2025, 3:00 PM local wall time

let seq = 0;
function cb(stage: CallbackStage, local: string | null, extra: Partial<Callback> = {}): Callback {
  seq++;
  return {
    id: String(seq),
    leadId: '55',
    listId: '1',
    campaignId: '2',
    userId: '3',
    stage,
    stageLabel: stage.toUpperCase(),
    recipient: 'personal',
    recipientLabel: 'USERONLY',
    callbackTime: local === null ? null : { local },
    createdAt: null,
    modifiedAt: null,
    seenAt: null,
    status: 'LIVE',
    statusName: '',
    userName: 'Test Agent',
    campaignName: 'Test Campaign',
    campaignType: 'Normal',
    directoryName: '',
    comments: '',
    context: '',
    raw: { secret_field: 'never shown' },
    ...extra,
  };
}

function page(results: Callback[], total = results.length): SearchPage {
  return { offset: 0, limit: 20, total, results };
}

describe('summarizeLead', () => {
  it('summarises a mix, most urgent first, with badge fields only', () => {
    const results = [
      cb('completed', '2025-06-01T10:00:00', { id: 'done-old' }),
      cb('pending', '2025-06-03T18:00:00', { id: 'later' }),
      cb('pending', '2025-06-03T14:00:00', { id: 'late-pending' }),
      cb('past_due', '2025-06-02T09:00:00', { id: 'old-past-due' }),
      cb('new', null, { id: 'undated' }),
      cb('dismissed', '2025-06-02T12:00:00', { id: 'dismissed' }),
      cb('pending', '2025-06-03T15:00:00', { id: 'right-now' }),
    ];
    const s = summarizeLead('55', page(results, 12), NOW);
    expect(s.callbacks.map((c) => [c.id, c.overdue])).toEqual([
      ['old-past-due', true],
      ['late-pending', true],
      ['right-now', false],
      ['later', false],
      ['undated', false],
      ['dismissed', false],
      ['done-old', false],
    ]);
    expect(s).toMatchObject({
      leadId: '55',
      total: 12,
      shown: 7,
      urgency: 'past_due',
      next: { local: '2025-06-03T15:00:00' },
      overdue: 2,
    });
    expect(Object.keys(s.callbacks[0]!).sort()).toEqual(
      ['callbackTime', 'campaignName', 'comments', 'id', 'overdue', 'stage', 'stageLabel', 'userName'].sort(),
    );
    expect(JSON.stringify(s)).not.toContain('never shown');
  });

  it.each<[string, Callback[], LeadSummary['urgency'], string | null, number]>([
    ['no callbacks', [], 'empty', null, 0],
    ['only closed', [cb('completed', '2025-06-03T16:00:00'), cb('missed', '2025-06-01T16:00:00')], 'none', null, 0],
    ['next in exactly 60 min', [cb('pending', '2025-06-03T16:00:00')], 'due_soon', '2025-06-03T16:00:00', 0],
    ['next in 61 min', [cb('pending', '2025-06-03T16:01:00')], 'upcoming', '2025-06-03T16:01:00', 0],
    ['due right now', [cb('new', '2025-06-03T15:00:00')], 'due_soon', '2025-06-03T15:00:00', 0],
    ['pending one second late', [cb('pending', '2025-06-03T14:59:59')], 'past_due', null, 1],
    ['past_due stage in the future', [cb('past_due', '2025-06-04T10:00:00')], 'past_due', null, 1],
    ['open but undated', [cb('pending', null)], 'upcoming', null, 0],
    ['unknown stage counts as open', [cb('unknown', '2025-06-03T15:30:00')], 'due_soon', '2025-06-03T15:30:00', 0],
    ['unparseable time', [cb('pending', 'soon')], 'upcoming', null, 0],
  ])('%s', (_, results, urgency, next, overdue) => {
    const s = summarizeLead('55', page(results), NOW);
    expect([s.urgency, s.next?.local ?? null, s.overdue]).toEqual([urgency, next, overdue]);
  });

  it('orders closed callbacks most recent first and keeps at most 10', () => {
    const results = Array.from({ length: 12 }, (_, i) =>
      cb('completed', `2025-05-${String(i + 10).padStart(2, '0')}T09:00:00`, { id: `c${i + 10}` }),
    );
    const s = summarizeLead('55', page(results), NOW);
    expect(s.callbacks.map((c) => c.id)).toEqual(['c21', 'c20', 'c19', 'c18', 'c17', 'c16', 'c15', 'c14', 'c13', 'c12']);
    expect(s.shown).toBe(12);
  });

  it('drops other leads and then stops trusting the API total', () => {
    const s = summarizeLead('55', page([cb('pending', null), cb('pending', null, { leadId: '56' })], 9000), NOW);
    expect([s.total, s.shown]).toEqual([1, 1]);
  });

  it('cuts long comments', () => {
    const s = summarizeLead('55', page([cb('pending', null, { comments: 'x'.repeat(500) })]), NOW);
    expect(s.callbacks[0]!.comments).toBe(`${'x'.repeat(199)}…`);
  });
});

function summaryWith(over: Partial<LeadSummary>): LeadSummary {
  return { ...summarizeLead('55', page([]), NOW), ...over };
}

describe('badge text', () => {
  it.each<[Partial<LeadSummary>, string]>([
    [{}, 'No callbacks'],
    [{ total: 1, shown: 1, urgency: 'none' }, '1 callback'],
    [{ total: 3, shown: 3, overdue: 1 }, '3 callbacks · 1 past due'],
    [{ total: 1234, shown: 20 }, '1,234 callbacks'],
    [{ total: 2, shown: 2, next: { local: '2025-06-03T15:30:00' } }, '2 callbacks · Next: today 3:30 PM'],
    [{ total: 3, shown: 3, overdue: 2, next: { local: '2025-06-04T09:00:00' } }, '3 callbacks · 2 past due · Next: tomorrow 9:00 AM'],
  ])('%j -> %s', (over, expected) => {
    expect(badgeText(summaryWith(over), NOW)).toBe(expected);
  });

  it.each([
    ['2025-06-03T15:30:00', 'Next: today 3:30 PM'],
    ['2025-06-03T23:59:00', 'Next: today 11:59 PM'],
    ['2025-06-04T00:00:00', 'Next: tomorrow 12:00 AM'],
    ['2025-06-04T09:00:00', 'Next: tomorrow 9:00 AM'],
    ['2025-06-05T09:00:00', 'Next: Thu 9:00 AM'],
    ['2025-06-09T09:00:00', 'Next: Mon 9:00 AM'],
    ['2025-06-10T09:00:00', 'Next: Jun 10, 9:00 AM'],
    ['2025-12-03T09:00:00', 'Next: Dec 3, 9:00 AM'],
    ['2026-01-02T09:00:00', 'Next: Jan 2, 2026, 9:00 AM'],
  ])('next %s -> %s', (local, expected) => {
    expect(nextText(summaryWith({ next: { local } }), NOW)).toBe(expected);
  });

  it('has no next line without a next callback', () => {
    expect(nextText(summaryWith({ next: null }), NOW)).toBeNull();
    expect(countText(summaryWith({ total: 0, shown: 0 }))).toBe('No callbacks');
  });
});

describe('summarizeLead: every text field is shortened (issue 8, item 6)', () => {
  it('cuts a megabyte agent name, campaign, stage label and id; comments to COMMENT_MAX', () => {
    const huge = 'x'.repeat(1_000_000);
    const summary = summarizeLead(
      '55',
      page([cb('pending', '2025-06-04T10:00:00', { id: huge, userName: huge, campaignName: huge, stageLabel: huge, comments: huge })]),
      NOW,
    );
    const [one] = summary.callbacks;
    for (const field of ['id', 'userName', 'campaignName', 'stageLabel'] as const) expect(one![field].length).toBeLessThanOrEqual(FIELD_MAX);
    expect(one!.comments.length).toBeLessThanOrEqual(COMMENT_MAX);
    expect(JSON.stringify(summary).length).toBeLessThan(2000);
  });
});
