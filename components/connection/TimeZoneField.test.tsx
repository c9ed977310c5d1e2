import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { testConvoso } from '../../tests/support/convoso';
import { stubBackground, type BackgroundStub } from '../../tests/support/send-stub';
import { createSaveConnectionHandler } from '../../utils/connection/background/save-connection';
import type { ConnectionPolicy } from '../../utils/connection/connection-policy';
import { timeZoneSetting, userIdSetting } from '../../utils/connection/settings';
import { createHostAccess } from '../../utils/core/hosts/host-access';
import { browserTimeZone } from '../../utils/core/time/time-zone';
import { ConnectionCard } from './ConnectionCard';
import { useConnection } from './use-connection';

// The account's time zone (issue 9; issue 19: "not set" says so instead of showing
// the browser's zone as if chosen).

const sendMock: BackgroundStub = vi.fn();
beforeEach(() => {
  fakeBrowser.reset();
  const save = createSaveConnectionHandler(testConvoso(), createHostAccess([]));
  sendMock.mockReset();
  sendMock.mockImplementation(async (request) => ((request as { type: string }).type === 'save-connection' ? save(request as never) : undefined));
  stubBackground(sendMock);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function Card(props: { policy: ConnectionPolicy }) {
  return <ConnectionCard connection={useConnection(props.policy)} policy={props.policy} />;
}
const zone = () => screen.getByLabelText('Account time zone') as HTMLInputElement;
const type = (value: string) => fireEvent.input(zone(), { target: { value } });
async function renderCard(policy: ConnectionPolicy = { problems: [] }) {
  render(<Card policy={policy} />);
  await screen.findByText(/No token saved|Token saved/, { selector: '#token-state' });
}

describe('Account time zone', () => {
  it('says when it is not set and which zone is used then, instead of showing the browser’s as chosen', async () => {
    await renderCard();
    expect(zone().value).toBe('');
    const unset = `Not set: using this browser’s zone, ${browserTimeZone()}.`;
    expect(screen.getByText(unset)).toBeTruthy();
    expect(zone().getAttribute('aria-describedby')!.split(' ').map((id) => document.getElementById(id)?.textContent)).toContain(unset);
    // Saving without choosing one keeps it unset.
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved.');
    expect((await timeZoneSetting.get()).value).toBe('');
  });

  it('offers the IANA list and saves what was chosen', async () => {
    await renderCard();
    const list = document.getElementById(zone().getAttribute('list')!)!;
    expect(list.querySelector('option[value="America/Los_Angeles"]')).toBeTruthy();
    expect(screen.getByText(/Convoso’s default is Pacific time \(America\/Los_Angeles\)/)).toBeTruthy();
    type('america/los_angeles');
    expect(screen.queryByText(/^Not set:/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved.');
    expect((await timeZoneSetting.get()).value).toBe('America/Los_Angeles');
    await waitFor(() => expect(zone().value).toBe('America/Los_Angeles'));
  });

  it('refuses a zone that does not exist and saves nothing', async () => {
    await timeZoneSetting.set('America/Chicago');
    await renderCard();
    await waitFor(() => expect(zone().value).toBe('America/Chicago'));
    type('Pacific Standard');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Nothing was saved: correct the marked fields.');
    expect(zone().getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Choose a time zone from the list, like America/Los_Angeles.')).toBeTruthy();
    expect((await timeZoneSetting.get()).value).toBe('America/Chicago');
  });

  it('keeps what was typed before the saved settings were read, and fills the rest from them', async () => {
    await timeZoneSetting.set('America/Chicago');
    await userIdSetting.set('77');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const get = fakeBrowser.storage.local.get.bind(fakeBrowser.storage.local);
    const slow = vi.spyOn(fakeBrowser.storage.local, 'get').mockImplementation(async (...args: Parameters<typeof get>) => {
      await gate;
      return get(...args);
    });
    render(<Card policy={{ problems: [] }} />);
    type('America/Los_Angeles');
    release();
    await screen.findByText(/No token saved|Token saved/, { selector: '#token-state' });
    slow.mockRestore();
    await waitFor(() => expect((screen.getByLabelText('Convoso user ID') as HTMLInputElement).value).toBe('77'));
    expect(zone().value).toBe('America/Los_Angeles');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved.');
    expect((await timeZoneSetting.get()).value).toBe('America/Los_Angeles');
    expect((await userIdSetting.get()).value).toBe('77');
  });

  it('a zone set by policy is shown locked', async () => {
    await renderCard({ problems: [], timeZone: 'America/Denver' });
    expect(zone().value).toBe('America/Denver');
    expect(zone().disabled).toBe(true);
    expect(screen.getByText('Set by your administrator: America/Denver.')).toBeTruthy();
    expect(screen.queryByText(/^Not set:/)).toBeNull();
  });
});
