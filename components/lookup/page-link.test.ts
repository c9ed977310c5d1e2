// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { connectToPage, readToBadge } from './page-link';

describe('what the badge frame accepts from the content script', () => {
  it.each([
    [{ type: 'lead', leadId: '424242' }, { type: 'lead', leadId: '424242' }],
    [{ type: 'lead', leadId: '0042' }, null],
    [{ type: 'lead', leadId: 42 }, null],
    [{ type: 'layout', open: true, side: 'down' }, { type: 'layout', open: true, side: 'down' }],
    [{ type: 'layout', open: 'yes', side: 'down' }, null],
    [{ type: 'layout', open: true, side: 'left' }, null],
    [{ type: 'refetch', extra: 1 }, { type: 'refetch' }],
    [{ type: 'show' }, { type: 'show' }],
    [{ type: 'summary', text: '3 callbacks' }, null],
    ['lead', null],
    [null, null],
  ])('%j -> %j', (data, read) => {
    expect(readToBadge(data)).toEqual(read);
  });
});

describe('connectToPage', () => {
  /** A window whose parent posts a port to it, as the content script does once the frame has loaded. */
  function framed() {
    const parent = {} as Window;
    const win = new EventTarget() as unknown as Window & { parent: Window };
    Object.assign(win, { parent });
    return {
      win,
      hand: (source: unknown, port: MessagePort) => win.dispatchEvent(new MessageEvent('message', { source: source as Window, ports: [port] })),
      parent,
    };
  }

  it('takes the first port from the page around it, sends what waited, and hears what is said', async () => {
    const { win, hand, parent } = framed();
    const link = connectToPage(win);
    link.post({ type: 'open' });
    const heard = vi.fn();
    link.listen(heard);
    const channel = new MessageChannel();
    const got = vi.fn();
    channel.port1.onmessage = (m) => got(m.data);
    hand(parent, channel.port2);
    channel.port1.postMessage({ type: 'lead', leadId: '7' });
    channel.port1.postMessage({ type: 'lead', leadId: 'x' });
    await vi.waitFor(() => expect(got).toHaveBeenCalledWith({ type: 'open' }));
    await vi.waitFor(() => expect(heard).toHaveBeenCalledWith({ type: 'lead', leadId: '7' }));
    expect(heard).toHaveBeenCalledTimes(1);
  });

  it('ignores a port from anywhere else, and any port after the first', async () => {
    const { win, hand, parent } = framed();
    const link = connectToPage(win);
    const stranger = new MessageChannel();
    const strangerGot = vi.fn();
    stranger.port1.onmessage = (m) => strangerGot(m.data);
    hand({}, stranger.port2);
    const real = new MessageChannel();
    hand(parent, real.port2);
    const late = new MessageChannel();
    const lateGot = vi.fn();
    late.port1.onmessage = (m) => lateGot(m.data);
    hand(parent, late.port2);
    const got = vi.fn();
    real.port1.onmessage = (m) => got(m.data);
    link.post({ type: 'hide' });
    await vi.waitFor(() => expect(got).toHaveBeenCalledWith({ type: 'hide' }));
    expect(strangerGot).not.toHaveBeenCalled();
    expect(lateGot).not.toHaveBeenCalled();
  });
});
