import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { DEMO_TOKEN, FIXTURE_LEADS } from '../../mock-api/server';
import { currentBrowser, launchExtension, type ExtensionSession } from '../harness';

// Foundation: an extension page asks the background to search; only the
// background talks to the API, and what it sends is exactly what the spec wants.
// Written once, run in Chromium and in Firefox.

let ext: ExtensionSession | undefined;
afterEach(async () => {
  await ext?.close();
  ext = undefined;
});

// `browser` in Firefox's pages, `chrome` (promise-based in MV3) in Chromium's.
const ask = (page: Page, message: unknown) =>
  page.evaluate((m) => {
    const g = globalThis as unknown as { browser?: any; chrome: any };
    return (g.browser ?? g.chrome).runtime.sendMessage(m);
  }, message);

describe(`background search service in a real ${await currentBrowser()}`, () => {
  it('sends exactly the expected GET request and answers with the normalised page', async () => {
    ext = await launchExtension();
    const page = await ext.openPage('options.html');
    const reply = await ask(page, { type: 'search', query: { lead_id: ` ${FIXTURE_LEADS.withCallbacks} `, comments: '' } });

    expect(ext.api.requests).toHaveLength(1);
    const [request] = ext.api.requests;
    expect(request!.method).toBe('GET');
    expect(request!.path).toBe('/v1/callbacks/search');
    expect(request!.query).toEqual({ auth_token: DEMO_TOKEN, lead_id: FIXTURE_LEADS.withCallbacks, offset: '0', limit: '20' });
    expect(reply).toMatchObject({ ok: true, page: { offset: 0, limit: 20, total: 3 } });
    expect((reply as { page: { results: { leadId: string }[] } }).page.results.map((r) => r.leadId)).toEqual([
      FIXTURE_LEADS.withCallbacks,
      FIXTURE_LEADS.withCallbacks,
      FIXTURE_LEADS.withCallbacks,
    ]);
  });

  it('keeps the token out of the URL with POST', async () => {
    ext = await launchExtension({ method: 'POST', pageSize: 50 });
    const page = await ext.openPage('options.html');
    const reply = await ask(page, { type: 'search', query: { stage: 'pastdue', recipient: 'personal' } });

    const [request] = ext.api.requests;
    expect(request!.method).toBe('POST');
    expect(request!.query).toEqual({});
    expect(request!.headers['content-type']).toContain('application/x-www-form-urlencoded');
    expect(request!.body).toEqual({ auth_token: DEMO_TOKEN, recipient: 'Personal', stage: 'PASTDUE', offset: '0', limit: '50' });
    expect(reply).toMatchObject({ ok: true, page: { limit: 50 } });
  });

  it('sends nothing for an invalid query and names the field', async () => {
    ext = await launchExtension();
    const page = await ext.openPage('options.html');
    const reply = await ask(page, { type: 'search', query: { start_date: '2025-02-30' } });
    expect(reply).toMatchObject({ ok: false, error: { kind: 'invalid-query', field: 'start_date' } });
    expect(ext.api.requests).toHaveLength(0);
  });

  it('answers a rejected token with the typed error, without the token in it', async () => {
    const wrong = 'wrong-token-not-real-9999';
    ext = await launchExtension({ token: wrong });
    const page = await ext.openPage('options.html');
    const reply = await ask(page, { type: 'search', query: {} });

    expect(ext.api.requests[0]!.query.auth_token).toBe(wrong);
    expect(reply).toMatchObject({ ok: false, error: { kind: 'auth' } });
    expect(JSON.stringify(reply)).not.toContain(wrong);
  });

  it('answers no-token and sends nothing before the extension is set up', async () => {
    ext = await launchExtension({ token: null });
    const page = await ext.openPage('options.html');
    expect(await ask(page, { type: 'search', query: {} })).toMatchObject({ ok: false, error: { kind: 'no-token' } });
    expect(await ask(page, { type: 'settings-status' })).toMatchObject({ ok: true, status: { hasToken: false, tokenHint: '' } });
    expect(ext.api.requests).toHaveLength(0);
  });

  it('refuses a malformed message', async () => {
    ext = await launchExtension();
    const page = await ext.openPage('options.html');
    expect(await ask(page, { type: 'search', query: { auth_token: 'x' } })).toMatchObject({ ok: false, error: { kind: 'refused' } });
    expect(ext.api.requests).toHaveLength(0);
  });
});
