// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from './context';

beforeEach(() => {
  fakeBrowser.reset();
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('the content script’s context (issue 20, item 6)', () => {
  it('starts without telling the page anything: no event on the document or window, no window message', () => {
    const onDocument = vi.spyOn(document, 'dispatchEvent');
    const onWindow = vi.spyOn(window, 'dispatchEvent');
    const posted = vi.spyOn(window, 'postMessage');
    const listened = vi.spyOn(document, 'addEventListener');
    new ContentScriptContext('content', {});
    expect(onDocument).not.toHaveBeenCalled();
    expect(onWindow).not.toHaveBeenCalled();
    expect(posted).not.toHaveBeenCalled();
    // Nothing a page could send stops it, either: it listens to nothing of the page's.
    expect(listened).not.toHaveBeenCalled();
  });

  it('a page dispatching WXT’s start event does not stop it', () => {
    const ctx = new ContentScriptContext('content', {});
    document.dispatchEvent(new CustomEvent(`${fakeBrowser.runtime.id}:content:wxt:content-script-started`, { detail: { contentScriptName: 'content', messageId: 'x' } }));
    expect(ctx.isInvalid).toBe(false);
  });

  it('ties timers and listeners to itself, and drops them all when invalidated', () => {
    const ctx = new ContentScriptContext();
    const tick = vi.fn();
    const later = vi.fn();
    const heard = vi.fn();
    ctx.setInterval(tick, 100);
    ctx.setTimeout(later, 500);
    ctx.addEventListener(window, 'resize', heard);
    vi.advanceTimersByTime(250);
    window.dispatchEvent(new Event('resize'));
    expect([tick.mock.calls.length, later.mock.calls.length, heard.mock.calls.length]).toEqual([2, 0, 1]);
    const gone = vi.fn();
    ctx.onInvalidated(gone);
    ctx.invalidate();
    vi.advanceTimersByTime(1000);
    window.dispatchEvent(new Event('resize'));
    expect([tick.mock.calls.length, later.mock.calls.length, heard.mock.calls.length, gone.mock.calls.length]).toEqual([2, 0, 1, 1]);
  });

  it('is invalid once the extension is gone (updated, reloaded: its runtime has no id)', () => {
    const ctx = new ContentScriptContext();
    expect(ctx.isInvalid).toBe(false);
    vi.spyOn(fakeBrowser.runtime, 'id', 'get').mockReturnValue(undefined as unknown as string);
    expect(ctx.isInvalid).toBe(true);
  });
});
