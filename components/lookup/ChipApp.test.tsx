import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LeadReply, LeadSummary } from '../../utils/lookup/lookup-messages';
import { ChipApp } from './ChipApp';
import { createLeadAnswer } from './lead-answer';

const NOW = new Date('2025-06-03T12:00:00Z');
const summary = (total: number, overdue: number): LeadSummary => ({
  leadId: '42',
  total,
  shown: total,
  urgency: total === 0 ? 'empty' : overdue ? 'past_due' : 'upcoming',
  next: null,
  overdue,
  callbacks: [],
});

async function chip(reply: LeadReply) {
  const answer = createLeadAnswer({ ask: async () => reply });
  answer.show('42');
  const openSearchTab = vi.fn();
  const view = render(<ChipApp answer={answer} openSearchTab={openSearchTab} now={() => NOW} />);
  // The answer's promise, then the redraw.
  await new Promise((r) => setTimeout(r, 0));
  return { openSearchTab, view };
}

afterEach(cleanup);

describe('an inline chip (issue 19)', () => {
  it('reads as callbacks and opens the lead’s callbacks in a tab', async () => {
    const { openSearchTab } = await chip({ ok: true, summary: summary(3, 1), asOf: NOW.getTime() });
    const button = await screen.findByRole('button', { name: 'Convoso callbacks for lead 42: 3 callbacks · 1 past due' });
    expect(button.textContent).toBe('3 callbacks · 1 past due');
    fireEvent.click(button);
    expect(openSearchTab).toHaveBeenCalledWith('42');
  });

  it('shows nothing for a lead without callbacks', async () => {
    const { view } = await chip({ ok: true, summary: summary(0, 0), asOf: NOW.getTime() });
    expect(view.container.textContent).toBe('');
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('says how old an old answer is (a chip may be served one up to an hour old)', async () => {
    await chip({ ok: true, summary: summary(1, 0), asOf: NOW.getTime() - 40 * 60_000 });
    const button = await screen.findByRole('button');
    expect(button.textContent).toBe('1 callback · checked 40 minutes ago');
    expect(button.getAttribute('aria-label')).toBe('Convoso callbacks for lead 42: 1 callback, checked 40 minutes ago');
  });

  it('says it could not load, with the reason in its name', async () => {
    await chip({ ok: false, error: { kind: 'paused', message: 'Too many.' } });
    const button = await screen.findByRole('button');
    expect(button.textContent).toBe("Callbacks: couldn't load");
    expect(button.getAttribute('aria-label')).toBe('Convoso callbacks for lead 42: Paused: too many leads in this tab');
  });
});
