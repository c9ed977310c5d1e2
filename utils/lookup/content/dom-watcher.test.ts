// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchDom } from './dom-watcher';

// MutationObserver delivers in a microtask; let it, then move the fake clock.
const settle = () => new Promise<void>((resolve) => queueMicrotask(resolve));

describe('watchDom', () => {
  let host: HTMLElement;
  beforeEach(() => {
    vi.useFakeTimers();
    document.body.innerHTML = '<main id="app"></main>';
    host = document.createElement('convoso-callbacks');
  });
  // Like the content script's isOurNode: the host itself and anything inside it.
  const isOurs = (node: Node) => host.contains(node);
  afterEach(() => vi.useRealTimers());

  it('calls onChange once per burst of page changes, 150 ms after the last', async () => {
    const onChange = vi.fn();
    const stop = watchDom(document.body, { onChange, isOurs });
    const app = document.getElementById('app')!;
    for (let i = 0; i < 20; i++) {
      app.append(document.createElement('div'));
      await settle();
      vi.advanceTimersByTime(10);
    }
    expect(onChange).not.toHaveBeenCalled();
    vi.advanceTimersByTime(150);
    expect(onChange).toHaveBeenCalledTimes(1);
    stop();
  });

  it('ignores our own host being added and changes inside it', async () => {
    const onChange = vi.fn();
    const stop = watchDom(document.body, { onChange, isOurs });
    document.body.append(host);
    await settle();
    host.setAttribute('data-state', 'open');
    host.append(document.createElement('span'));
    await settle();
    vi.advanceTimersByTime(1000);
    expect(onChange).not.toHaveBeenCalled();

    document.getElementById('app')!.setAttribute('data-lead-id', '5');
    await settle();
    vi.advanceTimersByTime(150);
    expect(onChange).toHaveBeenCalledTimes(1);
    stop();
  });

  it('stops after the returned function is called', async () => {
    const onChange = vi.fn();
    const stop = watchDom(document.body, { onChange, isOurs: () => false });
    document.getElementById('app')!.textContent = 'changed';
    await settle();
    stop();
    vi.advanceTimersByTime(1000);
    document.getElementById('app')!.textContent = 'again';
    await settle();
    vi.advanceTimersByTime(1000);
    expect(onChange).not.toHaveBeenCalled();
  });
});
