import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { installFakeScripting, type FakeScripting } from '../../tests/support/fake-scripting';
import { testConvoso } from '../../tests/support/convoso';
import { stubBackground, type BackgroundStub } from '../../tests/support/send-stub';
import { apiHostUser } from '../../utils/connection/api-origin';
import { createSaveConnectionHandler } from '../../utils/connection/background/save-connection';
import type { ConnectionPolicy } from '../../utils/connection/connection-policy';
import { localTokenSetting, methodSetting, pageSizeSetting, sessionTokenSetting, timeoutSetting, tokenStorageSetting, userIdSetting } from '../../utils/connection/settings';
import { createHostAccess } from '../../utils/core/hosts/host-access';
import { readArea, writeArea } from '../../tests/support/sealed-areas';
import { sitesHostUser } from '../../utils/sites/sites-in-use';
import { ApiCard } from './ApiCard';
import { ConnectionCard } from './ConnectionCard';
import { useConnection } from './use-connection';

// The agent's connection card as a person uses it, with the background's real Save
// behind it (utils/connection/background/save-connection.ts) and Convoso's answers
// played by a fetch stub.

const TOKEN = 'test-token-not-real-0001';
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const REFUSED = () => json({ success: false, code: 403, text: 'Invalid authentication token' }, 403);
const sendMock: BackgroundStub = vi.fn();
let fake: FakeScripting;
let fetch: ReturnType<typeof vi.fn<typeof globalThis.fetch>>;

beforeEach(() => {
  fakeBrowser.reset();
  fake = installFakeScripting();
  fetch = vi.fn<typeof globalThis.fetch>(async () => json({ success: true, data: { offset: 0, limit: 1, total: 3, results: [] } }));
  const save = createSaveConnectionHandler(testConvoso(), createHostAccess([apiHostUser, sitesHostUser]), { fetch });
  sendMock.mockReset();
  sendMock.mockImplementation(async (request) => ((request as { type: string }).type === 'save-connection' ? save(request as never) : undefined));
  stubBackground(sendMock);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function Cards(props: { policy: ConnectionPolicy }) {
  const connection = useConnection(props.policy);
  return (
    <>
      <ConnectionCard connection={connection} policy={props.policy} />
      <ApiCard connection={connection} policy={props.policy} />
    </>
  );
}

const type = (label: string, value: string) => fireEvent.input(screen.getByLabelText(label), { target: { value } });
const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const save = () => fireEvent.click(screen.getByRole('button', { name: 'Save' }));

async function renderCards(policy: ConnectionPolicy = { problems: [] }) {
  render(<Cards policy={policy} />);
  await screen.findByText(/No token saved|Token saved/, { selector: '#token-state' });
}

describe('the agent’s connection card', () => {
  it('checks and saves a token where the user chose, then shows it only masked', async () => {
    await renderCards();
    type('API token', TOKEN);
    fireEvent.click(screen.getByLabelText('Only until the browser closes'));
    save();
    await screen.findByText('Saved.');
    expect(fetch).toHaveBeenCalledOnce();
    expect((await sessionTokenSetting.get()).value).toBe(TOKEN);
    expect((await localTokenSetting.get()).value).toBe('');
    expect((await tokenStorageSetting.get()).value).toBe('session');
    expect(field('API token').value).toBe('');
    expect(screen.getByText('Token saved: ••••0001')).toBeTruthy();
    expect(document.body.textContent).not.toContain(TOKEN);
  });

  it('reports a token Convoso refuses at the field, keeping what was typed and saving nothing (issue 19)', async () => {
    fetch.mockResolvedValue(REFUSED());
    await renderCards();
    type('API token', TOKEN);
    type('Convoso user ID', '77');
    save();
    await screen.findByText('Nothing was saved: Convoso refused this token.');
    const token = field('API token');
    expect(token.value).toBe(TOKEN);
    expect(token.getAttribute('aria-invalid')).toBe('true');
    expect(token.getAttribute('aria-describedby')!.split(' ').map((id) => document.getElementById(id)?.textContent)).toContain(
      'Convoso did not accept this token. Check it, or ask your administrator for one that may search callbacks.',
    );
    expect(document.activeElement).toBe(token);
    expect(field('Convoso user ID').value).toBe('77');
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('saves when Convoso cannot be reached, and says the token could not be checked', async () => {
    fetch.mockRejectedValue(new TypeError('Failed to fetch'));
    await renderCards();
    type('API token', TOKEN);
    save();
    await screen.findByText(/^Saved, but the token could not be checked: /);
    expect((await localTokenSetting.get()).value).toBe(TOKEN);
  });

  it('says a save is running, and that closing the page does not stop it', async () => {
    let answer!: (response: Response) => void;
    fetch.mockImplementation(() => new Promise((resolve) => (answer = resolve)));
    await renderCards();
    type('API token', TOKEN);
    save();
    await screen.findByText('Saving: Convoso is checking the token… Closing this page does not stop the save.');
    await waitFor(() => expect(fetch).toHaveBeenCalled());
    expect(screen.getByRole('button', { name: 'Save' }).getAttribute('aria-disabled')).toBe('true');
    save();
    answer(json({ success: true, data: { offset: 0, limit: 1, total: 3, results: [] } }));
    await screen.findByText('Saved.');
    expect(fetch).toHaveBeenCalledOnce();
  });

  it('shows and hides the typed token; Show token waits for something to show', async () => {
    await renderCards();
    const show = screen.getByRole('button', { name: 'Show token' }) as HTMLButtonElement;
    expect(show.disabled).toBe(true);
    type('API token', TOKEN);
    expect(show.disabled).toBe(false);
    fireEvent.click(show);
    expect(field('API token').type).toBe('text');
    expect(screen.getByRole('button', { name: 'Hide token' }).getAttribute('aria-pressed')).toBe('true');
    type('API token', '');
    expect(field('API token').type).toBe('password');
    expect((screen.getByRole('button', { name: 'Show token' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('marks every invalid field, saves nothing and keeps what was typed', async () => {
    await renderCards();
    type('API token', 'has space');
    type('Convoso user ID', 'abc');
    save();
    await screen.findByText('Nothing was saved: correct the marked fields.');
    for (const [label, message] of [
      ['API token', 'An API token has no spaces in it.'],
      ['Convoso user ID', 'A user ID is a positive whole number.'],
    ] as const) {
      const input = field(label);
      expect(input.getAttribute('aria-invalid')).toBe('true');
      expect(input.getAttribute('aria-describedby')!.split(' ').map((id) => document.getElementById(id)?.textContent)).toContain(message);
    }
    expect(field('API token').value).toBe('has space');
    expect(document.activeElement).toBe(field('API token'));
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect(sendMock).not.toHaveBeenCalled();
  });

  it('saves the user ID and where the token is kept without a search, keeping the saved token', async () => {
    await localTokenSetting.set(TOKEN);
    await renderCards();
    expect(screen.getByText('Token saved: ••••0001')).toBeTruthy();
    type('Convoso user ID', ' 1234 ');
    fireEvent.click(screen.getByLabelText('Only until the browser closes'));
    save();
    await screen.findByText('Saved.');
    expect((await userIdSetting.get()).value).toBe('1234');
    expect((await sessionTokenSetting.get()).value).toBe(TOKEN);
    expect((await localTokenSetting.get()).value).toBe('');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('forgets the token', async () => {
    await localTokenSetting.set(TOKEN);
    await renderCards();
    fireEvent.click(screen.getByRole('button', { name: 'Forget token' }));
    await screen.findByText('The token was forgotten.');
    expect(screen.getByText('No token saved')).toBeTruthy();
    expect((await localTokenSetting.get()).value).toBe('');
    expect((screen.getByRole('button', { name: 'Forget token' }) as HTMLButtonElement).disabled).toBe(true);
    expect(document.activeElement).toBe(field('API token'));
  });

  it('notices the session token disappearing', async () => {
    await sessionTokenSetting.set(TOKEN);
    await tokenStorageSetting.set('session');
    await renderCards();
    expect(screen.getByText('Token saved: ••••0001')).toBeTruthy();
    await fakeBrowser.storage.session.clear();
    await waitFor(() => expect(screen.getByText('No token saved')).toBeTruthy());
  });

  it('reports stored values that were unreadable, keeps them until Save, then stores what is shown', async () => {
    await writeArea('local', { token: 42, userId: 'not a number', pageSize: -1, requestTimeoutMs: 'soon' });
    await renderCards();
    const notice = await screen.findByRole('alert');
    expect(notice.textContent).toContain('Some saved settings could not be read, so defaults are shown instead');
    for (const setting of [localTokenSetting, userIdSetting, pageSizeSetting, timeoutSetting]) {
      expect(notice.textContent).toContain(`${setting.label} was stored in an unreadable form; using the default.`);
    }
    expect(notice.textContent).toContain('They are kept as they are until you press Save');
    expect((await readArea('local')).userId).toBe('not a number');
    save();
    await screen.findByText('Saved.');
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    const stored = await readArea('local');
    expect(stored).toMatchObject({ userId: '', pageSize: pageSizeSetting.fallback, requestTimeoutMs: timeoutSetting.fallback });
    expect(stored).not.toHaveProperty('token');
  });

  it('writes all fields or none: a failed write keeps every typed value and stores nothing', async () => {
    const realSet = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
    vi.spyOn(fakeBrowser.storage.local, 'set').mockImplementation(async (items: Record<string, unknown>) => {
      if ('userId' in items) throw new Error('QUOTA_BYTES quota exceeded');
      return realSet(items);
    });
    sendMock.mockImplementation(async (request) =>
      (request as { type: string }).type === 'save-connection'
        ? createSaveConnectionHandler(testConvoso(), createHostAccess([]), { fetch })(request as never).catch(() => ({ ok: false, error: { kind: 'internal', message: 'Something went wrong inside the extension. Try again.' } }))
        : undefined,
    );
    await renderCards();
    type('API token', TOKEN);
    type('Convoso user ID', '1234');
    save();
    await screen.findByText('Could not save (Something went wrong inside the extension. Try again.). Your entries are still in the form.');
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect(field('API token').value).toBe(TOKEN);
    expect(field('Convoso user ID').value).toBe('1234');
    expect(screen.getByText('No token saved')).toBeTruthy();
  });
});

describe('Test connection', () => {
  const answerTest = (reply: unknown) =>
    sendMock.mockImplementation(async (request) => (request.type === 'test-connection' ? reply : undefined));

  it('tests the unsaved values and reports the total', async () => {
    answerTest({ ok: true, total: 1234 });
    await renderCards();
    type('API token', TOKEN);
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    await screen.findByText(`Connected. The account has ${(1234).toLocaleString()} callbacks.`);
    expect(sendMock).toHaveBeenCalledWith({ type: 'test-connection', token: TOKEN, baseUrl: 'https://api.convoso.com/v1', method: 'GET' });
  });

  it('marks the token field when Convoso refuses the token (5001 "Auth token is invalid")', async () => {
    answerTest({ ok: false, error: { kind: 'auth', code: 5001, message: 'Convoso refused the API token.' } });
    await renderCards();
    type('API token', TOKEN);
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    await screen.findByText('Convoso refused the API token.');
    expect(field('API token').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(field('API token'));
  });

  it('says "at least" when Convoso gave no usable total', async () => {
    answerTest({ ok: true, total: 1, totalAtLeast: true });
    await renderCards();
    type('API token', TOKEN);
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    await screen.findByText('Connected. The account has at least 1 callback.');
  });

  it('runs one test at a time however often the button is clicked', async () => {
    let answer!: (reply: { ok: true; total: number }) => void;
    sendMock.mockReturnValue(new Promise((resolve) => (answer = resolve)) as never);
    await renderCards();
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
});

describe('the administrator’s API card', () => {
  const saveApi = () => fireEvent.click(screen.getByRole('button', { name: 'Save API settings' }));

  it('asks for another API host inside the click and saves nothing when refused', async () => {
    await renderCards();
    fake.answer = false;
    type('API base URL', 'https://api.corp.example/v1/');
    saveApi();
    await screen.findByText('Nothing was saved: access to the API address was not granted.');
    expect(fake.requests).toEqual([['https://api.corp.example/*']]);
    expect(screen.getByText('The browser did not grant access to api.corp.example, so nothing was saved.')).toBeTruthy();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});

    fake.answer = true;
    saveApi();
    await screen.findByText('Saved.');
    expect(field('API base URL').value).toBe('https://api.corp.example/v1');
  });

  it('saves the method, checking the saved token with it, and keeps an invalid address from being saved', async () => {
    await localTokenSetting.set(TOKEN);
    await renderCards();
    fireEvent.change(screen.getByLabelText('Request method'), { target: { value: 'POST' } });
    saveApi();
    await screen.findByText('Saved.');
    expect((await methodSetting.get()).value).toBe('POST');
    expect(fetch.mock.calls[0]![1]?.method).toBe('POST');

    type('API base URL', 'http://api.example.com/v1');
    saveApi();
    await screen.findByText('Nothing was saved: correct the marked fields.');
    expect(field('API base URL').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(field('API base URL'));
  });

  it('either Save saves every change made here: a typed address and token, checked together', async () => {
    await renderCards();
    type('API base URL', 'https://api.corp.example/v1');
    type('API token', TOKEN);
    save();
    await screen.findByText('Saved.');
    expect(fake.requests).toEqual([['https://api.corp.example/*']]);
    expect(String(fetch.mock.calls[0]![0])).toMatch(/^https:\/\/api\.corp\.example\/v1\/callbacks\/search\?auth_token=/);
    expect((await localTokenSetting.get()).value).toBe(TOKEN);
    expect(field('API base URL').value).toBe('https://api.corp.example/v1');
    expect(await fakeBrowser.storage.local.get('apiBaseUrl')).toMatchObject({ apiBaseUrl: expect.anything() });
  });

  it('marks the address when Convoso refuses the saved token there', async () => {
    await localTokenSetting.set(TOKEN);
    fetch.mockResolvedValue(REFUSED());
    await renderCards();
    type('API base URL', 'https://api.corp.example/v1');
    saveApi();
    await screen.findByText('Nothing was saved: Convoso refused the saved token at this address.');
    expect(field('API base URL').getAttribute('aria-invalid')).toBe('true');
    expect(field('API base URL').value).toBe('https://api.corp.example/v1');
  });

  it('locks what the administrator set, and the agent’s Save leaves it alone', async () => {
    await renderCards({ problems: [], baseUrl: 'https://api.corp.example/v1', method: 'POST' });
    const base = field('API base URL');
    expect(base.disabled).toBe(true);
    expect(base.value).toBe('https://api.corp.example/v1');
    expect((screen.getByLabelText('Request method') as HTMLSelectElement).disabled).toBe(true);
    expect(screen.getAllByText('Set by your administrator.')).toHaveLength(2);
    expect(screen.queryByRole('button', { name: 'Save API settings' })).toBeNull();
    type('Convoso user ID', '7');
    save();
    await screen.findByText('Saved.');
    expect(fake.requests).toEqual([]);
    expect(await fakeBrowser.storage.local.get('apiBaseUrl')).toEqual({});
  });

  it('offers to grant access to the administrator’s API host until the browser has', async () => {
    await renderCards({ problems: [], baseUrl: 'https://api.corp.example/v1' });
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
    await renderCards({ problems: [], baseUrl: 'https://api.corp.example/v1' });
    await waitFor(() => expect(fakeBrowser.permissions.contains).toHaveBeenCalled());
    await new Promise((r) => setTimeout(r, 0));
    expect(screen.queryByRole('button', { name: 'Grant access' })).toBeNull();
  });
});
