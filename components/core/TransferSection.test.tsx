import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { installFakeScripting, type FakeScripting } from '../../tests/support/fake-scripting';
import { localTokenSetting, methodSetting } from '../../utils/connection/settings';
import { readSites } from '../../utils/sites/store';
import { transferParts } from '../../entrypoints/options/transfer-parts';
import { TransferSection } from './TransferSection';

// With the parts the options page hands in: the connection's settings, the saved searches, the sites.
const parts = transferParts({ problems: [] });

let fake: FakeScripting;
beforeEach(() => {
  fakeBrowser.reset();
  fake = installFakeScripting();
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function choose(json: unknown, name = 'team.json') {
  const file = new File([typeof json === 'string' ? json : JSON.stringify(json)], name, { type: 'application/json' });
  fireEvent.change(screen.getByLabelText('Import settings'), { target: { files: [file] } });
}

const GOOD = {
  format: 'convoso-callbacks-settings',
  version: 1,
  exportedAt: '2026-11-26T10:00:00.000Z',
  settings: { requestMethod: 'POST' },
  sites: [{ pattern: 'crm.example.com', mode: 'inline', rules: [] }],
};

describe('TransferSection', () => {
  it('exports a file without the token', async () => {
    await localTokenSetting.set('test-token-not-real-0001');
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:fake';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const clicks: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this.download);
    });
    render(<TransferSection parts={parts} />);
    fireEvent.click(screen.getByRole('button', { name: 'Export settings' }));
    await screen.findByText(/^Exported to convoso-callbacks-settings-\d{4}-\d{2}-\d{2}\.json\. The token is not in it\.$/);
    expect(clicks).toHaveLength(1);
    const text = await blobs[0]!.text();
    expect(JSON.parse(text)).toMatchObject({ format: 'convoso-callbacks-settings', version: 1 });
    expect(text).not.toContain('test-token-not-real-0001');
  });

  it('reports what a valid file imports and imports it on confirmation', async () => {
    render(<TransferSection parts={parts} />);
    choose(GOOD);
    await screen.findByText('Importing team.json');
    expect(screen.getByText('Request method').parentElement!.textContent).toBe('Request method: Set to POST.');
    // The outcome is announced, not only drawn.
    expect(document.getElementById('transfer-status')!.textContent).toBe(
      'team.json: 2 items ready to import. Nothing is changed until you confirm.',
    );
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    // A double click asks the browser once.
    fireEvent.click(screen.getByRole('button', { name: 'Import 2 items' }));
    fireEvent.click(screen.getByRole('button', { name: 'Import 2 items' }));
    await screen.findByText('Imported team.json.');
    expect((await methodSetting.get()).value).toBe('POST');
    expect((await readSites()).sites.at(-1)).toMatchObject({ pattern: 'https://crm.example.com/*', mode: 'inline' });
    expect(fake.requests).toEqual([['https://crm.example.com/*']]);
  });

  it('refuses a file with rejected items, saying why, and imports nothing', async () => {
    render(<TransferSection parts={parts} />);
    choose({ ...GOOD, settings: { requestMethod: 'PUT' }, token: 'test-token-not-real-0002' });
    await screen.findByText('Rejected');
    expect(screen.getByText('token').parentElement!.textContent).toBe('token: Tokens are never imported; enter yours on this page.');
    expect(screen.queryByRole('button', { name: /^Import \d/ })).toBeNull();
    expect(document.getElementById('transfer-status')!.textContent).toBe(
      'Nothing was imported from team.json: 1 item rejected, 1 item left out. Correct the rejected items in the file and choose it again.',
    );
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('refuses a file too large to be settings, and lets the user choose again', async () => {
    render(<TransferSection parts={parts} />);
    const input = screen.getByLabelText('Import settings') as HTMLInputElement;
    const file = new File(['x'.repeat(1_000_001)], 'huge.json', { type: 'application/json' });
    // Choosing the same file again only fires "change" when the chooser was cleared.
    let cleared = false;
    Object.defineProperty(input, 'value', { configurable: true, get: () => '', set: (v: string) => (cleared = v === '') });
    fireEvent.change(input, { target: { files: [file] } });
    await screen.findByText('huge.json is too large to be a settings file. Nothing was changed.');
    expect(cleared).toBe(true);
    expect(screen.queryByText(/^Importing/)).toBeNull();
  });

  it('says so for a file that is not JSON', async () => {
    render(<TransferSection parts={parts} />);
    choose('definitely not json', 'notes.txt');
    await screen.findByText('It is not JSON. Choose a file made by “Export settings”.', { exact: false });
  });
});

describe('TransferSection and unreadable settings (issue 20.8)', () => {
  it('exports what can be read and says what was left out', async () => {
    await fakeBrowser.storage.local.set({ requestMethod: 'PUT' });
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => (blobs.push(blob as Blob), 'blob:fake'));
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    render(<TransferSection parts={parts} />);
    fireEvent.click(screen.getByRole('button', { name: 'Export settings' }));
    await screen.findByText(/Left out, because it could not be read: The request method was stored in an unreadable form; using the default\.$/);
    expect(JSON.parse(await blobs[0]!.text()).settings).not.toHaveProperty('requestMethod');
  });
});
