import { describe, expect, it, vi } from 'vitest';
import { connectionRoutesFor } from '../../../tests/support/routes';
import { createRouter } from './router';

const OWN = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${OWN}`;
const tab = { id: 1 } as never;
const popup = { id: OWN, url: `${ORIGIN}/popup.html` };
const contentScript = { id: OWN, url: 'https://crm.example.com/lead/5', tab };
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
    'sync-sites': vi.fn(async () => ({ ok: true as const, failures: {} })),
  };
  return { handlers, route: createRouter(connectionRoutesFor(handlers), { id: OWN, origin: ORIGIN }) };
}

describe('router', () => {
  it('dispatches a valid request from an extension page', async () => {
    const { handlers, route } = setup();
    const reply = await route({ type: 'search', query: { lead_id: '42' } }, popup);
    expect(reply).toEqual({ ok: true, page: { offset: 0, limit: 20, total: 0, results: [] } });
    expect(handlers.search).toHaveBeenCalledWith({ type: 'search', query: { lead_id: '42' } }, popup);
  });

  it('lets a content script ask for a lead summary', async () => {
    const { handlers, route } = setup();
    await route({ type: 'lead-summary', leadId: '5' }, contentScript);
    expect(handlers['lead-summary']).toHaveBeenCalledOnce();
  });

  it.each([
    [{ type: 'search', query: {} }],
    [{ type: 'settings-status' }],
    [{ type: 'test-connection', token: 'x' }],
    [{ type: 'sync-sites' }],
  ])('refuses %j from a content script', async (message) => {
    const { handlers, route } = setup();
    const reply = await route(message, contentScript);
    expect(reply).toEqual({ ok: false, error: { kind: 'refused', message: 'A web page may only ask for the callbacks of the lead it shows.' } });
    expect(handlers.search).not.toHaveBeenCalled();
    expect(handlers['settings-status']).not.toHaveBeenCalled();
    expect(handlers['test-connection']).not.toHaveBeenCalled();
    expect(handlers['sync-sites']).not.toHaveBeenCalled();
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

describe('what a content script receives', () => {
  it('gets only the kind and the sentence of an error, never the API excerpt', async () => {
    const { handlers, route } = setup();
    handlers['lead-summary'].mockResolvedValueOnce({
      ok: false,
      error: { kind: 'server', status: 502, excerpt: 'Bad Gateway from lb-7.internal', message: 'Convoso had a problem.' },
    } as never);
    expect(await route({ type: 'lead-summary', leadId: '5' }, contentScript)).toEqual({
      ok: false,
      error: { kind: 'server', message: 'Convoso had a problem.' },
    });
  });

  it('gets each lead of a batch cut down the same way, successes untouched', async () => {
    const { handlers, route } = setup();
    const summary = { leadId: '5' };
    handlers['lead-summaries'].mockResolvedValueOnce({
      ok: true,
      summaries: {
        '5': { ok: true, summary },
        '6': { ok: false, error: { kind: 'param', code: 6001, apiText: 'No record 6', message: 'Not found.' } },
      },
    } as never);
    expect(await route({ type: 'lead-summaries', leadIds: ['5', '6'] }, contentScript)).toEqual({
      ok: true,
      summaries: { '5': { ok: true, summary }, '6': { ok: false, error: { kind: 'param', message: 'Not found.' } } },
    });
  });

  it('leaves replies to extension pages whole', async () => {
    const { handlers, route } = setup();
    const error = { kind: 'server' as const, status: 502, excerpt: 'Bad Gateway', message: 'Convoso had a problem.' };
    handlers['lead-summary'].mockResolvedValueOnce({ ok: false, error } as never);
    expect(await route({ type: 'lead-summary', leadId: '5' }, popup)).toEqual({ ok: false, error });
  });
});
