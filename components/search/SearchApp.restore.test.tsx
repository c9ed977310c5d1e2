import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { normalizeCallback } from '../../utils/core/api/normalize';
import { EMPTY_FORM } from '../../utils/search/form-state';
import { readPopupState, writePopupState } from '../../utils/search/session-state';
import type { Request } from '../../tests/support/send-stub';
import {
  NOW, RAW, STATUS, choose, flush, nextPage, openApp, page, playBackground, renderApp, settingsRead, submit, type,
  type Background, type SearchReply,
} from '../../tests/support/search-app';
import { SearchApp } from './SearchApp';

let bg: Background;
beforeEach(() => {
  fakeBrowser.reset();
  bg = playBackground();
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const quick = (name: string) => within(screen.getByRole('group', { name: 'Quick filters' })).getByRole('button', { name });

describe('quick filters', () => {
  it('"Today" fills both dates with today and searches, keeping the other filters', async () => {
    await openApp(bg);
    bg.replies.push(page([RAW]));
    type('User ID', '7');
    expect(quick('Today').getAttribute('title')).toMatch(/start and end date to today/);
    fireEvent.click(quick('Today'));
    await screen.findByText('Agent Smith');
    expect(bg.searches).toEqual([{ start_date: '2025-06-03', end_date: '2025-06-03', user_id: '7', offset: 0 }]);
    expect((screen.getByLabelText('Start date') as HTMLInputElement).value).toBe('2025-06-03');
  });

  it('"Overdue" sets the stage to Past due and searches from the first page', async () => {
    await openApp(bg);
    bg.replies.push(page([RAW], { total: 60 }), page([RAW], { total: 60, offset: 20 }), page([RAW]));
    type('Lead ID', '424242');
    submit();
    await screen.findAllByText('Page 1 of 3');
    nextPage();
    await screen.findAllByText('Page 2 of 3');
    fireEvent.click(quick('Overdue'));
    await waitFor(() => expect(bg.searches).toHaveLength(3));
    expect(bg.searches[2]).toEqual({ lead_id: '424242', stage: 'PASTDUE', offset: 0 });
    expect((screen.getByLabelText('Stage') as HTMLSelectElement).value).toBe('PASTDUE');
  });

  it('"Due" and "Mine" are offered only when a user ID is saved in the options', async () => {
    await openApp(bg);
    expect(within(screen.getByRole('group', { name: 'Quick filters' })).getAllByRole('button').map((b) => b.textContent)).toEqual(['Today', 'Overdue']);
    cleanup();
    bg.status = { ok: true, status: { ...STATUS, userId: '1234' } };
    await openApp(bg, {}, [page([]), page([])]);
    expect(within(screen.getByRole('group', { name: 'Quick filters' })).getAllByRole('button').map((b) => b.textContent)).toEqual(['Due', 'Today', 'Overdue', 'Mine']);
    expect(quick('Mine').getAttribute('title')).toBe('Sets the User ID to yours (1234) and searches.');
  });

  it('"Mine" fills the User ID with the saved one and searches, keeping the other filters', async () => {
    bg.status = { ok: true, status: { ...STATUS, userId: '1234' } };
    await openApp(bg, {}, [page([]), page([])]);
    bg.replies.push(page([RAW]), page([RAW]));
    type('User ID', '7');
    choose('Stage', 'PASTDUE');
    fireEvent.click(quick('Mine'));
    await screen.findByText('Agent Smith');
    expect(bg.searches).toEqual([{ user_id: '1234', stage: 'PASTDUE', offset: 0 }]);
    // Quick filters combine: my callbacks for today.
    fireEvent.click(quick('Today'));
    await waitFor(() => expect(bg.searches).toHaveLength(2));
    expect(bg.searches[1]).toEqual({ user_id: '1234', stage: 'PASTDUE', start_date: '2025-06-03', end_date: '2025-06-03', offset: 0 });
  });

  it('still checks the rest of the form: a bad ID is marked and nothing is sent', async () => {
    await openApp(bg);
    type('Lead ID', 'abc');
    fireEvent.click(quick('Today'));
    await flush();
    await waitFor(() => expect(screen.getByLabelText('Lead ID').getAttribute('aria-invalid')).toBe('true'));
    expect(bg.searches).toEqual([]);
  });
});

describe('restoring the last search', () => {
  it('shows the saved search at once, then refreshes it', async () => {
    const form = { ...EMPTY_FORM, lead_id: '424242' };
    await writePopupState({ view: 'filters', form, offset: 20, sort: 'received', page: { offset: 20, limit: 20, total: 41, results: [normalizeCallback({ ...RAW, user_name: 'Saved agent' })] } });
    let answer!: (reply: SearchReply) => void;
    bg.replies.push(new Promise<SearchReply>((r) => (answer = r)));
    renderApp();
    await screen.findByText('Saved agent');
    expect((screen.getByLabelText('Lead ID') as HTMLInputElement).value).toBe('424242');
    await waitFor(() => expect(bg.searches).toEqual([{ lead_id: '424242', offset: 20 }]));
    answer(page([{ ...RAW, user_name: 'Fresh agent' }], { offset: 20, total: 41 }));
    await screen.findByText('Fresh agent');
    expect(screen.queryByText('Saved agent')).toBeNull();
  });

  it('saves each search for next time: the view, the form, the order and the page on screen', async () => {
    await openApp(bg);
    bg.replies.push(page([RAW], { total: 1 }));
    type('Lead ID', '424242');
    submit();
    await screen.findByText('Agent Smith');
    await waitFor(async () => expect((await readPopupState())?.form.lead_id).toBe('424242'));
    const saved = await readPopupState();
    expect(saved).toMatchObject({ view: 'filters', offset: 0, sort: 'received' });
    expect(saved?.page?.results[0]?.userName).toBe('Agent Smith');
  });

  it('a saved form without results fills the form and searches nothing', async () => {
    await writePopupState({ view: 'filters', form: { ...EMPTY_FORM, user_id: '55' }, offset: 0, sort: 'received', page: null });
    renderApp();
    await waitFor(() => expect((screen.getByLabelText('User ID') as HTMLInputElement).value).toBe('55'));
    await settingsRead(bg);
    expect(bg.searches).toEqual([]);
  });

  it('a corrupted saved value is ignored: the default view opens', async () => {
    await fakeBrowser.storage.session.set({ popupState: { form: 'nope', offset: -1 } });
    bg.replies.push(page([]));
    renderApp();
    await settingsRead(bg);
    expect((screen.getByLabelText('Lead ID') as HTMLInputElement).value).toBe('');
    await waitFor(() => expect(bg.searches).toEqual([{ start_date: '2025-06-03', offset: 0 }]));
  });

  it('without a token the saved search is not refreshed', async () => {
    bg.status = { ok: true, status: { ...STATUS, hasToken: false } };
    await writePopupState({ view: 'filters', form: { ...EMPTY_FORM, lead_id: '1' }, offset: 0, sort: 'received', page: { offset: 0, limit: 20, total: 0, results: [] } });
    renderApp();
    await screen.findByText(/needs your Convoso API token/);
    expect(bg.searches).toEqual([]);
  });
});

describe('open in tab, and the tab layout', () => {
  it('a deep link with an invalid value marks the field and sends nothing', async () => {
    const form = { ...EMPTY_FORM, lead_id: 'abc' };
    render(<SearchApp layout="tab" now={() => NOW} locale="en-US" initial={{ view: { kind: 'filters', form }, form, offset: 0 }} />);
    await settingsRead(bg);
    await waitFor(() => expect(screen.getByLabelText('Lead ID').getAttribute('aria-invalid')).toBe('true'));
    expect(bg.searches).toEqual([]);
  });

  it('"Open in tab" opens search.html with the current query', async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    await openApp(bg);
    type('Lead ID', '424242');
    choose('Stage', 'PENDING');
    fireEvent.click(screen.getByRole('button', { name: 'Open in tab' }));
    expect(create).toHaveBeenCalledWith({ url: 'chrome-extension://test-extension-id/search.html?lead_id=424242&stage=PENDING' });
  });

  it('keeps the page being viewed when the form is unchanged, and the view when nothing is typed', async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    await openApp(bg);
    fireEvent.click(screen.getByRole('button', { name: 'Open in tab' }));
    expect(create).toHaveBeenLastCalledWith({ url: 'chrome-extension://test-extension-id/search.html?view=upcoming' });
    bg.replies.push(page([RAW], { total: 60, limit: 20 }), page([RAW], { total: 60, limit: 20, offset: 20 }));
    type('User ID', '7');
    submit();
    await screen.findAllByText('Page 1 of 3');
    nextPage();
    await screen.findAllByText('Page 2 of 3');
    fireEvent.click(screen.getByRole('button', { name: 'Open in tab' }));
    expect(create).toHaveBeenLastCalledWith({ url: 'chrome-extension://test-extension-id/search.html?user_id=7&offset=20' });
  });

  it('the tab searches its deep link at once, shows a table, and reports the query for its address', async () => {
    const searched = vi.fn();
    bg.replies.push(page([RAW, { ...RAW, id: '2', user_name: 'Another', stage: 'Completed' }]));
    const form = { ...EMPTY_FORM, lead_id: '424242' };
    render(<SearchApp layout="tab" now={() => NOW} locale="en-US" initial={{ view: { kind: 'filters', form }, form, offset: 0 }} onSearched={searched} />);
    const table = await screen.findByRole('table');
    expect(bg.searches).toEqual([{ lead_id: '424242', offset: 0 }]);
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(screen.queryByRole('button', { name: 'Open in tab' })).toBeNull();
    expect(searched.mock.calls[0]![0].toString()).toBe('lead_id=424242');

    fireEvent.click(within(table).getByRole('button', { name: 'Agent' }));
    expect(within(table).getAllByRole('row')[1]!.textContent).toContain('Agent Smith');
    expect(within(table).getByRole('columnheader', { name: /Agent/ }).getAttribute('aria-sort')).toBe('ascending');

    fireEvent.click(within(table).getAllByRole('button', { name: /All fields/ })[0]!);
    expect(within(table).getByText('List name')).toBeTruthy();
  });

  it('the tab opens the due view from its address, and says which view it is', async () => {
    bg.status = { ok: true, status: { ...STATUS, userId: '70003' } };
    const searched = vi.fn();
    bg.replies.push(page([RAW], { limit: 1000 }), page([], { total: 0, limit: 1000 }));
    render(<SearchApp layout="tab" now={() => NOW} locale="en-US" initial={{ view: { kind: 'due' }, form: EMPTY_FORM, offset: 0 }} onSearched={searched} />);
    await screen.findByText('Your callbacks that need action: past due and due today');
    await screen.findByRole('table');
    expect(bg.searches.map((q) => q.stage)).toEqual(['PENDING', 'PASTDUE']);
    expect(searched.mock.calls.at(-1)![0].toString()).toBe('view=due');
  });
});

describe('the account’s time zone (issue 9)', () => {
  // 1:00 AM on Jan 16 in New York is 10:00 PM on Jan 15 in Los Angeles.
  const LATE = new Date('2025-01-16T06:00:00Z');
  const pacific = () => (bg.status = { ok: true, status: { ...STATUS, timeZone: 'America/Los_Angeles' } });

  it('"Today" is the account’s today, and times say PT with the distance counted on the account’s clock', async () => {
    pacific();
    await openApp(bg, { now: () => LATE, browserTimeZone: 'America/New_York' });
    bg.replies.push(page([{ ...RAW, callback_time: '2025-01-15 23:00:00' }]));
    fireEvent.click(quick('Today'));
    await waitFor(() => expect(bg.searches).toHaveLength(1));
    expect(bg.searches[0]).toMatchObject({ start_date: '2025-01-15', end_date: '2025-01-15' });
    await screen.findByText('Jan 15, 2025, 11:00 PM PT');
    expect(screen.getByText('in 1 h')).toBeTruthy();
  });

  it('"Today" pressed before the settings are read waits for them: the account’s day, not the browser’s', async () => {
    pacific();
    let answerStatus!: () => void;
    const statusHeld = new Promise<void>((resolve) => (answerStatus = resolve));
    const real = bg.mock.getMockImplementation()!;
    bg.mock.mockImplementation(async (request: Request) => {
      if (request.type === 'settings-status') await statusHeld;
      return real(request);
    });
    bg.replies.push(page([{ ...RAW, callback_time: '2025-01-15 23:00:00' }]));
    renderApp({ now: () => LATE, browserTimeZone: 'America/New_York' });
    fireEvent.click(quick('Today'));
    await flush();
    expect(bg.searches).toHaveLength(0);
    answerStatus();
    await waitFor(() => expect(bg.searches).toHaveLength(1));
    expect(bg.searches[0]).toMatchObject({ start_date: '2025-01-15', end_date: '2025-01-15' });
  });

  it('in the account’s own zone the time carries no label', async () => {
    pacific();
    await openApp(bg, { now: () => LATE, browserTimeZone: 'America/Los_Angeles' });
    bg.replies.push(page([{ ...RAW, callback_time: '2025-01-15 23:00:00' }]));
    type('Lead ID', '424242');
    submit();
    await screen.findByText('Jan 15, 2025, 11:00 PM');
    expect(screen.getByText('in 1 h')).toBeTruthy();
  });

  it('the account’s today also opens the default view', async () => {
    pacific();
    bg.replies.push(page([]));
    renderApp({ now: () => LATE, browserTimeZone: 'America/New_York' });
    await waitFor(() => expect(bg.searches).toEqual([{ start_date: '2025-01-15', offset: 0 }]));
  });

  it('a page without a usable total says "At least" and lets the agent page on', async () => {
    await openApp(bg);
    bg.replies.push(page([RAW, { ...RAW, id: '9998' }], { limit: 2, total: 2, totalAtLeast: true }), page([{ ...RAW, id: '9997' }], { offset: 2, limit: 2, total: 3 }));
    type('Lead ID', '424242');
    submit();
    await screen.findByText('At least 2 callbacks');
    expect(screen.getAllByText('Page 1')).toHaveLength(2);
    nextPage();
    await screen.findByText('3 callbacks');
    expect(bg.searches[1]).toMatchObject({ offset: 2 });
  });
});
