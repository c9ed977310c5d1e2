import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { dueBadgeMinutesSetting, dueBadgeSetting, remindersSetting } from '../../utils/reminders/reminder-settings';
import { PowerToolsSection } from './PowerToolsSection';

// fakeBrowser has no permissions API: the user's answer to the browser's prompt.
let answer = true;
const granted = new Set<string>();
beforeEach(() => {
  fakeBrowser.reset();
  answer = true;
  granted.clear();
  const p = fakeBrowser.permissions as any;
  p.request = vi.fn(async ({ permissions = [] }: { permissions?: string[] }) => {
    if (answer) permissions.forEach((x) => granted.add(x));
    return answer;
  });
  p.contains = vi.fn(async ({ permissions = [] }: { permissions?: string[] }) => permissions.every((x) => granted.has(x)));
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const badgeBox = () => screen.getByLabelText('Show my due callbacks on the toolbar icon') as HTMLInputElement;
const remindersBox = () => screen.getByLabelText('Remind me before my callbacks are due') as HTMLInputElement;

describe('PowerToolsSection', () => {
  it('waits for a saved user ID, then saves the toolbar count at once', async () => {
    // The options page hands in the saved user ID (the connection feature's).
    const { rerender } = render(<PowerToolsSection userId="" />);
    await screen.findByText(/Save your Convoso user ID above/);
    expect(badgeBox().disabled).toBe(true);

    rerender(<PowerToolsSection userId="77" />);
    await waitFor(() => expect(badgeBox().disabled).toBe(false));
    fireEvent.click(badgeBox());
    await waitFor(async () => expect((await dueBadgeSetting.get()).value).toBe(true));

    const minutes = screen.getByLabelText('Refresh the count every (minutes)') as HTMLInputElement;
    fireEvent.change(minutes, { target: { value: '0' } });
    await screen.findByText('The refresh interval must be a whole number of minutes from 1 to 60.');
    expect(minutes.getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(minutes, { target: { value: '2' } });
    await waitFor(async () => expect((await dueBadgeMinutesSetting.get()).value).toBe(2));
  });

  it('turns reminders on only when the browser grants notifications', async () => {
    render(<PowerToolsSection userId="77" />);
    await waitFor(() => expect(remindersBox().disabled).toBe(false));

    answer = false;
    fireEvent.click(remindersBox());
    await screen.findByText(/the browser did not give it/);
    expect(remindersBox().checked).toBe(false);
    expect((await remindersSetting.get()).value).toBe(false);

    answer = true;
    fireEvent.click(remindersBox());
    await waitFor(async () => expect((await remindersSetting.get()).value).toBe(true));
    expect(fakeBrowser.permissions.request).toHaveBeenLastCalledWith({ permissions: ['notifications'] });
    expect(remindersBox().checked).toBe(true);
  });
});

describe('PowerToolsSection and unreadable settings (issue 20.8)', () => {
  it('reports a setting that cannot be read and keeps it until the agent changes it here', async () => {
    await fakeBrowser.storage.local.set({ dueBadge: 'yes please' });
    render(<PowerToolsSection userId="77" />);
    const notice = await screen.findByRole('alert');
    expect(notice.textContent).toContain('The toolbar count of due callbacks was stored in an unreadable form; using the default.');
    expect(notice.textContent).toContain('They are kept as they are until you change them here.');
    // Another change here leaves it alone.
    fireEvent.change(screen.getByLabelText('Remind me this many minutes before'), { target: { value: '15' } });
    await screen.findByText('Reminder time saved.');
    expect(await fakeBrowser.storage.local.get('dueBadge')).toEqual({ dueBadge: 'yes please' });
    // Turning the count on here is the agent's choice: it replaces the unreadable value.
    fireEvent.click(badgeBox());
    await waitFor(async () => expect(await dueBadgeSetting.get()).toEqual({ value: true }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });

  it('checkboxes sit beside their labels: each label holds its box', () => {
    render(<PowerToolsSection userId="77" />);
    for (const box of [badgeBox(), remindersBox()]) expect(box.closest('label')?.classList.contains('checkbox')).toBe(true);
  });
});

/** What a screen reader reads after the control's name: the texts its aria-describedby names. */
const description = (el: HTMLElement) =>
  (el.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
const minutesField = () => screen.getByLabelText('Refresh the count every (minutes)') as HTMLInputElement;

describe('PowerToolsSection under the administrator’s policy (issue 21)', () => {
  it('locks the toolbar count and reminders the policy turned off, says why, and keeps the agent’s choice', async () => {
    await dueBadgeSetting.set(true);
    await remindersSetting.set(true);
    granted.add('notifications');
    render(<PowerToolsSection userId="77" policy={{ allowToolbarCount: false, allowReminders: false, problems: [] }} />);
    await waitFor(() => expect(minutesField().value).toBe('15'));
    for (const box of [badgeBox(), remindersBox()]) {
      expect(box.disabled).toBe(true);
      expect(box.checked).toBe(false);
      expect(description(box)).toMatch(/^Turned off by your administrator\. Your choice to turn it on is kept for when it is allowed again\./);
    }
    for (const label of ['Refresh the count every (minutes)', 'Remind me this many minutes before']) {
      const input = screen.getByLabelText(label) as HTMLInputElement;
      expect(input.disabled).toBe(true);
      expect(description(input)).toBe('Turned off by your administrator.');
    }
    fireEvent.click(badgeBox());
    expect(await dueBadgeSetting.get()).toEqual({ value: true });
    expect(await remindersSetting.get()).toEqual({ value: true });
  });

  it('shows a stored interval under the policy’s minimum as the one that applies, and does not take a shorter one', async () => {
    await dueBadgeMinutesSetting.set(5);
    render(<PowerToolsSection userId="77" policy={{ minRefreshMinutes: 30, problems: [] }} />);
    await waitFor(() => expect(minutesField().value).toBe('30'));
    expect(minutesField().min).toBe('30');
    expect(description(minutesField())).toBe('Your administrator set the shortest refresh to 30 minutes: it refreshes every 30 minutes, not the 5 you chose.');

    fireEvent.input(minutesField(), { target: { value: '10' } });
    fireEvent.change(minutesField(), { target: { value: '10' } });
    await screen.findByText('Your administrator set the shortest refresh to 30 minutes: choose 30 or more.');
    expect(minutesField().getAttribute('aria-invalid')).toBe('true');
    expect((await dueBadgeMinutesSetting.get()).value).toBe(5);

    fireEvent.input(minutesField(), { target: { value: '45' } });
    fireEvent.change(minutesField(), { target: { value: '45' } });
    await waitFor(async () => expect((await dueBadgeMinutesSetting.get()).value).toBe(45));
    await waitFor(() => expect(description(minutesField())).toBe('Your administrator set the shortest refresh to 30 minutes.'));
    expect(minutesField().getAttribute('aria-invalid')).toBeNull();
  });

  it('leaves no interval to choose when the policy’s minimum is over the hour an agent may pick', async () => {
    render(<PowerToolsSection userId="77" policy={{ minRefreshMinutes: 90, problems: [] }} />);
    await waitFor(() => expect(minutesField().value).toBe('90'));
    expect(minutesField().disabled).toBe(true);
    expect(description(minutesField())).toBe('Your administrator set the refresh to every 90 minutes.');
    expect(badgeBox().disabled).toBe(false);
  });
});
