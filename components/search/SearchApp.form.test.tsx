import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readPopupState } from '../../utils/search/session-state';
import { NOW, RAW, choose, flush, openApp, page, playBackground, settingsRead, submit, type, type Background } from '../../tests/support/search-app';
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

describe('search form', () => {
  it('has a labelled control for every filter of the spec', async () => {
    await openApp(bg);
    for (const label of ['Start date', 'End date', 'Campaign ID', 'Comments', 'Account ID', 'Callback ID', 'Lead ID', 'List ID', 'Recipient', 'User ID', 'Stage', 'Results per page']) {
      expect(screen.getByLabelText(label)).toBeTruthy();
    }
    expect((screen.getByLabelText('Start date') as HTMLInputElement).type).toBe('date');
    expect((screen.getByLabelText('Results per page') as HTMLSelectElement).value).toBe('20');
  });

  it('in the popup, the filters but the Lead ID fold under "Filters"; the tab shows them', async () => {
    await openApp(bg);
    const toggle = screen.getByRole('button', { name: 'Filters' });
    const panel = document.getElementById(toggle.getAttribute('aria-controls')!)!;
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(panel.hidden).toBe(true);
    expect(panel.contains(screen.getByLabelText('Stage'))).toBe(true);
    expect(panel.contains(screen.getByLabelText('Lead ID'))).toBe(false);
    fireEvent.click(toggle);
    expect(panel.hidden).toBe(false);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    cleanup();
    await openApp(bg, { layout: 'tab' });
    expect(screen.getByRole('button', { name: 'Filters' }).getAttribute('aria-expanded')).toBe('true');
  });

  it('the popup opens with the Lead ID ready for typing; the tab does not take focus', async () => {
    await openApp(bg);
    expect(document.activeElement).toBe(screen.getByLabelText('Lead ID'));
    cleanup();
    await openApp(bg, { layout: 'tab' });
    expect(document.activeElement).toBe(document.body);
  });

  it('sends the filters typed, offset 0, and no page size unless chosen', async () => {
    await openApp(bg);
    bg.replies.push(page([RAW]));
    type('Lead ID', ' 424242 ');
    choose('Stage', 'PASTDUE');
    choose('Recipient', 'Personal');
    type('Start date', '2025-06-01');
    submit();
    await screen.findByText('Agent Smith');
    expect(bg.searches).toEqual([{ lead_id: '424242', stage: 'PASTDUE', recipient: 'Personal', start_date: '2025-06-01', offset: 0 }]);
    expect(bg.sent.at(-1)!.purpose).toBeUndefined();
  });

  it('sends the chosen page size', async () => {
    await openApp(bg);
    bg.replies.push(page([RAW]));
    choose('Results per page', '100');
    type('Comments', 'spouse');
    submit();
    await screen.findByText('Agent Smith');
    expect(bg.searches).toEqual([{ comments: 'spouse', limit: '100', offset: 0 }]);
  });

  it.each([
    ['Lead ID', 'abc', /Lead ID must be a whole number/],
    ['User ID', '12.5', /User ID must be a whole number/],
    ['Campaign ID', '-4', /Campaign ID must be a whole number/],
    ['Callback ID', 'x', /Callback ID must be a whole number/],
  ])('shows "%s = %s" as invalid beside the field and sends nothing', async (label, value, message) => {
    await openApp(bg);
    type(label, value);
    submit();
    await flush();
    const input = screen.getByLabelText(label);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(input.getAttribute('aria-describedby')!)?.textContent).toMatch(message);
    await waitFor(() => expect(document.activeElement).toBe(input));
    expect(bg.searches).toEqual([]);
  });

  it('an end date before the start date is shown at the end date; fixing it clears the mark', async () => {
    await openApp(bg);
    type('Start date', '2025-06-10');
    type('End date', '2025-06-01');
    submit();
    await flush();
    const end = screen.getByLabelText('End date');
    expect(end.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText("End date can't be before the start date.")).toBeTruthy();
    expect(bg.searches).toEqual([]);
    type('End date', '2025-06-20');
    expect(end.getAttribute('aria-invalid')).toBeNull();
    bg.replies.push(page([]));
    submit();
    await waitFor(() => expect(bg.searches).toHaveLength(1));
  });

  it('a date the browser could not read (badInput, empty value) is an error, not "no date"', async () => {
    await openApp(bg);
    const start = screen.getByLabelText('Start date') as HTMLInputElement;
    Object.defineProperty(start, 'validity', { value: { badInput: true }, configurable: true });
    submit();
    await flush();
    expect(start.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(start.getAttribute('aria-describedby')!)?.textContent).toMatch(/Start date must be a real date/);
    expect(bg.searches).toEqual([]);
  });

  it('every problem is marked at once, and the folded filters open for their own', async () => {
    await openApp(bg);
    type('Lead ID', 'x');
    type('List ID', 'y');
    submit();
    await flush();
    expect(screen.getByLabelText('Lead ID').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('List ID').getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => expect(screen.getByRole('button', { name: /^Filters/ }).getAttribute('aria-expanded')).toBe('true'));
    expect(document.getElementById('search-filters')!.hidden).toBe(false);
  });

  it('Clear resets the form, the marks and the results, and sends nothing', async () => {
    await openApp(bg);
    bg.replies.push(page([RAW]));
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
    expect(bg.searches).toHaveLength(1);
    expect(screen.getByText('Type a lead ID, or press Search for the account’s callbacks from today on.')).toBeTruthy();
  });

  it('the options are one click away at all times', async () => {
    const open = vi.spyOn(fakeBrowser.runtime, 'openOptionsPage').mockResolvedValue(undefined);
    render(<SearchApp layout="popup" now={() => NOW} locale="en-US" />);
    bg.replies.push(page([]));
    await settingsRead(bg);
    fireEvent.click(screen.getByRole('button', { name: 'Options' }));
    expect(open).toHaveBeenCalledOnce();
  });
});
