import { describe, expect, it, vi } from 'vitest';
import { connectionRoutesFor } from '../../../tests/support/routes';
import { PAGE_SENTENCES, createRouter, forPage } from './router';

const OWN = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${OWN}`;
const tab = { id: 1, url: 'https://crm.example.com/lead/5' } as never;
const popup = { id: OWN, url: `${ORIGIN}/popup.html` };
const contentScript = { id: OWN, url: 'https://crm.example.com/lead/5', tab };
const badgeFrame = { id: OWN, url: `${ORIGIN}/badge.html#5`, tab, frameId: 3 };
const stranger = { id: 'someone-else', url: 'https://evil.example.com/', tab };

function setup() {
  const handlers = {
    search: vi.fn(async () => ({ ok: true as const, page: { offset: 0, limit: 20, total: 0, results: [] } })),
    'settings-status': vi.fn(async () => ({ ok: false as const, error: { kind: 'internal' as const, message: 'x' } })),
    'test-connection': vi.fn(async () => ({ ok: true as const, total: 5 })),
    'lead-summary': vi.fn(async () => ({ ok: false as const, error: { kind: 'no-token' as const, message: 'set up' } })),
    'lead-summaries': vi.fn(async () => ({ ok: true as const, summaries: {} })),
    'open-options': vi.fn(async () => ({ ok: true as const })),
    'open-search-tab': vi.fn(async () => ({ ok: true as const })),
    'site-config': vi.fn(async () => ({ ok: true as const, config: { mode: 'badge' as const, rules: [] }, position: { right: 16, bottom: 16 } })),
    'save-badge-position': vi.fn(async () => ({ ok: true as const })),
    'page-lead': vi.fn(async () => ({ ok: true as const })),
    'sync-sites': vi.fn(async () => ({ ok: true as const, failures: {} })),
  };
  return { handlers, route: createRouter(connectionRoutesFor(handlers), { id: OWN, origin: ORIGIN, frames: ['/badge.html', '/chip.html'] }) };
}

describe('router', () => {
  it('dispatches a valid request from an extension page', async () => {
    const { handlers, route } = setup();
    const reply = await route({ type: 'search', query: { lead_id: '42' } }, popup);
    expect(reply).toEqual({ ok: true, page: { offset: 0, limit: 20, total: 0, results: [] } });
    expect(handlers.search).toHaveBeenCalledWith({ type: 'search', query: { lead_id: '42' } }, popup);
  });

  it('lets a content script name its page’s lead, and answers no more than that it heard', async () => {
    const { handlers, route } = setup();
    expect(await route({ type: 'page-lead', leadId: '5' }, contentScript)).toEqual({ ok: true });
    expect(handlers['page-lead']).toHaveBeenCalledOnce();
  });

  it.each([
    [{ type: 'search', query: {} }],
    [{ type: 'settings-status' }],
    [{ type: 'test-connection', token: 'x' }],
    [{ type: 'sync-sites' }],
    // What the badge says is the badge frame's to ask for, never the page's process.
    [{ type: 'lead-summary', leadId: '5' }],
    [{ type: 'lead-summaries', leadIds: ['5'] }],
    [{ type: 'open-search-tab', leadId: '5' }],
    [{ type: 'open-options' }],
  ])('refuses %j from a content script', async (message) => {
    const { handlers, route } = setup();
    const reply = await route(message, contentScript);
    expect(reply).toEqual({ ok: false, error: { kind: 'refused', message: 'A web page may only ask for the callbacks of the lead it shows.' } });
    expect(handlers.search).not.toHaveBeenCalled();
    expect(handlers['settings-status']).not.toHaveBeenCalled();
    expect(handlers['test-connection']).not.toHaveBeenCalled();
    expect(handlers['sync-sites']).not.toHaveBeenCalled();
    expect(handlers['lead-summary']).not.toHaveBeenCalled();
  });

  it('answers the badge’s frame for its tab: the handler sees the tab’s web page as the sender', async () => {
    const { handlers, route } = setup();
    await route({ type: 'lead-summary', leadId: '5' }, badgeFrame);
    expect(handlers['lead-summary']).toHaveBeenCalledWith({ type: 'lead-summary', leadId: '5' }, { ...badgeFrame, url: 'https://crm.example.com/lead/5' });
    await route({ type: 'open-search-tab', leadId: '5' }, badgeFrame);
    expect(handlers['open-search-tab']).toHaveBeenCalledOnce();
  });

  it.each([
    [{ type: 'search', query: {} }],
    [{ type: 'settings-status' }],
    [{ type: 'site-config' }],
    [{ type: 'save-badge-position', right: 1, bottom: 1 }],
    [{ type: 'page-lead', leadId: '5' }],
  ])('refuses %j from the badge’s frame', async (message) => {
    const { route } = setup();
    expect(await route(message, badgeFrame)).toMatchObject({ ok: false, error: { kind: 'refused' } });
  });

  it('refuses the badge’s page opened as a tab of its own (a page could open it to get around its budgets)', async () => {
    const { handlers, route } = setup();
    expect(await route({ type: 'lead-summary', leadId: '5' }, { ...badgeFrame, frameId: 0 })).toMatchObject({ ok: false, error: { kind: 'refused' } });
    expect(handlers['lead-summary']).not.toHaveBeenCalled();
  });

  it('lets a content script ask for its own configuration and save its badge position', async () => {
    const { handlers, route } = setup();
    expect(await route({ type: 'site-config' }, contentScript)).toMatchObject({ ok: true, config: { mode: 'badge' } });
    expect(await route({ type: 'save-badge-position', right: 20, bottom: 30 }, contentScript)).toEqual({ ok: true });
    expect(handlers['save-badge-position']).toHaveBeenCalledWith({ type: 'save-badge-position', right: 20, bottom: 30 }, contentScript);
  });

  it('refuses everything from an unknown sender, even a valid request', async () => {
    const { handlers, route } = setup();
    const reply = await route({ type: 'lead-summary', leadId: '5' }, stranger);
    expect(reply).toMatchObject({ ok: false, error: { kind: 'refused' } });
    expect(handlers['lead-summary']).not.toHaveBeenCalled();
  });

  it.each([
    ['not an object', 'search'],
    ['null', null],
    ['an unknown type', { type: 'delete-everything' }],
    ['an extra field', { type: 'settings-status', token: 'x' }],
    ['a bad lead id', { type: 'lead-summary', leadId: '0' }],
    ['a lead id that is not digits', { type: 'lead-summary', leadId: '12<script>' }],
    ['a query with an unknown filter', { type: 'search', query: { auth_token: 'steal' } }],
    ['a query with a non-string filter', { type: 'search', query: { lead_id: 42 } }],
    ['too many leads', { type: 'lead-summaries', leadIds: Array.from({ length: 201 }, (_, i) => String(i + 1)) }],
    ['a site-config naming a page', { type: 'site-config', url: 'https://other.example/' }],
    ['a badge position off any screen', { type: 'save-badge-position', right: 1e9, bottom: 0 }],
    ['a badge position that is not a number', { type: 'save-badge-position', right: '1', bottom: 0 }],
    ['a badge position for another origin', { type: 'save-badge-position', right: 1, bottom: 1, origin: 'https://other.example' }],
  ])('refuses a malformed message: %s', async (_name, message) => {
    const { route } = setup();
    expect(await route(message, popup)).toEqual({
      ok: false,
      error: { kind: 'refused', message: 'The extension received a request it does not understand.' },
    });
  });

  it('turns a thrown handler into an internal error that quotes nothing', async () => {
    const { handlers, route } = setup();
    handlers.search.mockRejectedValueOnce(new Error('GET https://api/x?auth_token=secret-token failed'));
    const reply = await route({ type: 'search', query: {} }, popup);
    expect(reply).toEqual({ ok: false, error: { kind: 'internal', message: 'Something went wrong inside the extension. Try again.' } });
    expect(JSON.stringify(reply)).not.toContain('secret-token');
  });
});

describe('what a content script receives (issue 20, item 7)', () => {
  it('gets a fixed sentence for the error’s kind, never the handler’s (which may quote Convoso)', async () => {
    const { handlers, route } = setup();
    handlers['site-config'].mockResolvedValueOnce({
      ok: false,
      error: { kind: 'api', apiText: 'Internal: lead 4242 owner Dana', message: 'Convoso said: Internal: lead 4242 owner Dana' },
    } as never);
    const reply = await route({ type: 'site-config' }, contentScript);
    expect(reply).toEqual({ ok: false, error: { kind: 'api', message: PAGE_SENTENCES.api } });
    expect(JSON.stringify(reply)).not.toMatch(/4242|Dana|Internal/);
  });

  it('gets every error of a batch the same way, successes untouched', () => {
    const summary = { leadId: '5' };
    expect(
      forPage({
        ok: true,
        summaries: {
          '5': { ok: true, summary },
          '6': { ok: false, error: { kind: 'server', status: 502, excerpt: 'Bad Gateway from lb-7.internal', message: 'Convoso had a problem (502 from lb-7).' } },
        },
      }),
    ).toEqual({ ok: true, summaries: { '5': { ok: true, summary }, '6': { ok: false, error: { kind: 'server', message: 'Convoso had a problem.' } } } });
  });

  it('has a sentence for every kind, none of them empty', () => {
    for (const sentence of Object.values(PAGE_SENTENCES)) expect(sentence).toMatch(/^[A-Z].+\.$/);
  });
});

describe('what the badge’s frame receives', () => {
  it('gets the error’s kind and its sentence, for the agent to read, but no excerpt or code', async () => {
    const { handlers, route } = setup();
    handlers['lead-summaries'].mockResolvedValueOnce({
      ok: true,
      summaries: { '6': { ok: false, error: { kind: 'param', code: 6001, apiText: 'No record 6', message: 'Not found.' } } },
    } as never);
    expect(await route({ type: 'lead-summaries', leadIds: ['6'] }, { ...badgeFrame, url: `${ORIGIN}/chip.html#6` })).toEqual({
      ok: true,
      summaries: { '6': { ok: false, error: { kind: 'param', message: 'Not found.' } } },
    });
  });

  it('leaves replies to extension pages whole', async () => {
    const { handlers, route } = setup();
    const error = { kind: 'server' as const, status: 502, excerpt: 'Bad Gateway', message: 'Convoso had a problem.' };
    handlers['lead-summary'].mockResolvedValueOnce({ ok: false, error } as never);
    expect(await route({ type: 'lead-summary', leadId: '5' }, popup)).toEqual({ ok: false, error });
  });
});
