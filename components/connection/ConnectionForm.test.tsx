import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { stubBackground, type BackgroundStub } from '../../tests/support/send-stub';
import { installFakeScripting, type FakeScripting } from '../../tests/support/fake-scripting';
import {
  baseUrlSetting,
  localTokenSetting,
  methodSetting,
  pageSizeSetting,
  sessionTokenSetting,
  timeoutSetting,
  timeZoneSetting,
  tokenStorageSetting,
  userIdSetting,
} from '../../utils/connection/settings';
import { browserTimeZone } from '../../utils/core/time/time-zone';
import { ConnectionForm } from './ConnectionForm';
import { readArea, writeArea } from '../../tests/support/sealed-areas';

const sendMock: BackgroundStub = vi.fn();
const TOKEN = 'test-token-not-real-0001';
let fake: FakeScripting;

beforeEach(() => {
  fakeBrowser.reset();
  fake = installFakeScripting();
  sendMock.mockReset();
  stubBackground(sendMock);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function type(label: string | RegExp, value: string) {
  fireEvent.input(screen.getByLabelText(label), { target: { value } });
}

async function renderForm(managed = { problems: [] }) {
  render(<ConnectionForm managed={managed} />);
  await screen.findByText(/No token saved|Token saved/, { selector: '#token-state' });
}

describe('ConnectionForm', () => {
  it('saves a token where the user chose and then shows it only masked', async () => {
    await renderForm();
    type('API token', TOKEN);
    fireEvent.click(screen.getByLabelText('Only until the browser closes'));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved.');
    expect((await sessionTokenSetting.get()).value).toBe(TOKEN);
    expect((await localTokenSetting.get()).value).toBe('');
    expect((await tokenStorageSetting.get()).value).toBe('session');
    expect((screen.getByLabelText('API token') as HTMLInputElement).value).toBe('');
    expect(screen.getByText('Token saved: ••••0001')).toBeTruthy();
    expect(document.body.textContent).not.toContain(TOKEN);
  });

  it('shows and hides the typed token', async () => {
    await renderForm();
    const input = screen.getByLabelText('API token') as HTMLInputElement;
    expect(input.type).toBe('password');
    fireEvent.click(screen.getByRole('button', { name: 'Show token' }));
    expect(input.type).toBe('text');
    expect(screen.getByRole('button', { name: 'Hide token' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('marks every invalid field, saves nothing and keeps what was typed', async () => {
    await renderForm();
    type('API token', 'has space');
    type('API base URL', 'http://api.example.com/v1');
    type('Convoso user ID', 'abc');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Nothing was saved: correct the marked fields.');
    for (const [label, message] of [
      ['API token', 'An API token has no spaces in it.'],
      ['API base URL', 'The API address must start with https:// (plain http is allowed only for localhost).'],
      ['Convoso user ID', 'A user ID is a positive whole number.'],
    ] as const) {
      const input = screen.getByLabelText(label) as HTMLInputElement;
      expect(input.getAttribute('aria-invalid')).toBe('true');
      const describedBy = input.getAttribute('aria-describedby')!.split(' ');
      expect(describedBy.map((id) => document.getElementById(id)?.textContent)).toContain(message);
    }
    expect((screen.getByLabelText('API token') as HTMLInputElement).value).toBe('has space');
    expect(document.activeElement).toBe(screen.getByLabelText('API token'));
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect(fake.requests).toEqual([]);
  });

  it('asks for another API host inside the click and saves nothing when refused', async () => {
    await renderForm();
    fake.answer = false;
    type('API token', TOKEN);
    type('API base URL', 'https://api.corp.example/v1/');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Nothing was saved: access to the API address was not granted.');
    expect(fake.requests).toEqual([['https://api.corp.example/*']]);
    expect(screen.getByText('The browser did not grant access to api.corp.example, so nothing was saved.')).toBeTruthy();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect((screen.getByLabelText('API token') as HTMLInputElement).value).toBe(TOKEN);

    fake.answer = true;
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved.');
    expect((await baseUrlSetting.get()).value).toBe('https://api.corp.example/v1');
  });

  it('gives back the old API host’s access once a save moves to another host, not before', async () => {
    await baseUrlSetting.set('https://api.corp.example/v1');
    fake.granted.add('https://api.corp.example/*');
    await renderForm();
    type('Convoso user ID', '1234');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved.');
    expect(fakeBrowser.permissions.remove).not.toHaveBeenCalled();

    type('API base URL', 'https://api.other.example/v1');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(fakeBrowser.permissions.remove).toHaveBeenCalledWith({ origins: ['https://api.corp.example/*'] }));
    await screen.findByText('Saved.');
    expect((await baseUrlSetting.get()).value).toBe('https://api.other.example/v1');
    expect([...fake.granted]).toEqual(['https://api.other.example/*']);
  });

  it('saves the new API address even when the browser refuses to drop the old host (one the manifest requires)', async () => {
    await baseUrlSetting.set('http://localhost:4010/v1');
    vi.mocked(fakeBrowser.permissions.remove).mockRejectedValue(new Error('You cannot remove required permissions.'));
    await renderForm();
    type('API token', TOKEN);
    type('API base URL', 'https://api.other.example/v1');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(fakeBrowser.permissions.remove).toHaveBeenCalledWith({ origins: ['http://localhost/*'] }));
    await screen.findByText('Saved.');
    expect((await baseUrlSetting.get()).value).toBe('https://api.other.example/v1');
    expect((await localTokenSetting.get()).value).toBe(TOKEN);
    expect(screen.getByText('Token saved: ••••0001')).toBeTruthy();
  });

  it('saves method and user ID, keeping the saved token when the field is empty', async () => {
    await localTokenSetting.set(TOKEN);
    await renderForm();
    expect(screen.getByText('Token saved: ••••0001')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Request method'), { target: { value: 'POST' } });
    type('Convoso user ID', ' 1234 ');
    fireEvent.click(screen.getByLabelText('Only until the browser closes'));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved.');
    expect((await methodSetting.get()).value).toBe('POST');
    expect((await userIdSetting.get()).value).toBe('1234');
    // Switching where it is kept moves the token and leaves nothing on disk.
    expect((await sessionTokenSetting.get()).value).toBe(TOKEN);
    expect((await localTokenSetting.get()).value).toBe('');
    expect(fake.requests).toEqual([]);
  });

  it('tests the unsaved values and reports the total', async () => {
    sendMock.mockResolvedValue({ ok: true, total: 1234 });
    await renderForm();
    type('API token', TOKEN);
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    await screen.findByText(`Connected. The account has ${(1234).toLocaleString()} callbacks.`);
    expect(sendMock).toHaveBeenCalledWith({ type: 'test-connection', token: TOKEN, baseUrl: 'https://api.convoso.com/v1', method: 'GET' });
  });

  it('shows the API client’s error for a rejected token', async () => {
    sendMock.mockResolvedValue({ ok: false, error: { kind: 'auth', message: 'Convoso refused the API token.' } as never });
    await renderForm();
    type('API token', TOKEN);
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    await screen.findByText('Convoso refused the API token.');
  });

  it('marks the token field when Convoso refuses the token (5001 "Auth token is invalid")', async () => {
    sendMock.mockResolvedValue({ ok: false, error: { kind: 'auth', code: 5001, message: 'Convoso refused the API token.' } as never });
    await renderForm();
    type('API token', TOKEN);
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    await screen.findByText('Convoso refused the API token.');
    const field = screen.getByLabelText('API token');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(field);
  });

  it('says "at least" when Convoso gave no usable total', async () => {
    sendMock.mockResolvedValue({ ok: true, total: 1, totalAtLeast: true } as never);
    await renderForm();
    type('API token', TOKEN);
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    await screen.findByText('Connected. The account has at least 1 callback.');
  });

  it('forgets the token', async () => {
    await localTokenSetting.set(TOKEN);
    await renderForm();
    fireEvent.click(screen.getByRole('button', { name: 'Forget token' }));
    await screen.findByText('The token was forgotten.');
    expect(screen.getByText('No token saved')).toBeTruthy();
    expect((await localTokenSetting.get()).value).toBe('');
    expect((screen.getByRole('button', { name: 'Forget token' }) as HTMLButtonElement).disabled).toBe(true);
    expect(document.activeElement).toBe(screen.getByLabelText('API token'));
  });

  it('notices the session token disappearing', async () => {
    await sessionTokenSetting.set(TOKEN);
    await tokenStorageSetting.set('session');
    await renderForm();
    expect(screen.getByText('Token saved: ••••0001')).toBeTruthy();
    await fakeBrowser.storage.session.clear();
    await waitFor(() => expect(screen.getByText('No token saved')).toBeTruthy());
  });

  it('reports stored values that were unreadable and stores them again on Save', async () => {
    await writeArea('local', { token: 42, userId: 'not a number', pageSize: -1, requestTimeoutMs: 'soon' });
    await renderForm();
    const notice = await screen.findByRole('alert');
    expect(notice.textContent).toContain('Some saved settings could not be read, so defaults are shown instead');
    for (const setting of [localTokenSetting, userIdSetting, pageSizeSetting, timeoutSetting]) {
      expect(notice.textContent).toContain(`${setting.label} was stored in an unreadable form; using the default.`);
    }
    expect(screen.getByText('No token saved')).toBeTruthy();
    expect((screen.getByLabelText('Convoso user ID') as HTMLInputElement).value).toBe('');

    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved.');
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    const stored = await readArea('local');
    expect(stored).toMatchObject({ userId: '', pageSize: pageSizeSetting.fallback, requestTimeoutMs: timeoutSetting.fallback });
    expect(stored).not.toHaveProperty('token');
  });

  it('writes all fields or none: a failed write keeps every typed value and stores nothing', async () => {
    const realSet = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
    // The storage refuses the user ID (as when the disk is full); everything else would be accepted.
    vi.spyOn(fakeBrowser.storage.local, 'set').mockImplementation(async (items: Record<string, unknown>) => {
      if ('userId' in items) throw new Error('QUOTA_BYTES quota exceeded');
      return realSet(items);
    });
    await renderForm();
    type('API token', TOKEN);
    fireEvent.change(screen.getByLabelText('Request method'), { target: { value: 'POST' } });
    type('Convoso user ID', '1234');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Could not save (QUOTA_BYTES quota exceeded). Your entries are still in the form.');
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect((screen.getByLabelText('API token') as HTMLInputElement).value).toBe(TOKEN);
    expect((screen.getByLabelText('Request method') as HTMLSelectElement).value).toBe('POST');
    expect((screen.getByLabelText('Convoso user ID') as HTMLInputElement).value).toBe('1234');
    expect(screen.getByText('No token saved')).toBeTruthy();
  });

  it('runs one test at a time however often the button is clicked', async () => {
    let answer!: (reply: { ok: true; total: number }) => void;
    sendMock.mockReturnValue(new Promise((resolve) => (answer = resolve)) as never);
    await renderForm();
    type('API token', TOKEN);
    const button = screen.getByRole('button', { name: 'Test connection' });
    fireEvent.click(button);
    fireEvent.click(button);
    await screen.findByText('Testing the connection…');
    expect(button.getAttribute('aria-disabled')).toBe('true');
    answer({ ok: true, total: 1 });
    await screen.findByText('Connected. The account has 1 callback.');
    expect(sendMock).toHaveBeenCalledTimes(1);
    expect(button.getAttribute('aria-disabled')).toBe('false');
  });

  it('locks what the administrator set', async () => {
    await renderForm({ problems: [], baseUrl: 'https://api.corp.example/v1', method: 'POST' } as never);
    const base = screen.getByLabelText('API base URL') as HTMLInputElement;
    expect(base.disabled).toBe(true);
    expect(base.value).toBe('https://api.corp.example/v1');
    expect((screen.getByLabelText('Request method') as HTMLSelectElement).disabled).toBe(true);
    expect(screen.getAllByText('Set by your administrator.')).toHaveLength(2);
    type('API token', TOKEN);
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved.');
    // The policy, not the form, writes a managed value; no prompt for its host either.
    expect(fake.requests).toEqual([]);
    expect(await fakeBrowser.storage.local.get('apiBaseUrl')).toEqual({});
  });

  it('shows before the policy is read, and a Save meanwhile waits for it and leaves what it sets alone', async () => {
    await methodSetting.set('POST');
    let givePolicy!: (policy: never) => void;
    const policy = new Promise<never>((resolve) => (givePolicy = resolve));
    render(<ConnectionForm managed={{ problems: [] }} policy={policy} />);
    await screen.findByText(/No token saved|Token saved/, { selector: '#token-state' });
    await waitFor(() => expect((screen.getByLabelText('Request method') as HTMLSelectElement).value).toBe('POST'));
    type('API token', TOKEN);
    fireEvent.change(screen.getByLabelText('Request method'), { target: { value: 'GET' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByText('Saved.')).toBeNull();
    expect((await localTokenSetting.get()).value).toBe('');
    givePolicy({ problems: [], method: 'POST' } as never);
    await screen.findByText('Saved.');
    expect((await localTokenSetting.get()).value).toBe(TOKEN);
    // The policy's method stays; the form's choice is not written over it.
    expect((await methodSetting.get()).value).toBe('POST');
  });

  it('offers to grant access to the administrator’s API host until the browser has', async () => {
    await renderForm({ problems: [], baseUrl: 'https://api.corp.example/v1' } as never);
    await screen.findByText('The browser has not granted access to api.corp.example yet, so the extension cannot reach the API.');
    fake.answer = false;
    fireEvent.click(screen.getByRole('button', { name: 'Grant access' }));
    await screen.findByText('The browser did not grant access to api.corp.example; the extension cannot reach the API.');
    fake.answer = true;
    fireEvent.click(screen.getByRole('button', { name: 'Grant access' }));
    await screen.findByText('Access to api.corp.example granted.');
    expect(fake.requests).toEqual([['https://api.corp.example/*'], ['https://api.corp.example/*']]);
    expect(screen.queryByRole('button', { name: 'Grant access' })).toBeNull();
  });

  it('says nothing about access when the administrator’s API host is already granted', async () => {
    fake.granted.add('https://api.corp.example/*');
    await renderForm({ problems: [], baseUrl: 'https://api.corp.example/v1' } as never);
    await waitFor(() => expect(fakeBrowser.permissions.contains).toHaveBeenCalled());
    await new Promise((r) => setTimeout(r, 0));
    expect(screen.queryByRole('button', { name: 'Grant access' })).toBeNull();
  });

  describe('Account time zone (issue 9)', () => {
    it('shows the browser’s zone until one is saved, offers the IANA list and saves what was chosen', async () => {
      await renderForm();
      const input = screen.getByLabelText('Account time zone') as HTMLInputElement;
      expect(input.value).toBe(browserTimeZone());
      const list = document.getElementById(input.getAttribute('list')!)!;
      expect(list.querySelector('option[value="America/Los_Angeles"]')).toBeTruthy();
      expect(screen.getByText(/Convoso’s default is Pacific time \(America\/Los_Angeles\)/)).toBeTruthy();
      type('Account time zone', 'america/los_angeles');
      fireEvent.click(screen.getByRole('button', { name: 'Save' }));
      await screen.findByText('Saved.');
      expect((await timeZoneSetting.get()).value).toBe('America/Los_Angeles');
      expect(input.value).toBe('America/Los_Angeles');
    });

    it('refuses a zone that does not exist and saves nothing', async () => {
      await timeZoneSetting.set('America/Chicago');
      await renderForm();
      await waitFor(() => expect((screen.getByLabelText('Account time zone') as HTMLInputElement).value).toBe('America/Chicago'));
      type('Account time zone', 'Pacific Standard');
      fireEvent.click(screen.getByRole('button', { name: 'Save' }));
      await screen.findByText('Nothing was saved: correct the marked fields.');
      const input = screen.getByLabelText('Account time zone');
      expect(input.getAttribute('aria-invalid')).toBe('true');
      expect(screen.getByText('Choose a time zone from the list, like America/Los_Angeles.')).toBeTruthy();
      expect((await timeZoneSetting.get()).value).toBe('America/Chicago');
    });

    it('keeps what was typed before the saved settings were read, and fills the rest from them', async () => {
      await timeZoneSetting.set('America/Chicago');
      await userIdSetting.set('77');
      // The first read is slow (a busy machine): the user types the zone meanwhile.
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const get = fakeBrowser.storage.local.get.bind(fakeBrowser.storage.local);
      const slow = vi.spyOn(fakeBrowser.storage.local, 'get').mockImplementation(async (...args: Parameters<typeof get>) => {
        await gate;
        return get(...args);
      });
      render(<ConnectionForm managed={{ problems: [] }} />);
      type('Account time zone', 'America/Los_Angeles');
      release();
      await screen.findByText(/No token saved|Token saved/, { selector: '#token-state' });
      slow.mockRestore();
      await waitFor(() => expect((screen.getByLabelText('Convoso user ID') as HTMLInputElement).value).toBe('77'));
      expect((screen.getByLabelText('Account time zone') as HTMLInputElement).value).toBe('America/Los_Angeles');
      fireEvent.click(screen.getByRole('button', { name: 'Save' }));
      await screen.findByText('Saved.');
      expect((await timeZoneSetting.get()).value).toBe('America/Los_Angeles');
      expect((await userIdSetting.get()).value).toBe('77');
    });

    it('a zone set by policy is shown locked', async () => {
      await renderForm({ problems: [], timeZone: 'America/Denver' } as never);
      const input = screen.getByLabelText('Account time zone') as HTMLInputElement;
      expect(input.value).toBe('America/Denver');
      expect(input.disabled).toBe(true);
      expect(screen.getByText('Set by your administrator: America/Denver.')).toBeTruthy();
    });
  });
});
