// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchLocation } from './location-watcher';

describe('watchLocation', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    history.replaceState(null, '', '/crm/spa.html?lead_id=1');
  });
  afterEach(() => vi.useRealTimers());

  it('reports pushState (found by the poll) once, with the new href', () => {
    const onChange = vi.fn();
    const stop = watchLocation({ onChange, pollMs: 250 });
    history.pushState(null, '', '/crm/spa.html?lead_id=2');
    vi.advanceTimersByTime(250);
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenCalledWith(expect.stringContaining('lead_id=2'));
    vi.advanceTimersByTime(5000);
    expect(onChange).toHaveBeenCalledTimes(1);
    stop();
  });

  it('reacts to popstate and wxt:locationchange without waiting for the poll', () => {
    const onChange = vi.fn();
    const stop = watchLocation({ onChange, pollMs: 60_000 });
    history.pushState(null, '', '/crm/spa.html?lead_id=3');
    window.dispatchEvent(new Event('wxt:locationchange'));
    vi.advanceTimersByTime(1);
    expect(onChange).toHaveBeenLastCalledWith(expect.stringContaining('lead_id=3'));
    history.pushState(null, '', '/crm/spa.html?lead_id=4');
    window.dispatchEvent(new PopStateEvent('popstate'));
    vi.advanceTimersByTime(1);
    expect(onChange).toHaveBeenLastCalledWith(expect.stringContaining('lead_id=4'));
    expect(onChange).toHaveBeenCalledTimes(2);
    stop();
  });

  it('says nothing when an event fires but the URL did not change, and nothing after stop', () => {
    const onChange = vi.fn();
    const stop = watchLocation({ onChange, pollMs: 100 });
    window.dispatchEvent(new PopStateEvent('popstate'));
    vi.advanceTimersByTime(500);
    expect(onChange).not.toHaveBeenCalled();
    stop();
    history.pushState(null, '', '/crm/spa.html?lead_id=9');
    window.dispatchEvent(new PopStateEvent('popstate'));
    vi.advanceTimersByTime(500);
    expect(onChange).not.toHaveBeenCalled();
  });
});
