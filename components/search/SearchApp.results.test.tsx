import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { SearchPage } from '../../utils/core/api/model';
import { EMPTY_FORM } from '../../utils/search/form-state';
import { RAW, choose, flush, nextPage, openApp, page, playBackground, renderApp, submit, type Background } from '../../tests/support/search-app';

let bg: Background;
beforeEach(() => {
  fakeBrowser.reset();
  bg = playBackground();
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

async function searchFor(results: Record<string, unknown>[], over: Partial<SearchPage> = {}) {
  await openApp(bg);
  bg.replies.push(page(results, over));
  fireEvent.input(screen.getByLabelText('Lead ID'), { target: { value: '424242' } });
  submit();
  await waitFor(() => expect(bg.searches).toHaveLength(1));
  await waitFor(() => expect(document.querySelector('.results .callback-list')).toBeTruthy());
}

describe('results', () => {
  it('shows a callback in three lines: time (formatted and relative), stage chip, lead, recipient, agent, campaign, comments; the list under All fields', async () => {
    await searchFor([RAW], { total: 12250, offset: 20 });
    expect(screen.getByText('12,250 callbacks')).toBeTruthy();
    expect(screen.getByText(/showing 21/, { selector: '.range' }).textContent).toBe(' · showing 21');
    const card = screen.getByRole('listitem');
    const text = card.textContent!;
    expect(text).toContain('Jun 3, 2025, 3:00 PM');
    expect(text).toContain('in 2 h');
    expect(within(card).getByText('Pending').className).toContain('stage-chip--pending');
    for (const part of ['424242', 'Personal', 'Agent Smith', 'Solar outbound', 'Customer asked to call back after 5pm']) {
      expect(text).toContain(part);
    }
    fireEvent.click(within(card).getByRole('button', { name: 'All fields of callback 9999' }));
    expect(within(card).getByText('List name').nextElementSibling!.textContent).toBe('Spring leads');
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
    const chip = document.querySelector('.results .stage-chip')!;
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
    expect(more.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(more);
    expect(screen.getByText(/END$/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Show less of the comment for callback 9999' }).getAttribute('aria-expanded')).toBe('true');
  });

  it.each(['popup', 'tab'] as const)('in the %s, every "Show all" and "All fields" button names its own callback', async (layout) => {
    const long = `${'Please call the customer back about the solar quote '.repeat(4)}END`;
    bg.replies.push(page([{ ...RAW, id: '9999', comments: long }, { ...RAW, id: '10000', comments: long }, { ...RAW, id: '', lead_id: '515151', comments: long }]));
    renderApp({ layout, initial: { view: { kind: 'filters', form: { ...EMPTY_FORM, lead_id: '424242' } }, form: { ...EMPTY_FORM, lead_id: '424242' }, offset: 0 } });
    await screen.findAllByText('Agent Smith');
    const names = (pattern: RegExp) => screen.getAllByRole('button', { name: pattern }).map((b) => b.textContent);
    expect(names(/^Show all of/)).toEqual([
      'Show all of the comment for callback 9999',
      'Show all of the comment for callback 10000',
      'Show all of the comment for the callback for lead 515151 at Jun 3, 2025, 3:00 PM',
    ]);
    expect(names(/^All fields/)).toEqual(['All fields of callback 9999', 'All fields of callback 10000', 'All fields of the callback for lead 515151 at Jun 3, 2025, 3:00 PM']);
    // What a sighted user reads is unchanged.
    for (const button of screen.getAllByRole('button', { name: /^Show all of/ })) {
      expect(button.querySelector('.visually-hidden')?.textContent).toMatch(/^ of the comment for /);
    }
  });

  it('"All fields" lists every field the API returned, unknown ones too, under a person’s name for it', async () => {
    await searchFor([{ ...RAW, phone_number: '5125550142', context: '104569', dnc_flag: 'N' }]);
    const toggle = screen.getByRole('button', { name: 'All fields of callback 9999' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(document.querySelector('.results dl')).toBeNull();
    fireEvent.click(toggle);
    const panel = document.getElementById(toggle.getAttribute('aria-controls')!)!;
    const labels = [...panel.querySelectorAll('dt')].map((dt) => dt.textContent);
    expect(labels).toEqual([
      'Callback ID', 'Lead ID', 'List ID', 'Campaign ID', 'Status', 'Callback time', 'User ID', 'Recipient', 'Comments',
      'Stage', 'Highlight', 'Agent', 'List name', 'Campaign', 'Phone number', 'Context', 'Dnc flag',
    ]);
    expect(labels).not.toContain('directory_name');
    expect([...panel.querySelectorAll('dt')].map((dt) => dt.getAttribute('title'))).toEqual([...Object.keys(RAW), 'phone_number', 'context', 'dnc_flag']);
    expect(panel.textContent).toContain('5125550142');
  });

  it('a comment holding HTML and script is shown as text and creates no element', async () => {
    const payload = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
    await searchFor([{ ...RAW, comments: payload, user_name: '<b>bold</b>' }]);
    const results = document.querySelector('.results')!;
    expect(results.querySelector('img, script')).toBeNull();
    expect(results.getElementsByTagName('b')).toHaveLength(0);
    expect(results.textContent).toContain('<b>bold</b>');
    expect(results.textContent).toContain(payload);
    expect((window as { __xss?: unknown }).__xss).toBeUndefined();
  });

  it('"Searching…" is written once while a search runs, and an empty result has no pager', async () => {
    await openApp(bg);
    let answer!: (reply: ReturnType<typeof page>) => void;
    bg.replies.push(new Promise((r) => (answer = r)));
    fireEvent.input(screen.getByLabelText('Lead ID'), { target: { value: '777777' } });
    submit();
    await flush();
    expect(document.body.textContent!.match(/Searching…/g)).toHaveLength(1);
    answer(page([], { total: 0 }));
    await screen.findByText('No callbacks matched Lead ID 777777.', { selector: '.empty' });
    expect(screen.queryByRole('navigation')).toBeNull();
    expect(screen.queryByLabelText('Sort')).toBeNull();
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
        const agent = [...panel.querySelectorAll('.raw-field')].find((f) => f.querySelector('dt')!.textContent === 'Agent');
        return [owner.textContent, agent?.querySelector('dd')!.textContent];
      });

    async function openFirst() {
      await openApp(bg, { layout: 'tab' });
      bg.replies.push(page(rows, { total: 45 }));
      fireEvent.input(screen.getByLabelText('Lead ID'), { target: { value: '424242' } });
      submit();
      await screen.findByText('Zed');
      fireEvent.click(toggle('1'));
      expect(openPanels()).toEqual([['All fields of callback 1', 'Zed']]);
    }

    it('stays with its callback when the page is sorted', async () => {
      await openFirst();
      // 45 match: sorting them all fetches every match first.
      bg.replies.push(page([...rows, ...rows.map((r) => ({ ...r, id: `${r.id}0` }))], { limit: 1000, total: 6 }));
      choose('Sort', 'agent');
      await waitFor(() => expect(bg.searches).toHaveLength(2));
      await waitFor(() => expect(screen.getByRole('table').textContent).toContain('amy'));
      expect(toggle('2').getAttribute('aria-expanded')).toBe('false');
      fireEvent.click(toggle('1'));
      fireEvent.click(screen.getByRole('button', { name: /^Scheduled/ }));
      expect(openPanels()).toEqual([['All fields of callback 1', 'Zed']]);
      fireEvent.click(toggle('1'));
      expect(openPanels()).toEqual([]);
    });

    it('is closed by a new search at the same offset, and by paging', async () => {
      await openFirst();
      bg.replies.push(page(rows, { total: 45 }));
      submit();
      await waitFor(() => expect(bg.searches).toHaveLength(2));
      await waitFor(() => expect(openPanels()).toEqual([]));
      expect(toggle('1').getAttribute('aria-expanded')).toBe('false');

      fireEvent.click(toggle('1'));
      bg.replies.push(page(rows, { total: 45, offset: 20 }));
      nextPage();
      await screen.findAllByText('Page 2 of 3');
      expect(openPanels()).toEqual([]);
    });
  });

  it('in the tab, the lead ID and its Copy share one line', async () => {
    await openApp(bg, { layout: 'tab' });
    bg.replies.push(page([RAW]));
    submit();
    const cell = (await screen.findByRole('button', { name: 'Copy lead ID 424242' })).closest('td')!;
    expect(cell.className).toContain('lead-cell');
    expect(cell.textContent).toBe('424242 Copy lead ID 424242');
  });
});
