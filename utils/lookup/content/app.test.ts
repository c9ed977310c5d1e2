// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { quietFrameLoading } from '../../../tests/support/quiet-frames';
import { stubBackground, type BackgroundStub } from '../../../tests/support/send-stub';
import { startLeadBadge } from './app';
import { ContentScriptContext } from './context';

const STARTED = Symbol.for('convoso-callbacks/content-script');
let background: BackgroundStub;
const contexts: ContentScriptContext[] = [];
const start = () => {
  const ctx = new ContentScriptContext();
  contexts.push(ctx);
  startLeadBadge(ctx);
};

beforeEach(() => {
  fakeBrowser.reset();
  quietFrameLoading();
  background = vi.fn(async (request) =>
    request.type === 'site-config' ? { ok: true, config: { mode: 'badge', rules: [] }, position: { right: 16, bottom: 16 } } : { ok: true },
  );
  stubBackground(background);
  history.replaceState(null, '', '/crm/lead.html?lead_id=424242');
});
afterEach(() => {
  for (const ctx of contexts.splice(0)) ctx.invalidate();
  delete (globalThis as unknown as Record<symbol, unknown>)[STARTED];
  document.documentElement.querySelectorAll('convoso-callbacks').forEach((el) => el.remove());
  vi.restoreAllMocks();
});

describe('the content script’s start', () => {
  it('tells the background of the lead the address names at once, and asks for its page’s configuration', async () => {
    start();
    expect(background).toHaveBeenCalledWith({ type: 'page-lead', leadId: '424242' });
    expect(background).toHaveBeenCalledWith({ type: 'site-config' });
  });

  it('runs once when the same file is injected twice, marking its own world only (no page-visible global)', async () => {
    const before = Object.keys(window);
    start();
    start();
    expect(background.mock.calls.filter(([r]) => r.type === 'site-config')).toHaveLength(1);
    expect(Object.keys(window).filter((k) => !before.includes(k))).toEqual([]);
    expect(Object.keys(window).some((k) => k.startsWith('__convoso'))).toBe(false);
  });
});
