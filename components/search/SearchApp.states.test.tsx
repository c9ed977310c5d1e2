import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ServiceError } from '../../utils/core/messaging/replies';
import { EMPTY_FORM } from '../../utils/search/form-state';
import {
  EMPTY_PAGE, NOW, RAW, STATUS, fail, flush, nextPage, openApp, page, playBackground, renderApp, settingsRead, submit, type,
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

const lead = (id: string) => ({ view: { kind: 'filters' as const, form: { ...EMPTY_FORM, lead_id: id } }, form: { ...EMPTY_FORM, lead_id: id }, offset: 0 });

describe('states', () => {
  it('without a token: explains, opens the options at the token, and searches nothing', async () => {
    bg.status = { ok: true, status: { ...STATUS, hasToken: false, tokenHint: '' } };
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    renderApp();
    await screen.findByText(/needs your Convoso API token/);
    expect(screen.queryByLabelText('Lead ID')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Open options' }));
    expect(create).toHaveBeenCalledWith({ url: 'chrome-extension://test-extension-id/options.html#token' });
    // The options stay one click away.
    expect(screen.getByRole('button', { name: 'Options' })).toBeTruthy();
    expect(bg.sent).toEqual([]);
  });

  it('a "no-token" answer (token removed meanwhile) shows the same explanation', async () => {
    bg.replies.push(fail({ kind: 'no-token', message: 'Add your API token in the options first.' }));
    renderApp();
    await screen.findByText(/needs your Convoso API token/);
  });

  it('shows that it is loading, once, and the result replaces it', async () => {
    await openApp(bg);
    let answer!: (reply: SearchReply) => void;
    bg.replies.push(new Promise<SearchReply>((r) => (answer = r)));
    type('Lead ID', '424242');
    submit();
    await flush();
    expect(screen.getByRole('status').textContent).toContain('Searching…');
    expect(screen.getAllByText(/Searching…/)).toHaveLength(1);
    expect(screen.getByRole('button', { name: 'Search' }).getAttribute('aria-busy')).toBe('true');
    answer(page([RAW]));
    await screen.findByText('Agent Smith');
    expect(screen.getByRole('status').textContent).not.toContain('Searching…');
    expect(screen.getByRole('status').textContent).toContain('1 callback, showing 1.');
  });

  it('a newer search wins over a slower older one', async () => {
    await openApp(bg);
    let slow!: (reply: SearchReply) => void;
    bg.replies.push(new Promise<SearchReply>((r) => (slow = r)), page([{ ...RAW, user_name: 'Newer' }]));
    type('Lead ID', '1');
    submit();
    type('Lead ID', '2');
    submit();
    await screen.findByText('Newer');
    slow(page([{ ...RAW, user_name: 'Older' }]));
    await flush();
    expect(screen.queryByText('Older')).toBeNull();
    expect(screen.getByText('Newer')).toBeTruthy();
  });

  it('an "aborted" answer is ignored', async () => {
    await openApp(bg);
    bg.replies.push(fail({ kind: 'aborted', message: 'Superseded.' }));
    type('Lead ID', '1');
    submit();
    await flush();
    await flush();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByText('Superseded.')).toBeNull();
  });

  it.each([
    [{ lead_id: '777777' }, 'No callbacks matched Lead ID 777777.'],
    [{ lead_id: '777777', stage: 'MISSED' }, 'No callbacks matched Lead ID 777777 and Stage Missed.'],
  ])('empty: names the filters used %o', async (filters, sentence) => {
    bg.replies.push(page([], { total: 0 }));
    const form = { ...EMPTY_FORM, ...filters };
    renderApp({ initial: { view: { kind: 'filters', form }, form, offset: 0 } });
    await screen.findByText(sentence, { selector: '.empty' });
    expect(screen.getByRole('status').textContent).toContain(sentence);
  });

  it.each<[ServiceError, boolean, string | null]>([
    [{ kind: 'server', status: 502, excerpt: 'Bad Gateway', message: "Convoso's server had a problem (HTTP 502). Try again in a moment." }, true, null],
    [{ kind: 'network', message: 'Could not reach Convoso. Check your connection.' }, true, null],
    [{ kind: 'timeout', timeoutMs: 20000, message: 'Convoso did not answer within 20 s.' }, true, null],
    [{ kind: 'rate-limited', status: 429, message: 'Convoso is receiving too many requests.' }, true, null],
    [{ kind: 'auth', status: 401, message: 'Convoso refused the API token.' }, false, 'token'],
    [{ kind: 'http', status: 404, excerpt: '', message: 'The API address was not found (HTTP 404). Check the API address in the options.' }, false, 'api-address'],
    [{ kind: 'refused', message: 'The browser does not grant the extension access to api.example.test.' }, false, 'api-address'],
    [{ kind: 'api', apiText: 'Odd', message: 'Convoso refused the search. Convoso said: Odd' }, false, null],
    [{ kind: 'internal', message: 'The extension did not answer. Try again.' }, true, null],
  ])('error %o shows its sentence (Retry: %s), and "Open options" opens the field to fix: %s', async (error, retry, field) => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    await openApp(bg);
    bg.replies.push(fail(error));
    type('Lead ID', '1');
    submit();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(error.message);
    expect(within(alert).queryByRole('button', { name: 'Retry' }) !== null).toBe(retry);
    const options = within(alert).queryByRole('button', { name: 'Open options' });
    expect(options !== null).toBe(field !== null);
    if (options) {
      fireEvent.click(options);
      expect(create).toHaveBeenCalledWith({ url: `chrome-extension://test-extension-id/options.html#${field}` });
    }
  });

  it('Convoso not knowing the saved user ID of the due view opens the options at the user ID', async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    bg.status = { ok: true, status: { ...STATUS, userId: '70003' } };
    bg.replies.push(fail({ kind: 'param', code: 6006, field: 'user_id', apiText: '', message: "Convoso doesn't know that user. Check the User ID." }));
    renderApp();
    const alert = await screen.findByRole('alert');
    fireEvent.click(within(alert).getByRole('button', { name: 'Open options' }));
    expect(create).toHaveBeenCalledWith({ url: 'chrome-extension://test-extension-id/options.html#user-id' });
    // The form's User ID was not what was refused.
    expect(screen.getByLabelText('User ID').getAttribute('aria-invalid')).toBeNull();
  });

  it('Retry sends the same search again and shows its result', async () => {
    await openApp(bg);
    bg.replies.push(page([RAW], { total: 60, limit: 20 }), fail({ kind: 'server', status: 502, excerpt: '', message: 'HTTP 502.' }), page([RAW], { total: 60, limit: 20, offset: 20 }));
    type('User ID', '7');
    submit();
    await screen.findAllByText('Page 1 of 3');
    nextPage();
    fireEvent.click(await screen.findByRole('button', { name: 'Retry' }));
    await screen.findAllByText('Page 2 of 3');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(bg.searches.map((q) => [q.user_id, q.offset])).toEqual([
      ['7', 0],
      ['7', 20],
      ['7', 20],
    ]);
  });

  it('after Retry from the keyboard, focus lands on what replaced the notice, never on the page itself', async () => {
    await openApp(bg);
    bg.replies.push(fail({ kind: 'network', message: 'Could not reach Convoso.' }), fail({ kind: 'auth', status: 401, message: 'Convoso refused the API token.' }));
    type('Lead ID', '1');
    submit();
    let retry = within(await screen.findByRole('alert')).getByRole('button', { name: 'Retry' });
    retry.focus();
    fireEvent.click(retry);
    // The auth error has no Retry: the notice itself takes focus.
    await screen.findByText('Convoso refused the API token.');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('alert')));

    // A successful retry removes the notice: the results take focus.
    bg.replies.push(fail({ kind: 'timeout', timeoutMs: 1000, message: 'Convoso did not answer within 1 s.' }), page([RAW]));
    submit();
    retry = within(await screen.findByRole('alert')).getByRole('button', { name: 'Retry' });
    retry.focus();
    fireEvent.click(retry);
    await screen.findByText('Agent Smith');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('region', { name: 'Results' })));
  });

  it('when the settings could not be read, Retry asks for them again, then opens the default view and offers "Mine"', async () => {
    bg.status = { ok: false, error: { kind: 'internal', message: 'The extension did not answer. Try again.' } };
    renderApp();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The extension did not answer. Try again.');
    expect(screen.queryByRole('button', { name: 'Mine' })).toBeNull();
    expect(bg.sent).toEqual([]);
    bg.status = { ok: true, status: { ...STATUS, userId: '1234' } };
    bg.replies.push(EMPTY_PAGE(), EMPTY_PAGE());
    const retry = within(alert).getByRole('button', { name: 'Retry' });
    retry.focus();
    fireEvent.click(retry);
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(bg.mock.mock.calls.filter(([r]) => r.type === 'settings-status')).toHaveLength(2);
    expect(screen.getByRole('button', { name: 'Mine' })).toBeTruthy();
    // The notice is gone: focus goes to the page's content, not to the top of the document.
    await waitFor(() => expect(document.activeElement).not.toBe(document.body));
    await waitFor(() => expect(bg.searches.map((q) => q.stage)).toEqual(['PENDING', 'PASTDUE']));
  });

  it('when the settings could not be read, a deep link is searched once Retry reads them', async () => {
    bg.status = { ok: false, error: { kind: 'internal', message: 'The extension did not answer. Try again.' } };
    bg.replies.push(page([RAW]));
    render(<SearchApp layout="tab" now={() => NOW} locale="en-US" initial={lead('424242')} />);
    const alert = await screen.findByRole('alert');
    expect(bg.searches).toEqual([]);
    bg.status = { ok: true, status: STATUS };
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await screen.findByText('Agent Smith');
    expect(bg.searches).toEqual([{ lead_id: '424242', offset: 0 }]);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('a refused parameter highlights its field', async () => {
    await openApp(bg);
    bg.replies.push(fail({ kind: 'param', code: 6031, field: 'start_date', apiText: 'Invalid date', message: 'Convoso refused the date format.' }));
    type('Start date', '2025-06-01');
    submit();
    await screen.findByRole('alert');
    const input = screen.getByLabelText('Start date');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(input.getAttribute('aria-describedby')!)?.textContent).toBe('Convoso refused the date format.');
  });

  it("Convoso's date refusal (6031) marks the date that was sent, not an empty start date", async () => {
    await openApp(bg);
    bg.replies.push(fail({ kind: 'param', code: 6031, field: 'start_date', apiText: 'Invalid date format', message: 'Convoso refused the date format.' }));
    type('End date', '2025-06-30');
    submit();
    await screen.findByRole('alert');
    expect(screen.getByLabelText('End date').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('Start date').getAttribute('aria-invalid')).toBeNull();
  });

  it('a refused field among the folded filters opens them', async () => {
    await openApp(bg);
    bg.replies.push(fail({ kind: 'param', code: 6042, field: 'list_id', apiText: '', message: "Convoso doesn't know that list." }));
    type('List ID', '9');
    expect(document.getElementById('search-filters')!.hidden).toBe(true);
    submit();
    await screen.findByRole('alert');
    expect(screen.getByLabelText('List ID').getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => expect(document.getElementById('search-filters')!.hidden).toBe(false));
  });
});

describe('saved settings that fell back to defaults', () => {
  const PROBLEMS = ['The default page size was stored in an unreadable form; using the default.', 'The request timeout could not be read; using the default.'];

  it('are listed above the form, with a way to the options page', async () => {
    bg.status = { ok: true, status: { ...STATUS, problems: PROBLEMS } };
    const open = vi.spyOn(fakeBrowser.runtime, 'openOptionsPage').mockResolvedValue(undefined);
    await openApp(bg);
    const notice = screen.getByText('2 saved settings were reset').closest('section')!;
    expect(notice.getAttribute('aria-labelledby')).toBe('settings-problems-title');
    expect([...notice.querySelectorAll('li')].map((li) => li.textContent)).toEqual(PROBLEMS);
    fireEvent.click(within(notice).getByRole('button', { name: 'Check the options' }));
    expect(open).toHaveBeenCalledOnce();
    expect(screen.getByLabelText('Lead ID')).toBeTruthy();
  });

  it('are shown with the no-token explanation too (an unreadable token is one of them)', async () => {
    bg.status = { ok: true, status: { ...STATUS, hasToken: false, problems: ['The API token was stored in an unreadable form; using the default.'] } };
    renderApp();
    await screen.findByText(/needs your Convoso API token/);
    expect(screen.getByText('A saved setting was reset')).toBeTruthy();
    expect(screen.getByText('The API token was stored in an unreadable form; using the default.')).toBeTruthy();
  });

  it('nothing is shown when every setting was read', async () => {
    await openApp(bg);
    await settingsRead(bg);
    expect(screen.queryByText(/saved settings? (was|were) reset/)).toBeNull();
  });
});
