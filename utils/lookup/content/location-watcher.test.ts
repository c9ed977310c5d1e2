// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from './context';
import { watchLocation } from './location-watcher';

let ctx: ContentScriptContext;
beforeEach(() => {
  fakeBrowser.reset();
  vi.useFakeTimers();
  history.replaceState(null, '', '/crm/spa.html?lead_id=1');
  ctx = new ContentScriptContext('content');
});
afterEach(() => {
  ctx.invalidate();
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

  it('hears the Navigation API’s change of entry at once, and dispatches nothing a page could hear (issue 20, item 6)', () => {
    const navigation = new EventTarget();
    vi.stubGlobal('navigation', navigation);
    const dispatched = vi.spyOn(window, 'dispatchEvent');
    const onDocument = vi.spyOn(document, 'dispatchEvent');
    try {
      const onChange = vi.fn();
      watchLocation(ctx, { onChange });
      history.pushState(null, '', '/crm/spa.html?lead_id=3');
      navigation.dispatchEvent(new Event('currententrychange'));
      vi.advanceTimersByTime(1);
      expect(onChange).toHaveBeenCalledWith(expect.stringContaining('lead_id=3'));
      expect(dispatched).not.toHaveBeenCalled();
      expect(onDocument).not.toHaveBeenCalled();
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('polls by default only without the Navigation API (with it, every same-document change is announced)', () => {
    const interval = vi.spyOn(ctx, 'setInterval');
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
    ctx.invalidate();
    history.pushState(null, '', '/crm/spa.html?lead_id=9');
    window.dispatchEvent(new PopStateEvent('popstate'));
    vi.advanceTimersByTime(5000);
    expect(onChange).not.toHaveBeenCalled();
  });
});
