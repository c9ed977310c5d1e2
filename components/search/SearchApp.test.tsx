import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { stubBackground, type BackgroundStub } from '../../tests/support/send-stub';
import { normalizeCallback } from '../../utils/core/api/normalize';
import type { SearchPage } from '../../utils/core/api/model';
import type { Request } from '../../tests/support/send-stub';
import type { ServiceError } from '../../utils/core/messaging/replies';
import type { AnswerOf } from '../../utils/core/messaging/define-message';
import type { search } from '../../utils/search/search-messages';
import type { SettingsStatus, settingsStatus } from '../../utils/connection/connection-messages';
import { EMPTY_FORM } from '../../utils/search/form-state';
import { readPopupState, writePopupState } from '../../utils/search/session-state';
import { SearchApp, type SearchAppProps } from './SearchApp';

const sendMock: BackgroundStub = vi.fn();

// `now` is read in the local zone, like the browser does.
const NOW = new Date(2025, 5, 3, 13, 0, 0);

const STATUS: SettingsStatus = {
  hasToken: true,
  tokenHint: '••••0001',
  tokenStorage: 'local',
  baseUrl: 'https://api.convoso.com/v1',
  method: 'GET',
  pageSize: 20,
  userId: '',
  problems: [],
};

type SearchReply = AnswerOf<typeof search>;
type SearchQuery = Extract<Request, { type: 'search' }>['query'];

let status: AnswerOf<typeof settingsStatus>;
let searchReplies: Array<SearchReply | Promise<SearchReply>>;
let searches: SearchQuery[];

function page(raw: Record<string, unknown>[], over: Partial<SearchPage> = {}): SearchReply {
  return { ok: true, page: { offset: 0, limit: 20, total: raw.length, results: raw.map(normalizeCallback), ...over } };
}

const fail = (error: ServiceError): SearchReply => ({ ok: false, error });

const RAW = {
  id: '9999',
  lead_id: '424242',
  list_id: '123456',
  campaign_id: '123',
  status: 'LIVE',
  callback_time: '2025-06-03 15:00:00',
  user: '12345677',
  recipient: 'USERONLY',
  comments: 'Customer asked to call back after 5pm',
  stage: 'Pending',
  class: '',
  user_name: 'Agent Smith',
  directory_name: 'Spring leads',
  campaign_name: 'Solar outbound',
};

beforeEach(() => {
  fakeBrowser.reset();
  status = { ok: true, status: STATUS };
  searchReplies = [];
  searches = [];
  sendMock.mockReset();
  stubBackground(sendMock);
  sendMock.mockImplementation(async (request: Request) => {
    if (request.type === 'settings-status') return status;
    if (request.type === 'search') {
      searches.push(request.query);
      const next = searchReplies.shift();
      if (!next) throw new Error('unexpected search');
      return next;
    }
    throw new Error(`unexpected ${request.type}`);
  });
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function renderApp(props: Partial<SearchAppProps> = {}) {
  return render(<SearchApp layout="popup" now={() => NOW} locale="en-US" {...props} />);
}

const flush = () => new Promise((r) => setTimeout(r, 0));

async function ready() {
  await waitFor(() => expect(sendMock).toHaveBeenCalledWith({ type: 'settings-status' }));
  await flush();
}

function type(label: string, value: string) {
  fireEvent.input(screen.getByLabelText(label), { target: { value } });
}

function choose(label: string, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

const submit = () => fireEvent.click(screen.getByRole('button', { name: 'Search' }));

describe('search form', () => {
  it('has a labelled control for every filter of the spec', async () => {
    renderApp();
    await ready();
    for (const label of [
      'Start date',
      'End date',
      'Campaign ID',
      'Comments',
      'Account ID',
      'Callback ID',
      'Lead ID',
      'List ID',
      'Recipient',
      'User ID',
      'Stage',
      'Results per page',
    ]) {
      expect(screen.getByLabelText(label)).toBeTruthy();
    }
    expect((screen.getByLabelText('Start date') as HTMLInputElement).type).toBe('date');
    expect((screen.getByLabelText('Results per page') as HTMLSelectElement).value).toBe('20');
  });

  it('the popup opens with the Lead ID ready for typing; the tab does not take focus', async () => {
    renderApp();
    await ready();
    expect(document.activeElement).toBe(screen.getByLabelText('Lead ID'));
    cleanup();
    render(<SearchApp layout="tab" now={() => NOW} locale="en-US" />);
    await ready();
    expect(document.activeElement).toBe(document.body);
  });

  it('sends the filters typed, offset 0, and no page size unless chosen', async () => {
    searchReplies.push(page([RAW]));
    renderApp();
    await ready();
    type('Lead ID', ' 424242 ');
    choose('Stage', 'PASTDUE');
    choose('Recipient', 'Personal');
    type('Start date', '2025-06-01');
    submit();
    await screen.findByText('Agent Smith');
    expect(searches).toEqual([{ lead_id: '424242', stage: 'PASTDUE', recipient: 'Personal', start_date: '2025-06-01', offset: 0 }]);
  });

  it('sends the chosen page size', async () => {
    searchReplies.push(page([RAW]));
    renderApp();
    await ready();
    choose('Results per page', '100');
    type('Comments', 'spouse');
    submit();
    await screen.findByText('Agent Smith');
    expect(searches).toEqual([{ comments: 'spouse', limit: '100', offset: 0 }]);
  });

  it.each([
    ['Lead ID', 'abc', /Lead ID must be a whole number/],
    ['User ID', '12.5', /User ID must be a whole number/],
    ['Campaign ID', '-4', /Campaign ID must be a whole number/],
    ['Callback ID', 'x', /Callback ID must be a whole number/],
  ])('shows "%s = %s" as invalid beside the field and sends nothing', async (label, value, message) => {
    renderApp();
    await ready();
    type(label, value);
    submit();
    await flush();
    const input = screen.getByLabelText(label);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const hint = document.getElementById(input.getAttribute('aria-describedby')!);
    expect(hint?.textContent).toMatch(message);
    expect(document.activeElement).toBe(input);
    expect(searches).toEqual([]);
  });

  it('an end date before the start date is shown at the end date; fixing it clears the mark', async () => {
    searchReplies.push(page([]));
    renderApp();
    await ready();
    type('Start date', '2025-06-10');
    type('End date', '2025-06-01');
    submit();
    await flush();
    const end = screen.getByLabelText('End date');
    expect(end.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText("End date can't be before the start date.")).toBeTruthy();
    expect(searches).toEqual([]);
    type('End date', '2025-06-20');
    expect(end.getAttribute('aria-invalid')).toBeNull();
    submit();
    await waitFor(() => expect(searches).toHaveLength(1));
  });

  it('a date the browser could not read (badInput, empty value) is an error, not "no date"', async () => {
    renderApp();
    await ready();
    const start = screen.getByLabelText('Start date') as HTMLInputElement;
    Object.defineProperty(start, 'validity', { value: { badInput: true }, configurable: true });
    submit();
    await flush();
    expect(start.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(start.getAttribute('aria-describedby')!)?.textContent).toMatch(/Start date must be a real date/);
    expect(searches).toEqual([]);
  });

  it('every problem is marked at once, and the "More filters" group opens for its own', async () => {
    renderApp();
    await ready();
    type('Lead ID', 'x');
    type('List ID', 'y');
    submit();
    await flush();
    expect(screen.getByLabelText('Lead ID').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('List ID').getAttribute('aria-invalid')).toBe('true');
    expect((screen.getByText('More filters').closest('details') as HTMLDetailsElement).open).toBe(true);
  });

  it('Clear resets the form, the marks and the results', async () => {
    searchReplies.push(page([RAW]));
    renderApp();
    await ready();
    type('Lead ID', '424242');
    submit();
    await screen.findByText('Agent Smith');
    type('User ID', 'bad');
    submit();
    await flush();
    fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    await flush();
    expect((screen.getByLabelText('Lead ID') as HTMLInputElement).value).toBe('');
    expect(screen.getByLabelText('User ID').getAttribute('aria-invalid')).toBeNull();
    expect(screen.queryByText('Agent Smith')).toBeNull();
    expect(await readPopupState()).toBeNull();
  });
});

describe('results', () => {
  async function searchFor(results: Record<string, unknown>[], over: Partial<SearchPage> = {}) {
    searchReplies.push(page(results, over));
    renderApp();
    await ready();
    submit();
    await waitFor(() => expect(document.querySelector('.results')).toBeTruthy());
  }

  it('shows a callback: time (formatted and relative), stage chip, lead, recipient, agent, campaign, list, comments', async () => {
    await searchFor([RAW], { total: 12250, offset: 20 });
    expect(screen.getByText('12,250 callbacks')).toBeTruthy();
    expect(screen.getByText(/showing 21/, { selector: '.range' }).textContent).toBe(' · showing 21');
    const card = screen.getByRole('listitem');
    const text = card.textContent!;
    expect(text).toContain('Jun 3, 2025, 3:00 PM');
    expect(text).toContain('in 2 h');
    expect(within(card).getByText('Pending').className).toContain('stage-chip--pending');
    for (const part of ['424242', 'Personal', 'Agent Smith', 'Solar outbound', 'Spring leads', 'Customer asked to call back after 5pm']) {
      expect(text).toContain(part);
    }
  });

  it.each([
    [{ stage: 'Pending', class: '' }, 'pending', 'Pending'],
    [{ stage: 'PENDING', class: 'past_due' }, 'past_due', 'Past due'],
    [{ stage: 'Completed' }, 'completed', 'Completed'],
    [{ stage: 'Dismissed', class: 'past_due' }, 'dismissed', 'Dismissed'],
    [{ stage: 'MISSED' }, 'missed', 'Missed'],
    [{ stage: 'New' }, 'new', 'New'],
    [{ stage: 'Snoozed' }, 'unknown', 'Snoozed'],
    [{ stage: '' }, 'unknown', 'Unknown stage'],
  ])('stage %o shows a %s chip reading "%s"', async (fields, stage, label) => {
    await searchFor([{ ...RAW, ...fields }]);
    const chip = document.querySelector('.stage-chip')!;
    expect(chip.getAttribute('data-stage')).toBe(stage);
    expect(chip.textContent).toBe(label);
  });

  it.each([
    ['USERONLY', 'Personal'],
    ['personal', 'Personal'],
    ['system', 'System'],
    ['System', 'System'],
    ['CAMPAIGN', 'CAMPAIGN'],
    ['', '—'],
  ])('recipient %j reads %s', async (recipient, shown) => {
    await searchFor([{ ...RAW, recipient }]);
    const meta = [...document.querySelectorAll('.meta')].find((m) => m.textContent!.startsWith('Recipient'))!;
    expect(meta.textContent).toBe(`Recipient ${shown}`);
  });

  it.each([
    ['2025-06-03 15:00:00', 'Jun 3, 2025, 3:00 PM', 'in 2 h'],
    ['2025-06-03 03:00 PM', 'Jun 3, 2025, 3:00 PM', 'in 2 h'],
    ['2025-05-31 01:00 PM', 'May 31, 2025, 1:00 PM', '3 d overdue'],
    ['2025-05-31 00:30:00', 'May 31, 2025, 12:30 AM', '3 d overdue'],
  ])('time %s reads "%s" and "%s"', async (callback_time, absolute, relative) => {
    await searchFor([{ ...RAW, callback_time }]);
    expect(screen.getByText(absolute)).toBeTruthy();
    expect(screen.getByText(relative)).toBeTruthy();
  });

  it('a finished callback in the past is "ago", not overdue', async () => {
    await searchFor([{ ...RAW, callback_time: '2025-05-31 13:00:00', stage: 'Completed' }]);
    expect(screen.getByText('3 d ago')).toBeTruthy();
  });

  it('missing fields show placeholders, never "undefined"', async () => {
    await searchFor([{ id: '5' }]);
    const card = screen.getByRole('listitem');
    expect(card.textContent).toContain('No time given');
    expect(card.textContent).toContain('No comments');
    expect(card.textContent).toContain('Lead —');
    expect(card.textContent).toContain('Agent —');
    expect(card.textContent).not.toMatch(/undefined|null|NaN/);
  });

  it('an agent without a name shows the user ID', async () => {
    await searchFor([{ ...RAW, user_name: '' }]);
    expect(screen.getByRole('listitem').textContent).toContain('Agent User 12345677');
  });

  it('long comments are shortened, and shown in full on demand', async () => {
    const long = `${'Please call the customer back about the solar quote '.repeat(4)}END`;
    await searchFor([{ ...RAW, comments: long }]);
    expect(screen.queryByText(/END/)).toBeNull();
    const more = screen.getByRole('button', { name: 'Show all of the comment for callback 9999' });
    expect(more.textContent).toMatch(/^Show all/);
    expect(more.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(more);
    expect(screen.getByText(/END$/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Show less of the comment for callback 9999' }).getAttribute('aria-expanded')).toBe('true');
  });

  it.each(['popup', 'tab'] as const)('in the %s, every "Show all" and "All fields" button names its own callback', async (layout) => {
    const long = `${'Please call the customer back about the solar quote '.repeat(4)}END`;
    const rows = [
      { ...RAW, id: '9999', comments: long },
      { ...RAW, id: '10000', comments: long },
      { ...RAW, id: '', lead_id: '515151', comments: long },
    ];
    searchReplies.push(page(rows));
    renderApp({ layout, initial: { form: { ...EMPTY_FORM, lead_id: '424242' }, offset: 0 } });
    await screen.findAllByText('Agent Smith');
    const names = (pattern: RegExp) => screen.getAllByRole('button', { name: pattern }).map((b) => b.textContent);
    expect(names(/^Show all of/)).toEqual([
      'Show all of the comment for callback 9999',
      'Show all of the comment for callback 10000',
      'Show all of the comment for the callback for lead 515151 at Jun 3, 2025, 3:00 PM',
    ]);
    const fields =
      layout === 'tab'
        ? names(/^All fields/)
        : [...document.querySelectorAll('.card-details summary')].map((summary) => summary.textContent);
    expect(fields).toEqual(['All fields of callback 9999', 'All fields of callback 10000', 'All fields of the callback for lead 515151 at Jun 3, 2025, 3:00 PM']);
    // What a sighted user reads is unchanged.
    for (const button of screen.getAllByRole('button', { name: /^Show all of/ })) {
      expect(button.querySelector('.visually-hidden')?.textContent).toMatch(/^ of the comment for /);
    }
  });

  it('"All fields" lists every field the API returned, unknown ones too', async () => {
    await searchFor([{ ...RAW, phone_number: '5125550142', context: '104569' }]);
    const details = screen.getByText('All fields').closest('details')!;
    expect(details.querySelector('dl')).toBeNull();
    details.open = true;
    fireEvent(details, new Event('toggle'));
    await flush();
    const keys = [...details.querySelectorAll('dt')].map((dt) => dt.textContent);
    expect(keys).toEqual([...Object.keys(RAW), 'phone_number', 'context']);
    expect(details.textContent).toContain('5125550142');
  });

  it('a comment holding HTML and script is shown as text and creates no element', async () => {
    const payload = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
    await searchFor([{ ...RAW, comments: payload, user_name: '<b>bold</b>' }]);
    const results = document.querySelector('.results')!;
    expect(results.querySelector('img')).toBeNull();
    expect(results.querySelector('script')).toBeNull();
    expect(results.getElementsByTagName('b')).toHaveLength(0);
    expect(results.textContent).toContain('<b>bold</b>');
    expect(results.textContent).toContain(payload);
    expect(results.querySelector('img, script')).toBeNull();
    expect((window as { __xss?: unknown }).__xss).toBeUndefined();
  });

  it('sorts the page on screen by time, stage and agent', async () => {
    await searchFor([
      { ...RAW, id: '1', callback_time: '2025-06-05 10:00:00', stage: 'Completed', user_name: 'Zed' },
      { ...RAW, id: '2', callback_time: '2025-06-01 10:00:00', stage: 'Pending', user_name: 'amy' },
      { ...RAW, id: '3', callback_time: '2025-06-03 10:00 AM', stage: 'New', class: 'past_due', user_name: 'Bob' },
    ]);
    const order = () => [...document.querySelectorAll('.callback-card .meta')].filter((m) => m.textContent!.startsWith('Agent')).map((m) => m.textContent!.slice(6));
    expect(order()).toEqual(['Zed', 'amy', 'Bob']);
    choose('Sort', 'time-asc');
    expect(order()).toEqual(['amy', 'Bob', 'Zed']);
    choose('Sort', 'time-desc');
    expect(order()).toEqual(['Zed', 'Bob', 'amy']);
    choose('Sort', 'stage');
    expect(order()).toEqual(['Bob', 'amy', 'Zed']);
    choose('Sort', 'agent');
    expect(order()).toEqual(['amy', 'Bob', 'Zed']);
    expect(searches).toHaveLength(1);
  });

  describe('in the tab, an open "All fields" panel', () => {
    const rows = [
      { ...RAW, id: '1', callback_time: '2025-06-05 10:00:00', user_name: 'Zed' },
      { ...RAW, id: '2', callback_time: '2025-06-01 10:00:00', user_name: 'amy' },
      { ...RAW, id: '3', callback_time: '2025-06-03 10:00:00', user_name: 'Bob' },
    ];
    const toggle = (id: string) => screen.getByRole('button', { name: `All fields of callback ${id}` });
    /** Each open panel, as the callback named by the row right above it and the agent its fields show. */
    const openPanels = () =>
      [...document.querySelectorAll('.fields-row')].map((panel) => {
        const owner = panel.previousElementSibling!.querySelector('button[aria-controls]')!;
        expect(owner.getAttribute('aria-controls')).toBe(panel.id);
        expect(owner.getAttribute('aria-expanded')).toBe('true');
        const agent = [...panel.querySelectorAll('.raw-field')].find((f) => f.querySelector('dt')!.textContent === 'user_name');
        return [owner.textContent, agent?.querySelector('dd')!.textContent];
      });

    async function openFirst() {
      searchReplies.push(page(rows, { total: 45 }));
      renderApp({ layout: 'tab' });
      await ready();
      submit();
      await screen.findByText('Zed');
      fireEvent.click(toggle('1'));
      expect(openPanels()).toEqual([['All fields of callback 1', 'Zed']]);
    }

    it('stays with its callback when the page is sorted', async () => {
      await openFirst();
      choose('Sort', 'agent');
      expect(openPanels()).toEqual([['All fields of callback 1', 'Zed']]);
      expect(toggle('2').getAttribute('aria-expanded')).toBe('false');
      fireEvent.click(screen.getByRole('button', { name: /^Scheduled/ }));
      expect(openPanels()).toEqual([['All fields of callback 1', 'Zed']]);
      fireEvent.click(toggle('1'));
      expect(openPanels()).toEqual([]);
    });

    it('is closed by a new search at the same offset, and by paging', async () => {
      await openFirst();
      searchReplies.push(page(rows, { total: 45 }));
      submit();
      await waitFor(() => expect(searches).toHaveLength(2));
      await waitFor(() => expect(openPanels()).toEqual([]));
      expect(toggle('1').getAttribute('aria-expanded')).toBe('false');

      fireEvent.click(toggle('1'));
      searchReplies.push(page(rows, { total: 45, offset: 20 }));
      fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
      await screen.findByText('Page 2 of 3');
      expect(openPanels()).toEqual([]);
    });
  });

  it('pages forward and back with the same filters and the right offsets', async () => {
    searchReplies.push(page([RAW], { total: 45, limit: 20 }));
    renderApp();
    await ready();
    type('Lead ID', '424242');
    submit();
    await screen.findByText('Page 1 of 3');
    // Unavailable but still focusable, so a keyboard user never loses their place.
    const previous = screen.getByRole('button', { name: 'Previous page' });
    expect(previous.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(previous);
    await flush();
    expect(searches).toHaveLength(1);
    // Typing after the search does not change what paging asks for.
    type('Lead ID', '1');
    searchReplies.push(page([RAW], { total: 45, limit: 20, offset: 20 }));
    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await screen.findByText('Page 2 of 3');
    searchReplies.push(page([RAW], { total: 45, limit: 20, offset: 40 }));
    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await screen.findByText('Page 3 of 3');
    const next = screen.getByRole('button', { name: 'Next page' });
    expect(next.getAttribute('aria-disabled')).toBe('true');
    next.focus();
    fireEvent.click(next);
    await flush();
    expect(searches).toHaveLength(3);
    expect(document.activeElement).toBe(next);
    expect(screen.getByRole('button', { name: 'Previous page' }).getAttribute('aria-disabled')).toBeNull();
    searchReplies.push(page([RAW], { total: 45, limit: 20, offset: 20 }));
    fireEvent.click(screen.getByRole('button', { name: 'Previous page' }));
    await screen.findByText('Page 2 of 3');
    expect(searches.map((q) => [q.lead_id, q.offset])).toEqual([
      ['424242', 0],
      ['424242', 20],
      ['424242', 40],
      ['424242', 20],
    ]);
  });
});

describe('states', () => {
  it('without a token: explains, offers the options page, and searches nothing', async () => {
    status = { ok: true, status: { ...STATUS, hasToken: false, tokenHint: '' } };
    const open = vi.spyOn(fakeBrowser.runtime, 'openOptionsPage').mockResolvedValue(undefined);
    renderApp();
    await screen.findByText(/needs your Convoso API token/);
    expect(screen.queryByLabelText('Lead ID')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Open options' }));
    expect(open).toHaveBeenCalledOnce();
    expect(searches).toEqual([]);
  });

  it('a "no-token" answer (token removed meanwhile) shows the same explanation', async () => {
    searchReplies.push(fail({ kind: 'no-token', message: 'Add your API token in the options first.' }));
    renderApp();
    await ready();
    submit();
    await screen.findByText(/needs your Convoso API token/);
  });

  it('shows that it is loading, and the result replaces it', async () => {
    let answer!: (reply: SearchReply) => void;
    searchReplies.push(new Promise<SearchReply>((r) => (answer = r)));
    renderApp();
    await ready();
    submit();
    await flush();
    expect(screen.getByRole('status').textContent).toContain('Searching…');
    expect(screen.getByRole('button', { name: 'Search' }).getAttribute('aria-busy')).toBe('true');
    answer(page([RAW]));
    await screen.findByText('Agent Smith');
    expect(screen.getByRole('status').textContent).not.toContain('Searching…');
    expect(screen.getByRole('status').textContent).toContain('1 callback, showing 1.');
  });

  it('a newer search wins over a slower older one', async () => {
    let slow!: (reply: SearchReply) => void;
    searchReplies.push(new Promise<SearchReply>((r) => (slow = r)));
    searchReplies.push(page([{ ...RAW, user_name: 'Newer' }]));
    renderApp();
    await ready();
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
    searchReplies.push(fail({ kind: 'aborted', message: 'Superseded.' }));
    renderApp();
    await ready();
    submit();
    await flush();
    await flush();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByText('Superseded.')).toBeNull();
  });

  it.each([
    [{ lead_id: '777777' }, 'No callbacks matched Lead ID 777777.'],
    [{ lead_id: '777777', stage: 'MISSED' }, 'No callbacks matched Lead ID 777777 and Stage Missed.'],
    [{}, 'No callbacks matched, with no filters set.'],
  ])('empty: names the filters used %o', async (filters, sentence) => {
    searchReplies.push(page([], { total: 0 }));
    renderApp({ initial: { form: { ...EMPTY_FORM, ...filters }, offset: 0 } });
    await screen.findByText(sentence, { selector: '.empty' });
    expect(screen.getByRole('status').textContent).toContain(sentence);
  });

  it.each<[ServiceError, boolean, boolean]>([
    [{ kind: 'server', status: 502, excerpt: 'Bad Gateway', message: "Convoso's server had a problem (HTTP 502). Try again in a moment." }, true, false],
    [{ kind: 'network', message: 'Could not reach Convoso. Check your connection.' }, true, false],
    [{ kind: 'timeout', timeoutMs: 20000, message: 'Convoso did not answer within 20 s.' }, true, false],
    [{ kind: 'rate-limited', status: 429, message: 'Convoso is receiving too many requests.' }, true, false],
    [{ kind: 'auth', status: 401, message: 'Convoso refused the API token.' }, false, true],
    [{ kind: 'api', apiText: 'Odd', message: 'Convoso refused the search. Convoso said: Odd' }, false, false],
    [{ kind: 'internal', message: 'The extension did not answer. Try again.' }, true, false],
  ])('error %o shows its sentence (Retry: %s, Open options: %s)', async (error, retry, options) => {
    searchReplies.push(fail(error));
    renderApp();
    await ready();
    submit();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(error.message);
    expect(within(alert).queryByRole('button', { name: 'Retry' }) !== null).toBe(retry);
    expect(within(alert).queryByRole('button', { name: 'Open options' }) !== null).toBe(options);
  });

  it('Retry sends the same search again and shows its result', async () => {
    searchReplies.push(page([RAW], { total: 60, limit: 20 }));
    searchReplies.push(fail({ kind: 'server', status: 502, excerpt: '', message: 'HTTP 502.' }));
    searchReplies.push(page([RAW], { total: 60, limit: 20, offset: 20 }));
    renderApp();
    await ready();
    type('User ID', '7');
    submit();
    await screen.findByText('Page 1 of 3');
    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Retry' }));
    await screen.findByText('Page 2 of 3');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(searches.map((q) => [q.user_id, q.offset])).toEqual([
      ['7', 0],
      ['7', 20],
      ['7', 20],
    ]);
  });

  it('after Retry from the keyboard, focus lands on what replaced the notice, never on the page itself', async () => {
    searchReplies.push(fail({ kind: 'network', message: 'Could not reach Convoso.' }));
    searchReplies.push(fail({ kind: 'auth', status: 401, message: 'Convoso refused the API token.' }));
    searchReplies.push(page([RAW]));
    renderApp();
    await ready();
    submit();
    let retry = within(await screen.findByRole('alert')).getByRole('button', { name: 'Retry' });
    retry.focus();
    fireEvent.click(retry);
    // The auth error has no Retry: the notice itself takes focus.
    await screen.findByText('Convoso refused the API token.');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('alert')));

    // A successful retry removes the notice: the results take focus.
    searchReplies.unshift(fail({ kind: 'timeout', timeoutMs: 1000, message: 'Convoso did not answer within 1 s.' }));
    submit();
    retry = within(await screen.findByRole('alert')).getByRole('button', { name: 'Retry' });
    retry.focus();
    fireEvent.click(retry);
    await screen.findByText('Agent Smith');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('region', { name: 'Results' })));
  });

  it('Retry on an internal error sends the same search again', async () => {
    searchReplies.push(fail({ kind: 'internal', message: 'The extension did not answer. Try again.' }), page([RAW]));
    renderApp();
    await ready();
    type('Lead ID', '424242');
    submit();
    fireEvent.click(within(await screen.findByRole('alert')).getByRole('button', { name: 'Retry' }));
    await screen.findByText('Agent Smith');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(searches).toEqual([
      { lead_id: '424242', offset: 0 },
      { lead_id: '424242', offset: 0 },
    ]);
  });

  it('when the settings could not be read, Retry asks for them again, and then the saved ID offers "Mine"', async () => {
    status = { ok: false, error: { kind: 'internal', message: 'The extension did not answer. Try again.' } };
    renderApp();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The extension did not answer. Try again.');
    expect(screen.queryByRole('button', { name: 'Mine' })).toBeNull();
    status = { ok: true, status: { ...STATUS, userId: '1234' } };
    const retry = within(alert).getByRole('button', { name: 'Retry' });
    retry.focus();
    fireEvent.click(retry);
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(sendMock.mock.calls.filter(([r]) => r.type === 'settings-status')).toHaveLength(2);
    expect(screen.getByRole('button', { name: 'Mine' })).toBeTruthy();
    // The notice is gone: focus goes to the form, not to the top of the document.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Lead ID')));
    expect(searches).toEqual([]);
  });

  it('when the settings could not be read, a deep link is searched once Retry reads them', async () => {
    status = { ok: false, error: { kind: 'internal', message: 'The extension did not answer. Try again.' } };
    searchReplies.push(page([RAW]));
    render(<SearchApp layout="tab" now={() => NOW} locale="en-US" initial={{ form: { ...EMPTY_FORM, lead_id: '424242' }, offset: 0 }} />);
    const alert = await screen.findByRole('alert');
    expect(searches).toEqual([]);
    status = { ok: true, status: STATUS };
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await screen.findByText('Agent Smith');
    expect(searches).toEqual([{ lead_id: '424242', offset: 0 }]);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('a rejected token offers the options page', async () => {
    const open = vi.spyOn(fakeBrowser.runtime, 'openOptionsPage').mockResolvedValue(undefined);
    searchReplies.push(fail({ kind: 'auth', status: 403, message: 'Convoso refused the API token.' }));
    renderApp();
    await ready();
    submit();
    fireEvent.click(within(await screen.findByRole('alert')).getByRole('button', { name: 'Open options' }));
    expect(open).toHaveBeenCalledOnce();
  });

  it('a refused parameter highlights its field', async () => {
    searchReplies.push(
      fail({ kind: 'param', code: 6031, field: 'start_date', apiText: 'Invalid date', message: 'Convoso refused the date format.' }),
    );
    renderApp();
    await ready();
    type('Start date', '2025-06-01');
    submit();
    await screen.findByRole('alert');
    const input = screen.getByLabelText('Start date');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(input.getAttribute('aria-describedby')!)?.textContent).toBe('Convoso refused the date format.');
  });

  it("Convoso's date refusal (6031) marks the date that was sent, not an empty start date", async () => {
    searchReplies.push(
      fail({ kind: 'param', code: 6031, field: 'start_date', apiText: 'Invalid date format', message: 'Convoso refused the date format.' }),
    );
    renderApp();
    await ready();
    type('End date', '2025-06-30');
    submit();
    await screen.findByRole('alert');
    expect(screen.getByLabelText('End date').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('Start date').getAttribute('aria-invalid')).toBeNull();
  });

  it('a refused field inside "More filters" opens the group', async () => {
    searchReplies.push(fail({ kind: 'param', code: 6042, field: 'list_id', apiText: '', message: "Convoso doesn't know that list." }));
    renderApp();
    await ready();
    type('List ID', '9');
    const details = screen.getByText('More filters').closest('details') as HTMLDetailsElement;
    // Open because it holds a value; the user closes it anyway.
    expect(details.open).toBe(true);
    details.open = false;
    fireEvent(details, new Event('toggle'));
    await flush();
    submit();
    await screen.findByRole('alert');
    expect(screen.getByLabelText('List ID').getAttribute('aria-invalid')).toBe('true');
    expect((screen.getByText('More filters').closest('details') as HTMLDetailsElement).open).toBe(true);
  });
});

describe('saved settings that fell back to defaults', () => {
  const PROBLEMS = ['The default page size was stored in an unreadable form; using the default.', 'The request timeout could not be read; using the default.'];

  it('are listed above the form, with a way to the options page', async () => {
    status = { ok: true, status: { ...STATUS, problems: PROBLEMS } };
    const open = vi.spyOn(fakeBrowser.runtime, 'openOptionsPage').mockResolvedValue(undefined);
    renderApp();
    const notice = (await screen.findByText('2 saved settings were reset')).closest('section')!;
    expect(notice.getAttribute('aria-labelledby')).toBe('settings-problems-title');
    expect([...notice.querySelectorAll('li')].map((li) => li.textContent)).toEqual(PROBLEMS);
    fireEvent.click(within(notice).getByRole('button', { name: 'Check the options' }));
    expect(open).toHaveBeenCalledOnce();
    // The form still works.
    expect(screen.getByLabelText('Lead ID')).toBeTruthy();
  });

  it('are shown with the no-token explanation too (an unreadable token is one of them)', async () => {
    status = { ok: true, status: { ...STATUS, hasToken: false, problems: ['The API token was stored in an unreadable form; using the default.'] } };
    renderApp();
    await screen.findByText(/needs your Convoso API token/);
    expect(screen.getByText('A saved setting was reset')).toBeTruthy();
    expect(screen.getByText('The API token was stored in an unreadable form; using the default.')).toBeTruthy();
  });

  it('nothing is shown when every setting was read', async () => {
    renderApp();
    await ready();
    expect(screen.queryByText(/saved settings? (was|were) reset/)).toBeNull();
  });
});

describe('quick filters', () => {
  it('"Today" fills both dates with today and searches, keeping the other filters', async () => {
    searchReplies.push(page([RAW]));
    renderApp();
    await ready();
    type('User ID', '7');
    const today = within(screen.getByRole('group', { name: 'Quick filters' })).getByRole('button', { name: 'Today' });
    expect(today.getAttribute('title')).toMatch(/start and end date to today/);
    fireEvent.click(today);
    await screen.findByText('Agent Smith');
    expect(searches).toEqual([{ start_date: '2025-06-03', end_date: '2025-06-03', user_id: '7', offset: 0 }]);
    expect((screen.getByLabelText('Start date') as HTMLInputElement).value).toBe('2025-06-03');
    expect((screen.getByLabelText('End date') as HTMLInputElement).value).toBe('2025-06-03');
  });

  it('"Overdue" sets the stage to Past due and searches from the first page', async () => {
    searchReplies.push(page([RAW], { total: 60 }), page([RAW], { total: 60, offset: 20 }), page([RAW]));
    renderApp();
    await ready();
    type('Lead ID', '424242');
    submit();
    await screen.findByText('Page 1 of 3');
    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await screen.findByText('Page 2 of 3');
    fireEvent.click(screen.getByRole('button', { name: 'Overdue' }));
    await waitFor(() => expect(searches).toHaveLength(3));
    expect(searches[2]).toEqual({ lead_id: '424242', stage: 'PASTDUE', offset: 0 });
    expect((screen.getByLabelText('Stage') as HTMLSelectElement).value).toBe('PASTDUE');
  });

  it('"Mine" is offered only when a user ID is saved in the options', async () => {
    renderApp();
    await ready();
    const group = screen.getByRole('group', { name: 'Quick filters' });
    expect(within(group).getAllByRole('button').map((b) => b.textContent)).toEqual(['Today', 'Overdue']);
    cleanup();
    status = { ok: true, status: { ...STATUS, userId: '1234' } };
    renderApp();
    await ready();
    const mine = within(screen.getByRole('group', { name: 'Quick filters' })).getByRole('button', { name: 'Mine' });
    expect(mine.getAttribute('title')).toBe('Sets the User ID to yours (1234) and searches.');
  });

  it('"Mine" fills the User ID with the saved one and searches, keeping the other filters', async () => {
    status = { ok: true, status: { ...STATUS, userId: '1234' } };
    searchReplies.push(page([RAW]), page([RAW]));
    renderApp();
    await ready();
    type('User ID', '7');
    choose('Stage', 'PASTDUE');
    fireEvent.click(screen.getByRole('button', { name: 'Mine' }));
    await screen.findByText('Agent Smith');
    expect(searches).toEqual([{ user_id: '1234', stage: 'PASTDUE', offset: 0 }]);
    expect((screen.getByLabelText('User ID') as HTMLInputElement).value).toBe('1234');
    // Presets combine: my callbacks for today.
    fireEvent.click(screen.getByRole('button', { name: 'Today' }));
    await waitFor(() => expect(searches).toHaveLength(2));
    expect(searches[1]).toEqual({ user_id: '1234', stage: 'PASTDUE', start_date: '2025-06-03', end_date: '2025-06-03', offset: 0 });
  });

  it('still checks the rest of the form: a bad ID is marked and nothing is sent', async () => {
    renderApp();
    await ready();
    type('Lead ID', 'abc');
    fireEvent.click(screen.getByRole('button', { name: 'Today' }));
    await flush();
    expect(screen.getByLabelText('Lead ID').getAttribute('aria-invalid')).toBe('true');
    expect(searches).toEqual([]);
  });
});

describe('restoring the last search', () => {
  it('shows the saved search at once, then refreshes it', async () => {
    await writePopupState({
      form: { ...EMPTY_FORM, lead_id: '424242' },
      offset: 20,
      page: { offset: 20, limit: 20, total: 41, results: [normalizeCallback({ ...RAW, user_name: 'Saved agent' })] },
    });
    let answer!: (reply: SearchReply) => void;
    searchReplies.push(new Promise<SearchReply>((r) => (answer = r)));
    renderApp();
    await screen.findByText('Saved agent');
    expect((screen.getByLabelText('Lead ID') as HTMLInputElement).value).toBe('424242');
    await waitFor(() => expect(searches).toEqual([{ lead_id: '424242', offset: 20 }]));
    answer(page([{ ...RAW, user_name: 'Fresh agent' }], { offset: 20, total: 41 }));
    await screen.findByText('Fresh agent');
    expect(screen.queryByText('Saved agent')).toBeNull();
  });

  it('saves each search for next time', async () => {
    searchReplies.push(page([RAW], { total: 1 }));
    renderApp();
    await ready();
    type('Lead ID', '424242');
    submit();
    await screen.findByText('Agent Smith');
    await waitFor(async () => expect((await readPopupState())?.form.lead_id).toBe('424242'));
    expect((await readPopupState())?.page?.results[0]?.userName).toBe('Agent Smith');
  });

  it('a saved form without results fills the form and searches nothing', async () => {
    await writePopupState({ form: { ...EMPTY_FORM, user_id: '55' }, offset: 0, page: null });
    renderApp();
    await waitFor(() => expect((screen.getByLabelText('User ID') as HTMLInputElement).value).toBe('55'));
    await ready();
    expect(searches).toEqual([]);
  });

  it('a corrupted saved value is ignored', async () => {
    await fakeBrowser.storage.session.set({ popupState: { form: 'nope', offset: -1 } });
    renderApp();
    await ready();
    expect((screen.getByLabelText('Lead ID') as HTMLInputElement).value).toBe('');
    expect(searches).toEqual([]);
  });

  it('without a token the saved search is not refreshed', async () => {
    status = { ok: true, status: { ...STATUS, hasToken: false } };
    await writePopupState({ form: { ...EMPTY_FORM, lead_id: '1' }, offset: 0, page: { offset: 0, limit: 20, total: 0, results: [] } });
    renderApp();
    await screen.findByText(/needs your Convoso API token/);
    expect(searches).toEqual([]);
  });
});

describe('open in tab, and the tab layout', () => {
  it('a deep link with an invalid value marks the field and sends nothing', async () => {
    render(<SearchApp layout="tab" now={() => NOW} locale="en-US" initial={{ form: { ...EMPTY_FORM, lead_id: 'abc' }, offset: 0 }} />);
    await ready();
    await waitFor(() => expect(screen.getByLabelText('Lead ID').getAttribute('aria-invalid')).toBe('true'));
    expect(searches).toEqual([]);
  });

  it('"Open in tab" opens search.html with the current query', async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    renderApp();
    await ready();
    type('Lead ID', '424242');
    choose('Stage', 'PENDING');
    fireEvent.click(screen.getByRole('button', { name: 'Open in tab' }));
    expect(create).toHaveBeenCalledWith({ url: 'chrome-extension://test-extension-id/search.html?lead_id=424242&stage=PENDING' });
  });

  it('keeps the page being viewed when the form is unchanged', async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    searchReplies.push(page([RAW], { total: 60, limit: 20 }), page([RAW], { total: 60, limit: 20, offset: 20 }));
    renderApp();
    await ready();
    type('User ID', '7');
    submit();
    await screen.findByText('Page 1 of 3');
    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await screen.findByText('Page 2 of 3');
    fireEvent.click(screen.getByRole('button', { name: 'Open in tab' }));
    expect(create).toHaveBeenCalledWith({ url: 'chrome-extension://test-extension-id/search.html?user_id=7&offset=20' });
  });

  it('the tab searches its deep link at once, shows a table, and reports the query for its address', async () => {
    const searched = vi.fn();
    searchReplies.push(page([RAW, { ...RAW, id: '2', user_name: 'Another', stage: 'Completed' }]));
    render(
      <SearchApp
        layout="tab"
        now={() => NOW}
        locale="en-US"
        initial={{ form: { ...EMPTY_FORM, lead_id: '424242' }, offset: 0 }}
        onSearched={searched}
      />,
    );
    const table = await screen.findByRole('table');
    expect(searches).toEqual([{ lead_id: '424242', offset: 0 }]);
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(screen.queryByRole('button', { name: 'Open in tab' })).toBeNull();
    expect(searched.mock.calls[0]![0].toString()).toBe('lead_id=424242');

    fireEvent.click(within(table).getByRole('button', { name: 'Agent' }));
    expect(within(table).getAllByRole('row')[1]!.textContent).toContain('Agent Smith');
    expect(within(table).getByRole('columnheader', { name: /Agent/ }).getAttribute('aria-sort')).toBe('ascending');

    fireEvent.click(within(table).getAllByRole('button', { name: /All fields/ })[0]!);
    expect(within(table).getByText('directory_name')).toBeTruthy();
  });
});

describe('the account’s time zone and Convoso’s answer shapes (issue 9)', () => {
  // 1:00 AM on Jan 16 in New York is 10:00 PM on Jan 15 in Los Angeles.
  const LATE = new Date('2025-01-16T06:00:00Z');
  const pacific = () => (status = { ok: true, status: { ...STATUS, timeZone: 'America/Los_Angeles' } });

  it('"Today" is the account’s today, and times say PT with the distance counted on the account’s clock', async () => {
    pacific();
    searchReplies.push(page([{ ...RAW, callback_time: '2025-01-15 23:00:00' }]));
    renderApp({ now: () => LATE, browserTimeZone: 'America/New_York' });
    await ready();
    fireEvent.click(within(screen.getByRole('group', { name: 'Quick filters' })).getByRole('button', { name: 'Today' }));
    await waitFor(() => expect(searches).toHaveLength(1));
    expect(searches[0]).toMatchObject({ start_date: '2025-01-15', end_date: '2025-01-15' });
    await screen.findByText('Jan 15, 2025, 11:00 PM PT');
    expect(screen.getByText('in 1 h')).toBeTruthy();
  });

  it('"Today" pressed before the settings are read waits for them: the account’s day, not the browser’s', async () => {
    pacific();
    let answerStatus!: () => void;
    const statusHeld = new Promise<void>((resolve) => (answerStatus = resolve));
    const real = sendMock.getMockImplementation()!;
    sendMock.mockImplementation(async (request: Request) => {
      if (request.type === 'settings-status') await statusHeld;
      return real(request);
    });
    searchReplies.push(page([{ ...RAW, callback_time: '2025-01-15 23:00:00' }]));
    renderApp({ now: () => LATE, browserTimeZone: 'America/New_York' });
    fireEvent.click(within(screen.getByRole('group', { name: 'Quick filters' })).getByRole('button', { name: 'Today' }));
    await flush();
    expect(searches).toHaveLength(0);
    answerStatus();
    await waitFor(() => expect(searches).toHaveLength(1));
    expect(searches[0]).toMatchObject({ start_date: '2025-01-15', end_date: '2025-01-15' });
  });

  it('in the account’s own zone the time carries no label', async () => {
    pacific();
    searchReplies.push(page([{ ...RAW, callback_time: '2025-01-15 23:00:00' }]));
    renderApp({ now: () => LATE, browserTimeZone: 'America/Los_Angeles' });
    await ready();
    type('Lead ID', '424242');
    submit();
    await screen.findByText('Jan 15, 2025, 11:00 PM');
    expect(screen.getByText('in 1 h')).toBeTruthy();
  });

  it('a page without a usable total says "At least" and lets the agent page on', async () => {
    searchReplies.push(page([RAW, { ...RAW, id: '9998' }], { limit: 2, total: 2, totalAtLeast: true }));
    searchReplies.push(page([{ ...RAW, id: '9997' }], { offset: 2, limit: 2, total: 3 }));
    renderApp();
    await ready();
    type('Lead ID', '424242');
    submit();
    await screen.findByText('At least 2 callbacks');
    expect(screen.getByText('Page 1')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await screen.findByText('3 callbacks');
    expect(searches[1]).toMatchObject({ offset: 2 });
  });
});
