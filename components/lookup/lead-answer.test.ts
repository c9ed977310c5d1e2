import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LeadReply, LeadSummary } from '../../utils/lookup/lookup-messages';
import { LOOKING_UP_AFTER_MS, createLeadAnswer, type AskOptions } from './lead-answer';

const summary = (leadId: string, total = 1): LeadSummary => ({ leadId, total, shown: total, urgency: 'upcoming', next: null, overdue: 0, callbacks: [] });
const ok = (leadId: string, extra: Partial<Extract<LeadReply, { ok: true }>> = {}): LeadReply => ({ ok: true, summary: summary(leadId), asOf: 0, ...extra });
const fail = (kind: 'internal' | 'aborted' | 'server') => ({ ok: false, error: { kind, message: kind } }) as LeadReply;

/** A background whose answers the test settles, one per question. */
function background() {
  const asked: { leadId: string; options: AskOptions; answer: (reply: LeadReply) => Promise<void> }[] = [];
  const ask = vi.fn((leadId: string, options: AskOptions) =>
    new Promise<LeadReply>((resolve) =>
      asked.push({
        leadId,
        options,
        answer: async (reply) => {
          resolve(reply);
          await vi.advanceTimersByTimeAsync(0);
        },
      }),
    ),
  );
  return { ask, asked };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('a frame’s answer', () => {
  it('shows nothing while a quick answer comes, then the answer', async () => {
    const bg = background();
    const answer = createLeadAnswer({ ask: bg.ask });
    answer.show('5');
    expect(answer.status).toBeNull();
    await bg.asked[0]!.answer(ok('5', { asOf: 1000 }));
    expect(answer.status).toEqual({ kind: 'ready', summary: summary('5'), asOf: 1000 });
    await vi.advanceTimersByTimeAsync(LOOKING_UP_AFTER_MS);
    expect(answer.status?.kind).toBe('ready');
  });

  it('says "Looking up…" once an answer is slow, and at once when it replaces another lead', async () => {
    const bg = background();
    const answer = createLeadAnswer({ ask: bg.ask });
    answer.show('5');
    await vi.advanceTimersByTimeAsync(LOOKING_UP_AFTER_MS);
    expect(answer.status).toEqual({ kind: 'loading' });
    await bg.asked[0]!.answer(ok('5'));
    answer.show('6');
    expect(answer.status).toEqual({ kind: 'loading' });
    expect(answer.leadId).toBe('6');
  });

  it('drops an answer for a lead no longer shown', async () => {
    const bg = background();
    const answer = createLeadAnswer({ ask: bg.ask });
    answer.show('5');
    answer.show('6');
    await bg.asked[1]!.answer(ok('6'));
    await bg.asked[0]!.answer(ok('5'));
    expect(answer.status).toMatchObject({ kind: 'ready', summary: { leadId: '6' } });
  });

  it('asks once more by itself when the extension did not answer, then shows the error', async () => {
    const bg = background();
    const answer = createLeadAnswer({ ask: bg.ask });
    answer.show('5');
    await bg.asked[0]!.answer(fail('internal'));
    expect(answer.status).toEqual({ kind: 'loading' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(bg.ask).toHaveBeenCalledTimes(2);
    await bg.asked[1]!.answer(fail('internal'));
    expect(answer.status).toMatchObject({ kind: 'error', error: { kind: 'internal' } });
    await vi.advanceTimersByTimeAsync(5000);
    expect(bg.ask).toHaveBeenCalledTimes(2);
  });

  it('shows a stale answer at once, then the background’s refresh of it', async () => {
    const bg = background();
    const answer = createLeadAnswer({ ask: bg.ask });
    answer.show('5');
    await bg.asked[0]!.answer(ok('5', { refreshing: true }));
    expect(answer.status?.kind).toBe('ready');
    expect(bg.asked[1]).toMatchObject({ leadId: '5', options: { afterRefresh: true } });
    await bg.asked[1]!.answer({ ok: true, summary: summary('5', 4), asOf: 0 });
    expect(answer.status).toMatchObject({ kind: 'ready', summary: { total: 4 } });
    expect(bg.ask).toHaveBeenCalledTimes(2);
  });

  it('Refresh asks the background to bypass its cache; Retry does not', async () => {
    const bg = background();
    const answer = createLeadAnswer({ ask: bg.ask });
    answer.show('5');
    await bg.asked[0]!.answer(fail('server'));
    answer.again();
    expect(bg.asked[1]!.options).toEqual({});
    answer.again(true);
    expect(bg.asked[2]!.options).toEqual({ refresh: true });
  });

  it('keeps waiting on a superseded lookup (the newer answer is on its way)', async () => {
    const bg = background();
    const answer = createLeadAnswer({ ask: bg.ask });
    answer.show('5');
    await bg.asked[0]!.answer(fail('aborted'));
    expect(answer.status).toBeNull();
  });

  it('says offline when the browser is', async () => {
    const bg = background();
    const answer = createLeadAnswer({ ask: bg.ask, online: () => false });
    answer.show('5');
    await bg.asked[0]!.answer(fail('server'));
    expect(answer.status).toMatchObject({ kind: 'error', offline: true });
  });

  it('tells its listeners of every change', async () => {
    const bg = background();
    const answer = createLeadAnswer({ ask: bg.ask });
    const listener = vi.fn();
    const stop = answer.subscribe(listener);
    answer.show('5');
    await bg.asked[0]!.answer(ok('5'));
    expect(listener).toHaveBeenCalledTimes(2);
    stop();
    answer.show('6');
    expect(listener).toHaveBeenCalledTimes(2);
  });
});
