import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { testConvoso } from '../../../tests/support/convoso';
import type { Route } from '../../core/messaging/router';
import type { SiteConfig } from '../../sites/sites-messages';
import { startLookup, withTrafficPolicy } from './start-lookup';

const inline: SiteConfig = { mode: 'inline', rules: [] };
const page = { id: 'x', url: 'https://list.example.com/leads', tab: { id: 5 } } as never;
const handler = (routes: Route[], type: string) => routes.find((r) => r.message.type === type)!.handle;

beforeEach(() => fakeBrowser.reset());

describe('the administrator’s traffic policy in the lookup', () => {
  it('a site set to inline chips shows the badge while the policy does not allow chips', () => {
    expect(withTrafficPolicy(inline, { allowInlineChips: false, problems: [] })).toEqual({ mode: 'badge', rules: [] });
    expect(withTrafficPolicy(inline, { problems: [] })).toEqual(inline);
    expect(withTrafficPolicy({ mode: 'off', rules: [] }, { allowInlineChips: false, problems: [] })).toEqual({ mode: 'off', rules: [] });
  });

  it('the page learns it, and its list questions get the badge’s budget', async () => {
    await fakeBrowser.storage.managed.set({ allowInlineChips: false });
    const routes = startLookup({ convoso: testConvoso(), configFor: async () => inline, watchConnection: () => () => undefined });
    expect(await handler(routes, 'site-config')({ type: 'site-config' } as never, page)).toMatchObject({ ok: true, config: { mode: 'badge' } });
    const leadIds = Array.from({ length: 30 }, (_, i) => String(100 + i));
    const reply = (await handler(routes, 'lead-summaries')({ type: 'lead-summaries', leadIds } as never, page)) as { summaries: Record<string, { ok: boolean; error?: { kind: string } }> };
    expect(Object.values(reply.summaries).filter((r) => r.error?.kind === 'paused')).toHaveLength(20);
  });

  it('keeps the badge’s answer for the policy’s lead cache minutes', async () => {
    await fakeBrowser.storage.managed.set({ leadCacheMinutes: 1 });
    vi.useFakeTimers({ now: Date.UTC(2026, 2, 2, 15), toFake: ['Date'] });
    try {
      const convoso = testConvoso();
      const searched = vi.spyOn(convoso, 'searchCached').mockResolvedValue({ ok: true, page: { offset: 0, limit: 100, total: 0, results: [] } });
      const routes = startLookup({ convoso, configFor: async () => ({ mode: 'badge', rules: [] }), watchConnection: () => () => undefined });
      const ask = () => handler(routes, 'lead-summary')({ type: 'lead-summary', leadId: '42' } as never, { id: 'x', url: 'https://crm.example.com/', tab: { id: 6 } } as never);
      await ask();
      vi.setSystemTime(Date.now() + 61_000);
      expect(await ask()).toMatchObject({ ok: true, refreshing: true });
      expect(searched).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
