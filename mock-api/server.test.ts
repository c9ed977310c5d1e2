import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { answerShape } from './answer-shapes';
import { DEMO_TOKEN, startMockApi, type MockApi } from './server';
import { FIXTURE_LEADS, TABLE_LEAD_IDS, FIXTURE_LEAD_LIST } from './fixtures';
import { PAGES_DIR } from './static-pages';

const TOKEN = 'test-token-not-real-0001';
let api: MockApi;

beforeAll(async () => {
  api = await startMockApi({ port: 0, tokens: [TOKEN, DEMO_TOKEN], seed: 7, now: new Date(2025, 5, 3, 14, 30) });
});
afterAll(() => api.close());
beforeEach(() => {
  api.resetFaults();
  api.clearRequests();
});

const search = (params: Record<string, string>): Promise<Response> =>
  fetch(`${api.apiBase}/callbacks/search?${new URLSearchParams(params)}`);
const post = (params: Record<string, string>): Promise<Response> =>
  fetch(`${api.apiBase}/callbacks/search`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params),
  });
const control = (method: string, path: string, body?: unknown): Promise<Response> =>
  fetch(`${api.url}/__mock/${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe('startMockApi', () => {
  it('listens on a random local port', () => {
    expect(api.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(api.apiBase).toBe(`${api.url}/v1`);
  });

  it('closes and frees its port', async () => {
    const other = await startMockApi();
    await other.close();
    await expect(fetch(`${other.apiBase}/callbacks/search`)).rejects.toThrow();
  });
});

describe('/v1/callbacks/search over HTTP', () => {
  it('answers GET with JSON', async () => {
    const res = await search({ auth_token: TOKEN, lead_id: FIXTURE_LEADS.withCallbacks });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await res.json();
    expect(body).toMatchObject({ success: true, data: { offset: '0', limit: '20', total: '3' } });
  });

  it('answers a form-encoded POST the same as GET', async () => {
    const params = { auth_token: TOKEN, campaign_id: '1002', stage: 'PENDING', limit: '7' };
    const [g, p] = await Promise.all([search(params).then((r) => r.json()), post(params).then((r) => r.json())]);
    expect(p).toEqual(g);
    expect(p.data.results).toHaveLength(7);
  });

  it('lets the body win over the query string, like PHP $_REQUEST', async () => {
    const res = await fetch(`${api.apiBase}/callbacks/search?auth_token=wrong&lead_id=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ auth_token: TOKEN, lead_id: FIXTURE_LEADS.leadB }),
    });
    expect((await res.json()).data.total).toBe('5');
  });

  it.each([
    ['missing', {}],
    ['empty', { auth_token: '' }],
    ['unknown', { auth_token: 'nope' }],
  ])('refuses a %s token with HTTP 200 and code 403', async (_name, params) => {
    for (const res of [await search(params), await post(params)]) {
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ success: false, code: 403, text: 'Invalid authentication token' });
    }
  });

  it.each([
    [{ start_date: '2025-02-30' }, 6031],
    [{ campaign_id: 'x' }, 6026],
    [{ list_id: '42' }, 6042],
    [{ user_id: '1' }, 6006],
    [{ offset: '60000' }, 7231],
    [{ limit: '0' }, 7258],
  ])('answers bad parameters %j with code %i and HTTP 200', async (params, code) => {
    const res = await search({ auth_token: TOKEN, ...params });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ success: false, code });
  });

  it('answers other paths with a 404 HTML page, including the spec typo /callbacks/insert', async () => {
    for (const path of ['/v1/callbacks/insert', '/v1/nope', '/nothing']) {
      const res = await fetch(`${api.url}${path}?auth_token=${TOKEN}`);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await res.text()).toContain('404 Not Found');
    }
  });

  it('answers other methods with 405', async () => {
    const res = await fetch(`${api.apiBase}/callbacks/search`, { method: 'DELETE' });
    expect(res.status).toBe(405);
  });
});

describe('request recording', () => {
  it('records method, path, query, body, merged params, headers and time, token included', async () => {
    const before = Date.now();
    await fetch(`${api.apiBase}/callbacks/search?limit=5`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'X-Custom': 'yes' },
      body: new URLSearchParams({ auth_token: TOKEN, lead_id: '424242' }),
    });
    expect(api.requests).toHaveLength(1);
    const r = api.requests[0]!;
    expect(r).toMatchObject({
      method: 'POST',
      path: '/v1/callbacks/search',
      query: { limit: '5' },
      body: { auth_token: TOKEN, lead_id: '424242' },
      params: { limit: '5', auth_token: TOKEN, lead_id: '424242' },
    });
    expect(r.headers['x-custom']).toBe('yes');
    expect(r.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(r.time).toBeGreaterThanOrEqual(before);
  });

  it('does not record control calls or CRM pages', async () => {
    await control('GET', 'faults');
    await fetch(`${api.url}/crm/lead.html`);
    expect(api.requests).toEqual([]);
  });

  it('serves and clears the records over HTTP; clearRequests keeps the same array', async () => {
    const live = api.requests;
    await search({ auth_token: TOKEN, id: '1' });
    const listed = await (await control('GET', 'requests')).json();
    expect(listed).toHaveLength(1);
    expect(listed[0].query).toEqual({ auth_token: TOKEN, id: '1' });
    expect((await control('DELETE', 'requests')).status).toBe(204);
    expect(api.requests).toHaveLength(0);
    await search({});
    api.clearRequests();
    expect(live).toBe(api.requests);
    expect(live).toHaveLength(0);
  });
});

describe('faults', () => {
  const good = { auth_token: TOKEN, lead_id: FIXTURE_LEADS.withCallbacks };

  it('records a request before a fault hits it', async () => {
    api.setFaults({ dropConnection: true });
    await expect(search(good)).rejects.toThrow();
    expect(api.requests.map((r) => r.params.lead_id)).toEqual([FIXTURE_LEADS.withCallbacks]);
  });

  it('latencyMs delays the answer', async () => {
    api.setFaults({ latencyMs: 150 });
    const t = performance.now();
    await search(good);
    expect(performance.now() - t).toBeGreaterThanOrEqual(140);
  });

  it('status429 sends Retry-After for the next N requests', async () => {
    api.setFaults({ status429: { retryAfter: '3', times: 2 } });
    for (let i = 0; i < 2; i++) {
      const res = await search(good);
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('3');
      expect(await res.text()).toContain('Too Many Requests');
    }
    expect((await search(good)).status).toBe(200);
  });

  it.each([500, 502, 503, 504] as const)('status5xx %i sends a load balancer HTML page', async (status) => {
    api.setFaults({ status5xx: { status } });
    const res = await search(good);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toMatch(new RegExp(`<title>${status} `));
  });

  it('status5xx can send Retry-After, and forMs keeps a fault on for a while only (a 503 for a period, an outage)', async () => {
    api.setFaults({ status5xx: { status: 503, retryAfter: '6', forMs: 100 } });
    const res = await search(good);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('6');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect((await search(good)).status).toBe(200);
  });

  it('status5xx: true means 502, always', async () => {
    api.setFaults({ status5xx: true });
    expect((await search(good)).status).toBe(502);
    expect((await search(good)).status).toBe(502);
  });

  it('malformedJson sends a body that does not parse, once', async () => {
    api.setFaults({ malformedJson: { times: 1 } });
    const res = await search(good);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text.startsWith('{"success":true')).toBe(true);
    expect(() => JSON.parse(text)).toThrow();
    expect(await (await search(good)).json()).toMatchObject({ success: true });
  });

  it('successFalse answers with the given code and text, even with a good token', async () => {
    api.setFaults({ successFalse: { code: 6001, text: 'No records found' } });
    expect(await (await search(good)).json()).toEqual({ success: false, code: 6001, text: 'No records found' });
  });

  it('answer serves a named shape of mock-api/answers, or a body verbatim, whatever the token', async () => {
    api.setFaults({ answer: { shape: 'bare-page', times: 1 } });
    expect(await (await search({ auth_token: 'nope' })).json()).toEqual(answerShape('bare-page'));
    api.setFaults({ answer: { shape: 'missing-callbacks-6000', times: 1 } });
    expect(await (await search(good)).json()).toEqual({ success: false, code: 6000, text: 'Missing callbacks' });
    api.setFaults({ answer: { body: { offset: 0, results: [] }, times: 1 } });
    expect(await (await search(good)).json()).toEqual({ offset: 0, results: [] });
    expect(await (await search(good)).json()).toMatchObject({ success: true });
  });

  it('refuseStage refuses one spelling of the past-due stage by naming the stage', async () => {
    api.setFaults({ refuseStage: true });
    expect(await (await search({ ...good, stage: 'PASTDUE' })).json()).toEqual(answerShape('stage-refused'));
    expect(await (await search({ ...good, stage: 'PAST_DUE' })).json()).toMatchObject({ success: true });
  });

  it('numbersInsteadOfStrings turns counts and ids into JSON numbers', async () => {
    api.setFaults({ numbersInsteadOfStrings: { times: 1 } });
    const body = await (await search(good)).json();
    expect(body.data).toMatchObject({ offset: 0, limit: 20, total: 3 });
    expect(typeof body.data.results[0].id).toBe('number');
    expect(typeof body.data.results[0].lead_id).toBe('number');
    expect(typeof body.data.results[0].stage).toBe('string');
    expect((await (await search(good)).json()).data.total).toBe('3');
  });

  it('missingFields leaves fields out of every result', async () => {
    api.setFaults({ missingFields: { fields: ['class', 'stage'] } });
    const body = await (await search(good)).json();
    for (const r of body.data.results) {
      expect(r).not.toHaveProperty('class');
      expect(r).not.toHaveProperty('stage');
      expect(r).toHaveProperty('lead_id');
    }
    api.setFaults({ missingFields: true });
    const again = await (await search(good)).json();
    expect(again.data.results[0]).not.toHaveProperty('user_name');
  });

  it('missingFields does not count auth failures against times', async () => {
    api.setFaults({ missingFields: { times: 1 } });
    await search({});
    const body = await (await search(good)).json();
    expect(body.data.results[0]).not.toHaveProperty('class');
  });

  it('dropConnection destroys the socket, then stops after times', async () => {
    api.setFaults({ dropConnection: { times: 1 } });
    await expect(search(good)).rejects.toThrow();
    expect((await search(good)).status).toBe(200);
  });

  it('resetFaults turns everything off', async () => {
    api.setFaults({ status5xx: true, latencyMs: 10 });
    api.resetFaults();
    expect((await search(good)).status).toBe(200);
  });

  it('setFaults refuses unknown switches', () => {
    expect(() => api.setFaults({ nope: true } as never)).toThrow();
  });

  it('can be flipped over HTTP, with CORS for a page on another origin', async () => {
    const res = await control('POST', 'faults', { status5xx: { status: 503, times: 1 } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(await res.json()).toMatchObject({ status5xx: { status: 503, times: 1 } });
    expect(await (await control('GET', 'faults')).json()).toMatchObject({ status5xx: { status: 503, times: 1 } });
    expect((await search(good)).status).toBe(503);
    expect((await search(good)).status).toBe(200);

    await control('POST', 'faults', { status429: true });
    expect((await search(good)).status).toBe(429);
    expect((await control('POST', 'reset')).status).toBe(200);
    expect((await search(good)).status).toBe(200);

    const preflight = await fetch(`${api.url}/__mock/faults`, { method: 'OPTIONS' });
    expect(preflight.status).toBe(204);
  });

  it('answers a bad fault body with 400 and changes nothing', async () => {
    expect((await control('POST', 'faults', { status5xx: { status: 200 } })).status).toBe(400);
    const bad = await fetch(`${api.url}/__mock/faults`, { method: 'POST', body: '{not json' });
    expect(bad.status).toBe(400);
    expect((await search(good)).status).toBe(200);
  });

  it('does not slow down or break the CRM pages', async () => {
    api.setFaults({ status5xx: true, dropConnection: true });
    expect((await fetch(`${api.url}/crm/lead.html`)).status).toBe(200);
  });
});

describe('CRM pages', () => {
  const page = async (path: string): Promise<{ status: number; type: string; text: string }> => {
    const res = await fetch(`${api.url}/crm/${path}`);
    return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
  };

  it.each([
    'index.html', '', 'lead.html?lead_id=424242', 'contact.html', 'form.html', 'spa.html', 'spa.html?mode=dom',
    'leads.html', 'no-lead.html', 'convoso/leads/edit_lead.php?lead_id=525252', 'xss.html?lead_id=666666',
  ])('serves %s as HTML with no external resource', async (path) => {
    const p = await page(path);
    expect(p.status).toBe(200);
    expect(p.type).toMatch(/^text\/html/);
    expect(p.text).toMatch(/^<!DOCTYPE html>/);
    expect(p.text).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
    expect(p.text).not.toMatch(/@import|url\(\s*['"]?https?:/);
  });

  it('links every page from the index', async () => {
    const index = (await page('')).text;
    for (const href of ['lead.html?lead_id=424242', 'contact.html', 'form.html', 'spa.html', 'leads.html', 'no-lead.html', 'convoso/leads/edit_lead.php?lead_id=', 'xss.html?lead_id=666666']) {
      expect(index).toContain(`href="${href}`);
    }
  });

  it('serves the stylesheet and the lead scripts with their types', async () => {
    expect((await page('crm.css')).type).toMatch(/^text\/css/);
    const card = await page('lead-card.js');
    expect(card.type).toMatch(/^text\/javascript/);
    expect(card.text).toContain('function crmShowLead(id)');
    const dir = await page('leads-directory.js');
    expect(dir.type).toMatch(/^text\/javascript/);
    expect(dir.text).toContain('"424242":{"firstName":"Maria"');
  });

  it('redirects / and /crm to the index', async () => {
    const res = await fetch(`${api.url}/`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/crm/');
  });

  it.each(['nope.html', '..%2Fserver.ts', '%2e%2e/server.ts', 'convoso/../../data.ts', 'leads.txt'])('refuses %s', async (path) => {
    expect((await page(path)).status).toBe(404);
  });

  it('contact.html has the lead only in data attributes', async () => {
    const text = (await page('contact.html')).text;
    expect(text).toContain('data-lead-id="424242"');
    expect(text).toContain('data-convoso-lead-id="424242"');
    expect(text.match(/424242/g)).toHaveLength(2);
  });

  it('form.html has the lead in an input named lead_id', async () => {
    expect((await page('form.html')).text).toMatch(/<input[^>]*name="lead_id"[^>]*value="424242"/);
  });

  it('leads.html has one row per table lead, in order', async () => {
    const text = (await page('leads.html')).text;
    const ids = [...text.matchAll(/<tr data-lead-id="(\d+)">/g)].map((m) => m[1]);
    expect(ids).toEqual([...TABLE_LEAD_IDS]);
    for (const id of TABLE_LEAD_IDS) {
      const lead = FIXTURE_LEAD_LIST.find((l) => l.leadId === id)!;
      expect(text).toContain(`${lead.firstName} ${lead.lastName.replace("'", '&#39;')}`);
    }
  });

  it('no-lead.html has numbers, none of them a lead id', async () => {
    const text = (await page('no-lead.html')).text;
    expect(text).toContain('Calls today: 42');
    const leadIds = new Set([...api.dataset.leads.map((l) => l.id), ...FIXTURE_LEAD_LIST.map((l) => l.leadId)]);
    const numbers = text.match(/\d+/g) ?? [];
    expect(numbers.length).toBeGreaterThan(10);
    expect(numbers.filter((n) => leadIds.has(n))).toEqual([]);
    expect(text).not.toMatch(/lead_id|data-lead-id|data-convoso-lead-id/);
  });

  it('spa.html switches both leads of the fixtures', async () => {
    const text = (await page('spa.html')).text;
    expect(text).toContain(`data-spa-lead="${FIXTURE_LEADS.leadA}"`);
    expect(text).toContain(`data-spa-lead="${FIXTURE_LEADS.leadB}"`);
    expect(text).toContain('history.pushState');
  });

  it('pages fill text with textContent, never innerHTML', () => {
    for (const name of ['lead.html', 'xss.html', 'spa.html', 'convoso/leads/edit_lead.php']) {
      expect(readFileSync(`${PAGES_DIR}${name}`, 'utf8')).not.toMatch(/innerHTML|document\.write/);
    }
  });
});
