import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { RAW, fail, flush, openApp, page, playBackground, submit, type, type Background, type SearchReply } from '../../tests/support/search-app';

// Issue 21 in the popup and the tab: the background's gate waits out Convoso's
// "slow down" for the whole extension; the page shows when it tries again, with
// Cancel, and keeps no retry loop of its own.

let bg: Background;
beforeEach(() => {
  fakeBrowser.reset();
  bg = playBackground();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const at = (h: number, m: number) => new Date(2025, 5, 3, h, m, 0).getTime();

describe('Convoso asked to slow down', () => {
  it('a pause in force when the page opens is shown with the time the gate tries again', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['Date'] });
    vi.setSystemTime(at(10, 40));
    bg.pausedUntil = at(10, 42);
    await openApp(bg);
    expect(await screen.findByText('Convoso asked to slow down, trying again at 10:42 AM: searches wait until then.')).toBeTruthy();
    expect(bg.mock).toHaveBeenCalledWith({ type: 'traffic-status' });
  });

  it('a search waiting in the gate shows the pause with Cancel, which drops it there and here', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['Date'] });
    vi.setSystemTime(at(10, 40));
    await openApp(bg);
    let answer!: (reply: SearchReply) => void;
    bg.replies.push(new Promise<SearchReply>((r) => (answer = r)));
    type('Lead ID', '424242');
    submit();
    await flush();
    // The background's broadcast when the shared backoff starts.
    await act(async () => {
      await fakeBrowser.runtime.onMessage.trigger({ type: 'traffic', pausedUntil: at(10, 42) }, { id: fakeBrowser.runtime.id });
    });
    const notice = (await screen.findByText('Convoso asked to slow down, trying again at 10:42 AM.')).closest('.pause-notice')!;
    fireEvent.click(notice.querySelector('button')!);
    expect(bg.cancels).toEqual([{ type: 'cancel-search' }]);
    await screen.findByText('Search cancelled.');
    expect(screen.getByRole('status').textContent).not.toContain('Searching…');
    answer({ ok: false, error: { kind: 'aborted', message: 'Cancelled.' } });
    await flush();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('the notice goes when the backoff ends', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['Date'] });
    vi.setSystemTime(at(10, 40));
    bg.pausedUntil = at(10, 42);
    await openApp(bg);
    await screen.findByText(/trying again at 10:42/);
    await act(async () => {
      await fakeBrowser.runtime.onMessage.trigger({ type: 'traffic', pausedUntil: null }, { id: fakeBrowser.runtime.id });
    });
    await waitFor(() => expect(screen.queryByText(/trying again at/)).toBeNull());
  });

  it('a rate-limited answer is shown once, with Retry: the page never asks again by itself', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    await openApp(bg);
    bg.replies.push(fail({ kind: 'rate-limited', status: 429, retryAfterMs: 30_000, message: 'Convoso is receiving too many requests. Wait about 30 s and try again.' }));
    type('Lead ID', '42');
    submit();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Wait about 30 s');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(120_000);
    });
    expect(bg.searches).toHaveLength(1);
    bg.replies.push(page([RAW]));
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await screen.findByText('Agent Smith');
    expect(bg.searches).toHaveLength(2);
  });
});
