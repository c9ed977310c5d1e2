import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { expect, vi } from 'vitest';
import type { SettingsStatus, settingsStatus } from '../../utils/connection/connection-messages';
import type { SearchPage } from '../../utils/core/api/model';
import { normalizeCallback } from '../../utils/core/api/normalize';
import type { AnswerOf } from '../../utils/core/messaging/define-message';
import type { ServiceError } from '../../utils/core/messaging/replies';
import type { search } from '../../utils/search/search-messages';
import { SearchApp, type SearchAppProps } from '../../components/search/SearchApp';
import { stubBackground, type BackgroundStub, type Request } from './send-stub';

// The popup and the tab as component tests drive them: the background played by a
// stub that answers settings, traffic status and searches from queues the test fills.

/** `now` is read in the local zone, like the browser does. */
export const NOW = new Date(2025, 5, 3, 13, 0, 0);

export const STATUS: SettingsStatus = {
  hasToken: true,
  tokenHint: '••••0001',
  tokenStorage: 'local',
  baseUrl: 'https://api.convoso.com/v1',
  method: 'GET',
  pageSize: 20,
  userId: '',
  problems: [],
};

export type SearchReply = AnswerOf<typeof search>;
export type SearchRequest = Extract<Request, { type: 'search' }>;
export type SearchQuery = SearchRequest['query'];

export const RAW = {
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

export function page(raw: Record<string, unknown>[], over: Partial<SearchPage> = {}): SearchReply {
  return { ok: true, page: { offset: 0, limit: 20, total: raw.length, results: raw.map(normalizeCallback), ...over } };
}

export const EMPTY_PAGE = (): SearchReply => page([], { total: 0 });
export const fail = (error: ServiceError): SearchReply => ({ ok: false, error });

export interface Background {
  status: AnswerOf<typeof settingsStatus>;
  pausedUntil: number | null;
  /** Answers to searches, in order; a search with none left fails the test. */
  replies: Array<SearchReply | Promise<SearchReply>>;
  /** The searches sent, with their purpose. */
  sent: SearchRequest[];
  /** The queries of those searches (both count from the page settling, see `openApp`). */
  searches: SearchQuery[];
  cancels: Request[];
  mock: BackgroundStub;
}

export function playBackground(): Background {
  const bg: Background = { status: { ok: true, status: STATUS }, pausedUntil: null, replies: [], sent: [], searches: [], cancels: [], mock: vi.fn() };
  stubBackground(bg.mock);
  bg.mock.mockImplementation(async (request: Request) => {
    switch (request.type) {
      case 'settings-status':
        return bg.status;
      case 'traffic-status':
        return { ok: true, pausedUntil: bg.pausedUntil };
      case 'cancel-search':
        bg.cancels.push(request);
        return { ok: true, cancelled: 1 };
      case 'search': {
        bg.sent.push(request);
        bg.searches.push(request.query);
        const next = bg.replies.shift();
        if (!next) throw new Error(`unexpected search ${JSON.stringify(request.query)}`);
        return next;
      }
      default:
        throw new Error(`unexpected ${request.type}`);
    }
  });
  return bg;
}

export const flush = () => new Promise((r) => setTimeout(r, 0));

export function renderApp(props: Partial<SearchAppProps> = {}) {
  return render(<SearchApp layout="popup" now={() => NOW} locale="en-US" {...props} />);
}

/** The settings were asked for and answered. */
export async function settingsRead(bg: Background) {
  await waitFor(() => expect(bg.mock).toHaveBeenCalledWith({ type: 'settings-status' }));
  await flush();
}

/**
 * Opens the popup (or the tab) on its default view, answered with `opening`
 * (an empty page unless given), and waits until it shows; `searches` then
 * counts only what the test does next.
 */
export async function openApp(bg: Background, props: Partial<SearchAppProps> = {}, opening: SearchReply[] = [EMPTY_PAGE()]) {
  bg.replies.push(...opening);
  const view = renderApp(props);
  await settingsRead(bg);
  await waitFor(() => expect(bg.sent.length).toBeGreaterThanOrEqual(opening.length));
  await waitFor(() => expect(screen.getByRole('status').textContent).not.toContain('Searching…'));
  bg.searches.length = 0;
  bg.sent.length = 0;
  return view;
}

export function type(label: string, value: string) {
  fireEvent.input(screen.getByLabelText(label), { target: { value } });
}

export function choose(label: string, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

export const submit = () => fireEvent.click(screen.getByRole('button', { name: 'Search' }));

/** The pager above the list ('top') or below it. */
export function pager(place: 'top' | 'bottom' = 'top') {
  return within(screen.getByRole('navigation', { name: place === 'top' ? 'Pages' : 'Pages, end of list' }));
}

export const nextPage = (place: 'top' | 'bottom' = 'top') => fireEvent.click(pager(place).getByRole('button', { name: 'Next page' }));
export const previousPage = (place: 'top' | 'bottom' = 'top') => fireEvent.click(pager(place).getByRole('button', { name: 'Previous page' }));
