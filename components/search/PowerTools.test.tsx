import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { normalizeCallback } from '../../utils/core/api/normalize';
import type { Request } from '../../tests/support/send-stub';
import { EMPTY_FORM } from '../../utils/search/form-state';
import { CopyButton, detailsText } from './CopyButton';
import { ExportButton } from './ExportButton';

beforeEach(() => fakeBrowser.reset());
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const callback = (id: number) => normalizeCallback({ id: String(id), lead_id: '42', comments: id === 2 ? '=1+1' : 'fine' });

/** The background's search, answering `total` callbacks in pages; each answer waits for `release()` when gated. */
function fakeSearch(total: number, gated = false) {
  const asked: Request[] = [];
  const cancels: Request[] = [];
  const gates: (() => void)[] = [];
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (message: Request) => {
    if (message.type === 'cancel-search') {
      cancels.push(message);
      return { ok: true, cancelled: 1 };
    }
    asked.push(message);
    if (message.type !== 'search') throw new Error('unexpected');
    if (gated) await new Promise<void>((r) => gates.push(r));
    const offset = Number(message.query.offset);
    const limit = Number(message.query.limit);
    const results = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => callback(offset + i + 1));
    return { ok: true, page: { offset, limit, total, results } };
  }) as never);
  return { asked, cancels, release: () => gates.shift()?.() };
}

/** What the page hands the browser to download: the blob behind the link and its file name. */
function captureDownloads(): Mock<(blob: Blob, name: string) => void> {
  const blobs = new Map<string, Blob>();
  let n = 0;
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    const url = `blob:test/${++n}`;
    blobs.set(url, blob as Blob);
    return url;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  const save = vi.fn<(blob: Blob, name: string) => void>();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    save(blobs.get(this.href)!, this.download);
  });
  return save;
}

describe('ExportButton in the tab view', () => {
  it('shows progress, then saves one CSV file with the BOM, the header and neutralised cells', async () => {
    const { asked, release } = fakeSearch(1500, true);
    const save = captureDownloads();
    render(<ExportButton layout="tab" form={{ ...EMPTY_FORM, stage: 'PENDING' }} locale="en-US" />);
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(asked).toHaveLength(1));
    expect(asked[0]).toEqual({ type: 'search', purpose: 'export', query: { stage: 'PENDING', offset: 0, limit: 1000 } });
    release();
    await screen.findByText('Exporting… 1,000 of 1,500 callbacks');
    expect(screen.getByRole('progressbar')).toBeTruthy();
    release();
    await screen.findByText('Exported 1,500 callbacks.');
    expect(save).toHaveBeenCalledTimes(1);
    const [blob, name] = save.mock.calls[0]!;
    expect(name).toMatch(/^callbacks-.*\.csv$/);
    const bytes = new Uint8Array(await blob.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.split('\r\n')).toHaveLength(1 + 1500 + 1);
    expect(text).toContain(",'=1+1,");
  });

  it('Cancel stops paging, drops the page waiting in the background, and saves nothing', async () => {
    const { asked, cancels, release } = fakeSearch(5000, true);
    const save = captureDownloads();
    render(<ExportButton layout="tab" form={{ ...EMPTY_FORM }} locale="en-US" />);
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    release();
    await screen.findByText('Exporting… 1,000 of 5,000 callbacks');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel export' }));
    await screen.findByText('Export cancelled; nothing was saved.');
    expect(cancels).toEqual([{ type: 'cancel-search', purpose: 'export' }]);
    release();
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(asked).toHaveLength(2);
    expect(save).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Export CSV' })).toBeTruthy();
  });

  it('the popup hands the export to a tab with the same filters', async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    const close = vi.spyOn(window, 'close').mockImplementation(() => undefined);
    render(<ExportButton layout="popup" form={{ ...EMPTY_FORM, user_id: '7' }} locale="en-US" />);
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(create).toHaveBeenCalledWith({ url: 'chrome-extension://test-extension-id/search.html?user_id=7&export=1' }));
    expect(close).toHaveBeenCalled();
  });
});

describe('ExportButton when the list holds every match', () => {
  it.each(['popup', 'tab'] as const)('in the %s, writes the file from the list as shown, with no request', async (layout) => {
    const { asked } = fakeSearch(0);
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    const save = captureDownloads();
    render(<ExportButton layout={layout} form={{ ...EMPTY_FORM }} held={() => [callback(3), callback(1)]} locale="en-US" />);
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await screen.findByText('Exported 2 callbacks.');
    const bytes = new Uint8Array(await save.mock.calls[0]![0].arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes).split('\r\n').map((line) => line.split(',')[0])).toEqual(['Callback ID', '3', '1', '']);
    expect(asked).toEqual([]);
    expect(create).not.toHaveBeenCalled();
  });
});

describe('CopyButton', () => {
  it('copies the text and says so', async () => {
    const write = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: write }, configurable: true });
    render(<CopyButton text="424242" label="Copy" of="lead ID 424242" />);
    fireEvent.click(screen.getByRole('button', { name: 'Copy lead ID 424242' }));
    await screen.findByText('Copied');
    expect(write).toHaveBeenCalledWith('424242');
  });

  it('writes details one field a line', () => {
    expect(detailsText({ id: '1', lead_id: '42', comments: '', extra: { a: 1 } })).toBe('id: 1\nlead_id: 42\ncomments: \nextra: {"a":1}');
  });
});
