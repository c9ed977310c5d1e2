import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { stubBackground, type BackgroundStub } from '../../tests/support/send-stub';
import type { Request } from '../../tests/support/send-stub';
import type { ServiceError } from '../../utils/core/messaging/replies';
import type { AnswerOf } from '../../utils/core/messaging/define-message';
import type { search } from '../../utils/search/search-messages';
import { SearchApp } from './SearchApp';

// Issue 8, item 7: a long Retry-After shows as a countdown with Cancel, not as a minute of spinner.

const sendMock: BackgroundStub = vi.fn();
type SearchReply = AnswerOf<typeof search>;
const LIMITED: ServiceError = { kind: 'rate-limited', status: 429, retryAfterMs: 30_000, message: 'Convoso is receiving too many requests. Wait about 30 s and try again.' };
const EMPTY: SearchReply = { ok: true, page: { offset: 0, limit: 20, total: 0, results: [] } };

let replies: SearchReply[];
let searches: number;

beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  fakeBrowser.reset();
  replies = [];
  searches = 0;
  sendMock.mockReset();
  stubBackground(sendMock);
  sendMock.mockImplementation(async (request: Request) => {
    if (request.type === 'settings-status') {
      return { ok: true, status: { hasToken: true, tokenHint: '', tokenStorage: 'local', baseUrl: 'https://api.convoso.com/v1', method: 'GET', pageSize: 20, userId: '', problems: [] } };
    }
    if (request.type === 'search') {
      searches++;
      return replies.shift() ?? EMPTY;
    }
    throw new Error(`unexpected ${request.type}`);
  });
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

async function advance(ms: number) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

async function searchLead() {
  render(<SearchApp layout="popup" locale="en-US" />);
  await waitFor(() => expect(sendMock).toHaveBeenCalledWith({ type: 'settings-status' }));
  fireEvent.input(screen.getByLabelText('Lead ID'), { target: { value: '42' } });
  fireEvent.click(screen.getByRole('button', { name: 'Search' }));
}

describe('a rate-limited search', () => {
  it('counts the wait down, with no spinner, then searches again by itself', async () => {
    replies.push({ ok: false, error: LIMITED });
    await searchLead();
    const notice = await screen.findByRole('alert');
    expect(notice.textContent).toContain('Convoso is limiting requests, retrying in 30 s');
    expect(screen.queryByText('Searching…')).toBeNull();
    await advance(10_000);
    expect(notice.textContent).toContain('retrying in 20 s');
    expect(searches).toBe(1);
    await advance(20_000);
    await waitFor(() => expect(searches).toBe(2));
    await waitFor(() => expect(screen.queryByText(/Convoso is limiting requests/)).toBeNull());
  });

  it('Cancel stops the wait: no new search, the error stays with Retry', async () => {
    replies.push({ ok: false, error: LIMITED });
    await searchLead();
    const notice = await screen.findByRole('alert');
    fireEvent.click(within(notice).getByRole('button', { name: 'Cancel' }));
    const error = await screen.findByRole('alert');
    expect(error.textContent).toContain(LIMITED.message);
    expect(within(error).getByRole('button', { name: 'Retry' })).toBeTruthy();
    await advance(60_000);
    expect(searches).toBe(1);
  });

  it('caps the whole automatic wait: after a minute of waits the error stays', async () => {
    replies.push({ ok: false, error: LIMITED }, { ok: false, error: LIMITED }, { ok: false, error: LIMITED });
    await searchLead();
    await screen.findByText(/retrying in 30 s/);
    await advance(30_000);
    await waitFor(() => expect(searches).toBe(2));
    await screen.findByText(/retrying in 30 s/);
    await advance(30_000);
    await waitFor(() => expect(searches).toBe(3));
    const error = await screen.findByRole('alert');
    await waitFor(() => expect(error.textContent).toContain(LIMITED.message));
    expect(screen.queryByText(/Convoso is limiting requests/)).toBeNull();
    await advance(60_000);
    expect(searches).toBe(3);
  });
});
