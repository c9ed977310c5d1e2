// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { watchLocation } from './location-watcher';

let ctx: ContentScriptContext;
beforeEach(() => {
  fakeBrowser.reset();
  vi.useFakeTimers();
  history.replaceState(null, '', '/crm/spa.html?lead_id=1');
  ctx = new ContentScriptContext('content');
});
afterEach(() => {
  ctx.notifyInvalidated();
  vi.useRealTimers();
});

describe('watchLocation', () => {
  it('reports pushState (found by the poll) once, with the new href', () => {
    const onChange = vi.fn();
    watchLocation(ctx, { onChange, pollMs: 250 });
    history.pushState(null, '', '/crm/spa.html?lead_id=2');
    vi.advanceTimersByTime(250);
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenCalledWith(expect.stringContaining('lead_id=2'));
    vi.advanceTimersByTime(5000);
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('hears WXT’s own location-change event (dispatched under its prefixed name) before its own poll would', () => {
    const onChange = vi.fn();
    watchLocation(ctx, { onChange, pollMs: 60_000 });
    history.pushState(null, '', '/crm/spa.html?lead_id=3');
    // Without the Navigation API (happy-dom), WXT's watcher compares the address every second.
    vi.advanceTimersByTime(1001);
    expect(onChange).toHaveBeenCalledWith(expect.stringContaining('lead_id=3'));
  });

  it('polls by default only without the Navigation API (with it, every same-document change is announced)', () => {
    const interval = vi.spyOn(ctx, 'setInterval');
    // WXT's own watcher (started by the first subscription) polls every second without the API; ours every 250 ms.
    const ours = () => interval.mock.calls.filter(([, ms]) => ms === 250).length;
    watchLocation(ctx, { onChange: vi.fn() });
    expect(ours()).toBe(1);
    interval.mockClear();
    vi.stubGlobal('navigation', new EventTarget());
    try {
      watchLocation(ctx, { onChange: vi.fn() });
      expect(ours()).toBe(0);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('reacts to popstate without waiting for the poll', () => {
    const onChange = vi.fn();
    watchLocation(ctx, { onChange, pollMs: 60_000 });
    history.pushState(null, '', '/crm/spa.html?lead_id=4');
    window.dispatchEvent(new PopStateEvent('popstate'));
    vi.advanceTimersByTime(1);
    expect(onChange).toHaveBeenLastCalledWith(expect.stringContaining('lead_id=4'));
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('says nothing when an event fires but the URL did not change, and nothing once the context is invalidated', () => {
    const onChange = vi.fn();
    watchLocation(ctx, { onChange, pollMs: 100 });
    window.dispatchEvent(new PopStateEvent('popstate'));
    vi.advanceTimersByTime(500);
    expect(onChange).not.toHaveBeenCalled();
    ctx.notifyInvalidated();
    history.pushState(null, '', '/crm/spa.html?lead_id=9');
    window.dispatchEvent(new PopStateEvent('popstate'));
    vi.advanceTimersByTime(5000);
    expect(onChange).not.toHaveBeenCalled();
  });
});
