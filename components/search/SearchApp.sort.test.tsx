import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  RAW, choose, fail, flush, nextPage, openApp, page, pager, playBackground, previousPage, submit, type,
  type Background, type SearchReply,
} from '../../tests/support/search-app';

let bg: Background;
beforeEach(() => {
  fakeBrowser.reset();
  bg = playBackground();
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const order = () => [...document.querySelectorAll('.callback-card .meta')].filter((m) => m.textContent!.startsWith('Agent')).map((m) => m.textContent!.slice(6));
const times = () => [...document.querySelectorAll('.callback-card time')].map((t) => t.getAttribute('dateTime'));

/** 2,951 callbacks a day apart from 2025-01-01, in Convoso's order (earliest first). */
const campaign = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => {
    const day = new Date(Date.UTC(2025, 0, 1) + (from + i) * 3_600_000);
    return { ...RAW, id: String(from + i), callback_time: day.toISOString().slice(0, 19).replace('T', ' ') };
  });

describe('sorting means what it says', () => {
  it('a page that holds every match is sorted at once, with no request', async () => {
    await openApp(bg);
    bg.replies.push(
      page([
        { ...RAW, id: '1', callback_time: '2025-06-05 10:00:00', stage: 'Completed', user_name: 'Zed' },
        { ...RAW, id: '2', callback_time: '2025-06-01 10:00:00', stage: 'Pending', user_name: 'amy' },
        { ...RAW, id: '3', callback_time: '2025-06-03 10:00 AM', stage: 'New', class: 'past_due', user_name: 'Bob' },
      ]),
    );
    type('Lead ID', '424242');
    submit();
    await screen.findByText('Zed');
    expect(order()).toEqual(['Zed', 'amy', 'Bob']);
    choose('Sort', 'time-asc');
    expect(order()).toEqual(['amy', 'Bob', 'Zed']);
    choose('Sort', 'time-desc');
    expect(order()).toEqual(['Zed', 'Bob', 'amy']);
    choose('Sort', 'stage');
    expect(order()).toEqual(['Bob', 'amy', 'Zed']);
    choose('Sort', 'agent');
    expect(order()).toEqual(['amy', 'Bob', 'Zed']);
    expect(bg.searches).toHaveLength(1);
    expect(screen.queryByText(/orders this page only/)).toBeNull();
  });

  it('"latest first" on 2,951 matches fetches every match in large pages, with progress, and sorts them all', async () => {
    await openApp(bg);
    bg.replies.push(page(campaign(0, 20), { total: 2951 }));
    choose('Stage', 'PENDING');
    submit();
    await screen.findByText('2,951 callbacks');
    const gates: Array<() => void> = [];
    const held = (reply: SearchReply) => new Promise<SearchReply>((r) => gates.push(() => r(reply)));
    bg.replies.push(held(page(campaign(0, 1000), { total: 2951, limit: 1000 })), held(page(campaign(1000, 1000), { offset: 1000, total: 2951, limit: 1000 })), held(page(campaign(2000, 951), { offset: 2000, total: 2951, limit: 1000 })));
    choose('Sort', 'time-desc');
    await screen.findByRole('button', { name: 'Cancel sort' });
    // The select says the order being fetched, not the one it replaces.
    expect((screen.getByLabelText('Sort') as HTMLSelectElement).value).toBe('time-desc');
    gates.shift()!();
    await screen.findByText(/1,000 of 2,951 callbacks fetched/);
    expect(screen.getByRole('progressbar')).toBeTruthy();
    gates.shift()!();
    await waitFor(() => expect(gates).toHaveLength(1));
    gates.shift()!();
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Cancel sort' })).toBeNull());
    expect(bg.sent.slice(1).map((r) => [r.purpose, r.query.stage, r.query.offset, r.query.limit])).toEqual([
      ['sort', 'PENDING', 0, 1000],
      ['sort', 'PENDING', 1000, 1000],
      ['sort', 'PENDING', 2000, 1000],
    ]);
    // The latest of all 2,951 is on top, not the latest of the first page.
    expect(times()[0]).toBe(campaign(2950, 1)[0]!.callback_time.replace(' ', 'T'));
    expect(times()).toHaveLength(20);
    expect(screen.getByText('2,951 callbacks')).toBeTruthy();
    // Paging through the sorted set asks for nothing more.
    nextPage();
    await waitFor(() => expect(times()[0]).toBe(campaign(2930, 1)[0]!.callback_time.replace(' ', 'T')));
    expect(bg.sent).toHaveLength(4);
    expect(screen.getAllByText('Page 2 of 148')).toHaveLength(2);
  });

  it('Cancel stops fetching, drops the page waiting in the background, and keeps the list as it was', async () => {
    await openApp(bg);
    bg.replies.push(page(campaign(0, 20), { total: 2951 }));
    type('User ID', '7');
    submit();
    await screen.findByText('2,951 callbacks');
    let release!: () => void;
    bg.replies.push(new Promise<SearchReply>((r) => (release = () => r(page(campaign(0, 1000), { total: 2951, limit: 1000 })))));
    choose('Sort', 'time-desc');
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel sort' }));
    expect(bg.cancels).toEqual([{ type: 'cancel-search' }]);
    await screen.findByText('Sort cancelled: the list stays “As received”.');
    release();
    await flush();
    expect((screen.getByLabelText('Sort') as HTMLSelectElement).value).toBe('received');
    expect(times()[0]).toBe('2025-01-01T00:00:00');
    expect(bg.sent).toHaveLength(2);
  });

  it('a failed fetch says why and keeps the list', async () => {
    await openApp(bg);
    bg.replies.push(page(campaign(0, 20), { total: 300 }), fail({ kind: 'network', message: 'Could not reach Convoso.' }));
    type('User ID', '7');
    submit();
    await screen.findByText('300 callbacks');
    choose('Sort', 'agent');
    await screen.findByRole('alert');
    expect(times()).toHaveLength(20);
    expect((screen.getByLabelText('Sort') as HTMLSelectElement).value).toBe('received');
  });

  it('above 5,000 matches the order covers the page, says so plainly, and offers a date range', async () => {
    await openApp(bg);
    bg.replies.push(page(campaign(0, 20), { total: 12250 }));
    type('Campaign ID', '5');
    submit();
    await screen.findByText('12,250 callbacks');
    choose('Sort', 'time-desc');
    await screen.findByText(/“Time, latest first” orders this page only: 12,250 callbacks match, more than the 5,000 that can be sorted together/);
    expect(times()[0]).toBe(campaign(19, 1)[0]!.callback_time.replace(' ', 'T'));
    expect(bg.sent).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Choose dates' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Start date')));
    expect(document.getElementById('search-filters')!.hidden).toBe(false);
    // Paging keeps the order on each page it covers.
    bg.replies.push(page(campaign(20, 20), { offset: 20, total: 12250 }));
    nextPage();
    await waitFor(() => expect(times()[0]).toBe(campaign(39, 1)[0]!.callback_time.replace(' ', 'T')));
  });
});

describe('paging', () => {
  it('pages forward and back with the same filters and the right offsets, from the top or the bottom pager', async () => {
    await openApp(bg);
    bg.replies.push(page([RAW], { total: 45, limit: 20 }));
    type('Lead ID', '424242');
    submit();
    await screen.findAllByText('Page 1 of 3');
    // Unavailable but still focusable, so a keyboard user never loses their place.
    const previous = pager().getByRole('button', { name: 'Previous page' });
    expect(previous.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(previous);
    await flush();
    expect(bg.searches).toHaveLength(1);
    // Typing after the search does not change what paging asks for.
    type('Lead ID', '1');
    bg.replies.push(page([RAW], { total: 45, limit: 20, offset: 20 }), page([RAW], { total: 45, limit: 20, offset: 40 }), page([RAW], { total: 45, limit: 20, offset: 20 }));
    nextPage('bottom');
    await screen.findAllByText('Page 2 of 3');
    nextPage();
    await screen.findAllByText('Page 3 of 3');
    const next = pager().getByRole('button', { name: 'Next page' });
    expect(next.getAttribute('aria-disabled')).toBe('true');
    previousPage('bottom');
    await screen.findAllByText('Page 2 of 3');
    expect(bg.searches.map((q) => [q.lead_id, q.offset])).toEqual([
      ['424242', 0],
      ['424242', 20],
      ['424242', 40],
      ['424242', 20],
    ]);
  });

  it('after Next page at the bottom, the list starts at its top and focus is on the top pager', async () => {
    const scrolled = vi.fn();
    Element.prototype.scrollIntoView = scrolled;
    await openApp(bg);
    bg.replies.push(page([RAW], { total: 45, limit: 20 }), page([{ ...RAW, user_name: 'Second page' }], { total: 45, limit: 20, offset: 20 }));
    type('User ID', '7');
    submit();
    await screen.findAllByText('Page 1 of 3');
    const bottomNext = pager('bottom').getByRole('button', { name: 'Next page' });
    bottomNext.focus();
    fireEvent.click(bottomNext);
    await screen.findByText('Second page');
    await waitFor(() => expect(document.activeElement).toBe(pager('top').getByRole('button', { name: 'Next page' })));
    expect(scrolled).toHaveBeenCalledWith({ block: 'start' });
    expect(scrolled.mock.contexts.at(-1)).toBe(document.querySelector('.results-head'));
    expect(within(screen.getByRole('navigation', { name: 'Pages' })).getByText('Page 2 of 3')).toBeTruthy();
  });
});
