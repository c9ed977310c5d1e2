import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { dueQueries } from '../../utils/core/api/due-queries';
import { EMPTY_FORM, type SearchForm } from '../../utils/search/form-state';
import { writePopupState } from '../../utils/search/session-state';
import { RAW, STATUS, choose, flush, openApp, page, playBackground, renderApp, settingsRead, submit, type, type Background } from '../../tests/support/search-app';

let bg: Background;
beforeEach(() => {
  fakeBrowser.reset();
  bg = playBackground();
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const TODAY = '2025-06-03';
const withUser = () => (bg.status = { ok: true, status: { ...STATUS, userId: '70003' } });
const agents = () => [...document.querySelectorAll('.callback-card')].map((card) => card.querySelector('.when time')?.getAttribute('dateTime'));

describe('the default view', () => {
  it('with a user ID saved: their callbacks that need action, every match, earliest first, and it says so', async () => {
    withUser();
    const pastDue = [{ ...RAW, id: '1', callback_time: '2025-06-01 09:00:00', stage: 'PASTDUE', class: 'past_due' }, { ...RAW, id: '2', callback_time: '2025-05-20 10:00:00', stage: 'PASTDUE', class: 'past_due' }];
    const pending = [{ ...RAW, id: '3', callback_time: '2025-06-03 16:00:00' }, { ...RAW, id: '4', callback_time: '2025-06-02 08:00:00' }];
    bg.replies.push(page(pending, { limit: 1000 }), page(pastDue, { limit: 1000 }));
    renderApp();
    await screen.findByText('Your callbacks that need action: past due and due today');
    await screen.findByText('4 callbacks');
    // Exactly the toolbar count's two searches (core/api/due-queries.ts), as what a person waits for.
    expect(bg.sent.map((r) => ({ ...r.query, purpose: r.purpose }))).toEqual(
      dueQueries('70003', TODAY).map((d) => ({ ...d.query, offset: 0, limit: 1000, purpose: undefined })),
    );
    expect(agents()).toEqual(['2025-05-20T10:00:00', '2025-06-01T09:00:00', '2025-06-02T08:00:00', '2025-06-03T16:00:00']);
    expect((screen.getByLabelText('Sort') as HTMLSelectElement).value).toBe('time-asc');
  });

  it('without one: the account’s callbacks from today on, and it says so', async () => {
    bg.replies.push(page([RAW], { total: 1 }));
    renderApp();
    await screen.findByText('The account’s callbacks from today on');
    expect(bg.searches).toEqual([{ start_date: TODAY, offset: 0 }]);
    await screen.findByText('Agent Smith');
  });

  it('is what a blank search shows, never the account’s oldest callbacks', async () => {
    await openApp(bg);
    bg.replies.push(page([RAW]));
    submit();
    await screen.findByText('Agent Smith');
    expect(bg.searches).toEqual([{ start_date: TODAY, offset: 0 }]);
  });

  it('an empty due view says nothing needs action', async () => {
    withUser();
    bg.replies.push(page([], { total: 0 }), page([], { total: 0 }));
    renderApp();
    await screen.findByText('None of your callbacks need action: nothing is past due or due today.', { selector: '.empty' });
    expect(screen.queryByRole('navigation')).toBeNull();
  });

  it('"Due", named for the toolbar count, lists exactly what the count counts', async () => {
    withUser();
    await openApp(bg, {}, [page([]), page([])]);
    type('Lead ID', '424242');
    choose('Stage', 'COMPLETED');
    bg.replies.push(page([RAW], { total: 1, limit: 1000 }), page([{ ...RAW, id: '2', stage: 'PASTDUE' }], { total: 1, limit: 1000 }));
    const due = within(screen.getByRole('group', { name: 'Quick filters' })).getByRole('button', { name: 'Due' });
    expect(due.getAttribute('title')).toBe('Your callbacks that need action, past due and due today: what the toolbar count counts.');
    fireEvent.click(due);
    await screen.findByText('2 callbacks');
    expect(bg.searches).toEqual(dueQueries('70003', TODAY).map((d) => ({ ...d.query, offset: 0, limit: 1000 })));
    // The form says what is shown: no filter of its own.
    expect((screen.getByLabelText('Lead ID') as HTMLInputElement).value).toBe('');
    expect(screen.queryByRole('list', { name: 'Filtered by' })).toBeNull();
  });

  it('more of the agent’s callbacks than can be sorted together: the first pages, said plainly', async () => {
    withUser();
    const rows = Array.from({ length: 3 }, (_, i) => ({ ...RAW, id: String(i) }));
    bg.replies.push(page(rows, { total: 4000, limit: 1000 }), page(rows, { total: 2000, limit: 1000 }));
    renderApp();
    await screen.findByText(/orders the first 6 callbacks only: more than 5,000 match/);
    expect(bg.searches).toHaveLength(2);
    expect(screen.getByText('6,000 callbacks')).toBeTruthy();
  });
});

const reopened = async (form: Partial<SearchForm>) => {
  const saved = { ...EMPTY_FORM, ...form };
  await writePopupState({ view: 'filters', form: saved, offset: 0, sort: 'received', page: { offset: 0, limit: 20, total: 0, results: [] } });
  bg.replies.push(page([], { total: 0 }));
  renderApp();
  await settingsRead(bg);
  await waitFor(() => expect(bg.searches).toHaveLength(1));
  await waitFor(() => expect(screen.getByRole('status').textContent).not.toContain('Searching…'));
  bg.searches.length = 0;
};

const chips = () => [...document.querySelectorAll('.chip bdi')].map((c) => c.textContent);

describe('a lead typed into a reopened popup', () => {
  it('shows the last search’s filters as chips where the agent types', async () => {
    await reopened({ user_id: '70003', stage: 'PASTDUE' });
    expect(chips()).toEqual(['User ID 70003', 'Stage Past due']);
    expect(screen.getByRole('list', { name: 'Filtered by' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Filters (2)' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Remove Stage Past due' })).toBeTruthy();
  });

  it('finds that lead: filters carried over are left out, visibly, and can come back', async () => {
    await reopened({ user_id: '70003', stage: 'PASTDUE' });
    bg.replies.push(page([RAW, { ...RAW, id: '2' }, { ...RAW, id: '3' }]));
    type('Lead ID', '1001');
    submit();
    await screen.findByText('3 callbacks');
    expect(bg.searches).toEqual([{ lead_id: '1001', offset: 0 }]);
    expect(chips()).toEqual([]);
    expect(screen.getByText(/left out User ID 70003, Stage Past due from your last search/)).toBeTruthy();
    bg.replies.push(page([], { total: 0 }));
    fireEvent.click(screen.getByRole('button', { name: 'Add them back' }));
    await waitFor(() => expect(bg.searches).toHaveLength(2));
    expect(bg.searches[1]).toEqual({ lead_id: '1001', user_id: '70003', stage: 'PASTDUE', offset: 0 });
    expect(chips()).toEqual(['User ID 70003', 'Stage Past due']);
  });

  it('a lead restored from the last search is selected, so the next one typed replaces it', async () => {
    await reopened({ lead_id: '424242', stage: 'PASTDUE' });
    const input = screen.getByLabelText('Lead ID') as HTMLInputElement;
    expect(document.activeElement).toBe(input);
    await waitFor(() => expect([input.selectionStart, input.selectionEnd]).toEqual([0, 6]));
  });

  it('keeps a filter the agent set now', async () => {
    await reopened({ user_id: '70003', stage: 'PASTDUE' });
    bg.replies.push(page([RAW]));
    choose('Stage', 'PENDING');
    type('Lead ID', '1001');
    submit();
    await screen.findByText('Agent Smith');
    expect(bg.searches).toEqual([{ lead_id: '1001', stage: 'PENDING', offset: 0 }]);
    expect(chips()).toEqual(['Stage Pending']);
  });

  it('an empty combined search offers the lead alone, in one click', async () => {
    await openApp(bg);
    bg.replies.push(page([], { total: 0 }), page([RAW]));
    type('Lead ID', '1001');
    choose('Stage', 'MISSED');
    submit();
    await screen.findByText('No callbacks matched Lead ID 1001 and Stage Missed.', { selector: '.empty' });
    fireEvent.click(screen.getByRole('button', { name: 'Search lead 1001 alone' }));
    await screen.findByText('Agent Smith');
    expect(bg.searches).toEqual([
      { lead_id: '1001', stage: 'MISSED', offset: 0 },
      { lead_id: '1001', offset: 0 },
    ]);
    expect((screen.getByLabelText('Stage') as HTMLSelectElement).value).toBe('');
  });

  it('a chip’s × removes that filter and searches without it', async () => {
    await reopened({ user_id: '70003', stage: 'PASTDUE' });
    bg.replies.push(page([RAW]));
    fireEvent.click(screen.getByRole('button', { name: 'Remove User ID 70003' }));
    await screen.findByText('Agent Smith');
    expect(bg.searches).toEqual([{ stage: 'PASTDUE', offset: 0 }]);
    expect(chips()).toEqual(['Stage Past due']);
    await flush();
  });
});
